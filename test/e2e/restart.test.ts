// The OpenVidu server restarts mid-call, by a crash (SIGKILL) or a graceful stop (SIGTERM, as `./openvidu restart`):
// both rooms come back by themselves with fresh tokens, the same camera, and the same participants. Reasons that
// mean "stay out" never rejoin.
import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import { OV_SECRET, OV_SERVER_URL } from '../support/env.js';
import { waitUntil, expectNothingLeftRunning, joinedRoom, liveTracks, stage, uniqueSessionId, videoPlaying } from '../support/room-helpers.js';

const restartable = (payload: Record<string, unknown>) => executeServerCommand('ov-restartable', payload) as Promise<{ url: string }>;

/** Everything a room fired about participants, to tell "back" from "left and joined again". */
function recordParticipantEvents(room: OvRoom): string[] {
  const seen: string[] = [];
  room.addEventListener('ov-participant-joined', (e) => seen.push(`joined ${e.detail.participant.name}`));
  room.addEventListener('ov-participant-left', (e) => seen.push(`left ${e.detail.participant.name}`));
  return seen;
}

describe('the OpenVidu server restarts mid-call', () => {
  afterEach(expectNothingLeftRunning);
  after(() => restartable({ action: 'stop', signal: 'SIGKILL' }));

  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    it(`after ${signal === 'SIGKILL' ? 'a crash (SIGKILL)' : 'a graceful stop (SIGTERM)'}, both rooms rejoin by themselves, each playing the other, same camera, same people`, async () => {
      const { url } = await restartable({ action: 'start' });
      const parent = await stage();
      const sessionId = uniqueSessionId(`restart-${signal}`);
      const ana = await joinedRoom(parent, { sessionId, name: 'Ana', tokenUrl: `${url}/api` });
      const ben = await joinedRoom(parent, { sessionId, name: 'Ben', tokenUrl: `${url}/api` });
      await videoPlaying(ana, 'Ben');
      await videoPlaying(ben, 'Ana');
      const tracksBefore = liveTracks();
      expect(tracksBefore).to.have.length(4);
      const peopleBefore = [ana, ben].map((room) => room.state.participants.map((p) => p.participantId));
      const anaEvents = recordParticipantEvents(ana);
      const benEvents = recordParticipantEvents(ben);
      const rejoined = [ana, ben].map((room) => oneEvent(room, 'ov-reconnected'));
      const left: string[] = [];
      for (const room of [ana, ben]) room.addEventListener('ov-left', (e) => left.push(e.detail.reason));

      await restartable({ action: 'stop', signal });
      await waitUntil(() => ana.state.status === 'reconnecting' && ben.state.status === 'reconnecting', 'the rooms did not notice', { timeout: 15000 });
      await restartable({ action: 'start' });
      for (const event of await Promise.all(rejoined)) expect(event.detail.rejoined, 'a full rejoin').to.equal(true);

      await videoPlaying(ana, 'Ben', 20000);
      await videoPlaying(ben, 'Ana', 20000);
      expect([ana, ben].map((room) => room.state.participants.map((p) => p.participantId))).to.deep.equal(peopleBefore);
      // The same camera and microphone tracks: no second camera, no new permission prompt.
      expect(liveTracks()).to.have.members(tracksBefore);
      expect(liveTracks()).to.have.length(4);
      expect(anaEvents, 'Ana\'s room said nothing about Ben leaving or joining').to.deep.equal([]);
      expect(benEvents).to.deep.equal([]);
      expect(left).to.deep.equal([]);
      parent.remove();
    }).timeout(60000);
  }

  it('a room joined with a literal token cannot rejoin, and says so', async () => {
    const { url } = await restartable({ action: 'start' });
    const parent = await stage();
    const sessionId = uniqueSessionId('restart-literal');
    const created = await fetch(`${url}/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ customSessionId: sessionId }) });
    const token = await (await fetch(`${url}/api/sessions/${await created.text()}/connections`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).text();
    const room = document.createElement('ov-room');
    room.token = token;
    room.sessionId = sessionId;
    room.participantName = 'Ana';
    room.noPrejoin = true;
    parent.append(room);
    await oneEvent(room, 'ov-joined');
    const error = oneEvent(room, 'ov-error');
    await restartable({ action: 'stop', signal: 'SIGTERM' });
    expect((await error).detail).to.include({ code: 'REJOIN_NEEDS_TOKEN_SOURCE', fatal: true });
    expect(room.state.status).to.equal('error');
    parent.remove();
  }).timeout(30000);

  it('a session closed on purpose through the REST API stays closed: no rejoin', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('closed');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const left = oneEvent(ana, 'ov-left');
    const closed = await fetch(`${OV_SERVER_URL}/openvidu/api/sessions/${sessionId}`, { method: 'DELETE', headers: { Authorization: `Basic ${btoa(`OPENVIDUAPP:${OV_SECRET}`)}` } });
    expect(closed.status).to.equal(204);
    expect((await left).detail.reason).to.equal('sessionClosedByServer');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a rejoin would have asked for a token by now
    expect(ana.state.status).to.equal('left');
    const state = (await executeServerCommand('ov-server', { action: 'state' })) as { sessions: Array<{ sessionId: string }> };
    expect(state.sessions.some((s) => s.sessionId === sessionId), 'the session was created again').to.equal(false);
    parent.remove();
  });
});
