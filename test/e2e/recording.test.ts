// Recording, visible to all: a recording started and stopped through the OpenVidu REST API (as an application
// server does) shows in every room of the session, is announced, and is reported to the app; a room that joins
// while the session is recorded sees it at once.
import { expect, oneEvent } from '@open-wc/testing';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import { OV_SECRET, OV_SERVER_URL } from '../support/env.js';
import { expectNothingLeftRunning, joinedRoom, stage, uniqueSessionId, waitUntil } from '../support/room-helpers.js';

async function recordings(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${OV_SERVER_URL}/openvidu/api/recordings${path}`, {
    method,
    headers: { Authorization: `Basic ${btoa(`OPENVIDUAPP:${OV_SECRET}`)}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return {};
  if (response.status !== 200) throw new Error(`${method} /recordings${path} → ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

const indicatorOf = (room: OvRoom) => room.shadowRoot!.querySelector('ov-recording-indicator')!;
/** What a sighted person sees: the badge is laid out and says REC. */
const showsRec = (room: OvRoom) => {
  const indicator = indicatorOf(room);
  const badge = indicator?.shadowRoot?.querySelector<HTMLElement>('[part="base"]');
  return !!badge && badge.getClientRects().length > 0 && badge.textContent!.includes('REC');
};
/** What a screen reader hears from the room's live region. */
const announced = (room: OvRoom) => room.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!;

describe('recording', () => {
  afterEach(expectNothingLeftRunning);

  it('shows in every room and is announced while the REST API records the session; a room that joins meanwhile sees it at once', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('rec');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    expect(showsRec(ana) || showsRec(ben), 'nothing shows before recording').to.equal(false);
    expect(indicatorOf(ana).getClientRects().length, 'the idle indicator takes no room').to.equal(0);

    const started = [oneEvent(ana, 'ov-recording-changed'), oneEvent(ben, 'ov-recording-changed')];
    const recording = await recordings('POST', '/start', { session: sessionId, name: 'standup' });
    for (const { detail } of await Promise.all(started)) {
      expect(detail.recording).to.deep.include({ active: true, id: recording.id, name: 'standup' });
      expect(detail.reason).to.equal('');
    }
    for (const room of [ana, ben]) {
      await waitUntil(() => showsRec(room), `${room.participantName} shows no REC`);
      expect(room.state.recording).to.deep.include({ active: true, id: recording.id });
      expect(indicatorOf(room).shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('This meeting is being recorded');
      await waitUntil(() => announced(room).includes('This meeting is being recorded.'), `${room.participantName} did not announce the recording`);
    }
    await expect(indicatorOf(ana)).to.be.accessible();

    // A room that joins during the recording shows it from its first frame of the meeting, and says so with the join.
    const cai = await joinedRoom(parent, { sessionId, name: 'Cai' });
    expect(cai.state.recording.active, 'known when ov-joined fires').to.equal(true);
    await cai.updateComplete;
    await indicatorOf(cai).updateComplete;
    expect(showsRec(cai), 'REC shows as the meeting appears').to.equal(true);
    await waitUntil(() => announced(cai).includes('This meeting is being recorded.'), 'Cai did not hear of the recording');
    expect(announced(cai)).to.contain(`You joined "${sessionId}".`);

    const stopped = [ana, ben, cai].map((room) => oneEvent(room, 'ov-recording-changed'));
    expect((await recordings('POST', `/stop/${String(recording.id)}`)).status).to.equal('stopped');
    for (const { detail } of await Promise.all(stopped)) {
      expect(detail.recording.active).to.equal(false);
      expect(detail.reason).to.equal('recordingStoppedByServer');
    }
    for (const room of [ana, ben, cai]) {
      await waitUntil(() => !showsRec(room), `${room.participantName} still shows REC`);
      expect(room.state.recording).to.deep.equal({ active: false });
      await waitUntil(() => announced(room).includes('The recording of this meeting stopped.'), `${room.participantName} did not announce the stop`);
    }
    await recordings('DELETE', `/${String(recording.id)}`);
    parent.remove();
  });

  it('speaks the room\'s language, and a room that leaves forgets the recording', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('rec-es');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana', lang: 'es' });
    const changed = oneEvent(ana, 'ov-recording-changed');
    await recordings('POST', '/start', { session: sessionId });
    await changed;
    await waitUntil(() => showsRec(ana));
    expect(indicatorOf(ana).shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Esta reunión se está grabando');
    await waitUntil(() => announced(ana).includes('Esta reunión se está grabando.'));
    await ana.leave();
    expect(ana.state.recording).to.deep.equal({ active: false });
    parent.remove();
  });
});
