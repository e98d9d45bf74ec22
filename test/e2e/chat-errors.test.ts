// A chat message that cannot go out: the connection to the server is down (the room is reconnecting). What the
// person reads, what the app receives, and that the same message goes out once the room is back.
import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import { button, expectNothingLeftRunning, findButton, joinedRoom, stage, uniqueSessionId, waitUntil } from '../support/room-helpers.js';

const notice = (room: OvRoom, code: string) => room.shadowRoot!.querySelector<HTMLElement>(`[part="notice"][data-code="${code}"]`);
const composer = (room: OvRoom) => room.shadowRoot!.querySelector('ov-chat')?.shadowRoot?.querySelector('textarea');

describe('chat errors', function () {
  this.timeout(60000);
  afterEach(expectNothingLeftRunning);

  it('a message sent while the room reconnects: CHAT_NOT_SENT, and it goes out once the room is back', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('chat-down');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await waitUntil(() => ana.state.remotes.length === 1, 'Ana never saw Ben');
    await waitUntil(() => findButton(ana, 'Chat'), 'no Chat button');
    button(ana, 'Chat').click();
    await waitUntil(() => composer(ana), 'the chat did not open');
    // The network drops and the server stays out of reach for a while.
    await executeServerCommand('ov-server', { action: 'refuse-reconnections', sessionId });
    const reconnecting = oneEvent(ana, 'ov-reconnecting');
    await executeServerCommand('ov-server', { action: 'drop-socket', connectionId: ana.state.local!.connectionId });
    await reconnecting;
    await waitUntil(() => composer(ana)!.disabled, 'the composer still takes messages');
    const told = oneEvent(ana, 'ov-error');
    const outcome = await ana.sendChatMessage('Are you still there?').then(
      () => 'sent',
      (error: { code: string }) => error.code,
    );
    expect(outcome).to.equal('CHAT_NOT_SENT');
    const { detail } = await told;
    expect(detail).to.include({ code: 'CHAT_NOT_SENT', fatal: false, message: 'The message could not be sent.' });
    await waitUntil(() => notice(ana, 'CHAT_NOT_SENT'), 'Ana is not told on screen');
    expect(notice(ana, 'CHAT_NOT_SENT')!.innerText).to.contain(detail.message).and.contain(detail.remedy);
    // The server is back: the room reconnects, and sending again works.
    const reconnected = oneEvent(ana, 'ov-reconnected');
    await executeServerCommand('ov-server', { action: 'refuse-reconnections', sessionId, mode: 'accept' });
    await reconnected;
    await waitUntil(() => !composer(ana)!.disabled, 'the composer stayed disabled');
    await ana.sendChatMessage('Are you still there?');
    await waitUntil(() => ben.state.chatMessages.some((m) => m.message === 'Are you still there?'), 'Ben never got the message');
    expect(ben.state.chatMessages, 'the refused message was not sent').to.have.length(1);
    parent.remove();
  });
});
