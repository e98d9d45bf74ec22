// What moderation does when it goes wrong or reaches someone: a moderator stops a shared screen, and two moderators
// remove the same participant at once (the server refuses the second, as openvidu-server does).
import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { OvErrorEvent } from '../../src/events.js';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import { addRoom, button, expectNothingLeftRunning, findButton, joinedRoom, liveTracks, stage, uniqueSessionId, waitUntil } from '../support/room-helpers.js';

async function moderatedRoom(parent: HTMLElement, sessionId: string, name: string, role: string): Promise<OvRoom> {
  const room = addRoom(parent, { sessionId, name, tokenUrl: '' });
  room.tokenProvider = async () => ((await executeServerCommand('ov-server', { action: 'token', sessionId, role })) as { token: string }).token;
  await oneEvent(room, 'ov-joined');
  return room;
}

async function openParticipants(room: OvRoom): Promise<void> {
  await waitUntil(() => findButton(room, 'Participants'), 'no Participants button');
  button(room, 'Participants').click();
  await waitUntil(() => room.shadowRoot!.querySelector('ov-participants'), 'the participants panel did not open');
}

/** The room's notice about `code`: what the person reads. */
const noticeText = (room: OvRoom, code: string) =>
  (room.shadowRoot!.querySelector(`[part="notice"][data-code="${code}"]`) as HTMLElement | null)?.innerText ?? '';

describe('moderation errors', () => {
  afterEach(expectNothingLeftRunning);

  it('a moderator stops someone\'s screen share: SCREEN_STOPPED_BY_MODERATOR, their camera stays', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('stop-screen');
    const mia = await moderatedRoom(parent, sessionId, 'Mia', 'MODERATOR');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await ben.startScreenShare();
    await waitUntil(() => mia.state.participants.find((p) => p.name === 'Ben')?.screen, 'Mia never saw Ben\'s screen');
    await openParticipants(mia);
    await waitUntil(() => findButton(mia, 'Stop screen share'), 'no Stop screen share button');
    button(mia, 'Stop screen share').click();
    await waitUntil(() => findButton(mia, 'Confirm'), 'no confirmation asked');
    const told = oneEvent(ben, 'ov-error');
    button(mia, 'Confirm').click();
    const { detail } = await told;
    expect(detail).to.include({ code: 'SCREEN_STOPPED_BY_MODERATOR', fatal: false });
    await waitUntil(() => noticeText(ben, 'SCREEN_STOPPED_BY_MODERATOR'), 'Ben is not told on screen');
    expect(noticeText(ben, 'SCREEN_STOPPED_BY_MODERATOR')).to.contain(detail.message).and.to.contain(detail.remedy);
    expect(detail.message).to.equal('A moderator stopped your screen share.');
    await waitUntil(() => liveTracks().every((t) => !t.label.startsWith('screen:')), 'Ben\'s screen stayed captured');
    await waitUntil(() => !mia.state.participants.find((p) => p.name === 'Ben')?.screen, 'Mia still sees Ben\'s screen');
    expect(ben.state.status).to.equal('joined');
    expect(ben.state.local!.screen, 'Ben no longer shares').to.equal(undefined);
    expect(mia.state.participants.find((p) => p.name === 'Ben'), 'Ben\'s camera goes on').to.include({ publishing: true, cameraOn: true });
    parent.remove();
  });

  it('two moderators remove the same participant at once: the second is refused with MODERATION_FAILED', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('two-mods');
    const mia = await moderatedRoom(parent, sessionId, 'Mia', 'MODERATOR');
    const max = await moderatedRoom(parent, sessionId, 'Max', 'MODERATOR');
    await joinedRoom(parent, { sessionId, name: 'Ben' });
    const benId = () => mia.state.remotes.find((p) => p.name === 'Ben')?.participantId;
    await waitUntil(() => benId() && max.state.remotes.some((p) => p.name === 'Ben'), 'the moderators never saw Ben');
    const errors: OvErrorEvent['detail'][] = [];
    for (const room of [mia, max]) room.addEventListener('ov-error', (event) => errors.push(event.detail));
    // Both ask before either hears that Ben left: the server carries out the first and refuses the other.
    const outcomes = await Promise.all(
      [mia, max].map((room) =>
        room.removeParticipant(benId()!).then(
          () => 'removed',
          (error: { code: string }) => error.code,
        ),
      ),
    );
    expect([...outcomes].sort()).to.deep.equal(['MODERATION_FAILED', 'removed']);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ code: 'MODERATION_FAILED', fatal: false });
    expect(errors[0]!.remedy).to.contain('may already have left');
    const refused = outcomes[0] === 'MODERATION_FAILED' ? mia : max;
    await waitUntil(() => noticeText(refused, 'MODERATION_FAILED'), 'the refused moderator is not told on screen');
    expect(noticeText(refused, 'MODERATION_FAILED')).to.contain(errors[0]!.message).and.to.contain(errors[0]!.remedy);
    for (const room of [mia, max]) await waitUntil(() => !room.state.remotes.some((p) => p.name === 'Ben'), `${room.participantName} still lists Ben`);
    parent.remove();
  });
});
