// The meeting of "part 2" through the local OpenVidu server: chat between rooms (and with OpenVidu Call's format),
// the participants panel and a moderator's powers.
import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { OpenVidu, type SignalEvent } from 'openvidu-browser';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import { CHAT_HISTORY } from '../../src/core/chat.js';
import {
  waitUntil,
  addRoom,
  button,
  deepActiveElement,
  deepQueryAll,
  expectNothingLeftRunning,
  findButton,
  joinedRoom,
  liveTracks,
  roomText,
  stage,
  tileLabel,
  tileNamed,
  uniqueSessionId,
  videoPlaying,
} from '../support/room-helpers.js';

const chatOf = (room: OvRoom) => room.shadowRoot!.querySelector('ov-chat');
const messagesIn = (room: OvRoom) =>
  [...(chatOf(room)?.shadowRoot?.querySelectorAll('[part="message"]') ?? [])].map((m) => ({
    sender: m.querySelector('[part="sender"]')!.textContent!.trim(),
    text: m.querySelector('[part="text"]')!.textContent!,
    links: [...m.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel'), target: a.getAttribute('target') })),
  }));
const chatBadge = (room: OvRoom) =>
  deepQueryAll(room.shadowRoot!, 'ov-panel-toggle[panel="chat"]')[0]?.shadowRoot?.querySelector('[part="badge"]')?.textContent ?? '';

async function openPanel(room: OvRoom, label: string): Promise<void> {
  await waitUntil(() => findButton(room, label), `no ${label} button`);
  const opener = button(room, label);
  opener.focus();
  opener.click();
  await waitUntil(() => room.shadowRoot!.querySelector('[part="panel"]'), `the ${label} panel did not open`);
}

async function typeAndSend(room: OvRoom, text: string): Promise<void> {
  const field = chatOf(room)!.shadowRoot!.querySelector('textarea')!;
  field.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

describe('chat', () => {
  afterEach(expectNothingLeftRunning);

  it('a message typed in one room (Enter) shows in the others with its sender, raises their unread count, and is announced', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('chat');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    const cai = await joinedRoom(parent, { sessionId, name: 'Cai' });
    await openPanel(ana, 'Chat');
    await waitUntil(() => deepActiveElement(ana)?.localName === 'textarea', 'the chat field did not get the focus');
    const received = oneEvent(ben, 'ov-chat-message');
    const own = oneEvent(ana, 'ov-chat-message');
    await typeAndSend(ana, 'Hello, everyone');
    const { detail } = await received;
    expect(detail).to.deep.include({ message: 'Hello, everyone', local: false });
    expect(detail.from).to.deep.include({ name: 'Ana', connectionId: ana.state.local!.connectionId, participantId: ana.state.local!.participantId });
    expect((await own).detail.local, 'the sender gets its own message as local').to.equal(true);
    expect(chatOf(ana)!.shadowRoot!.querySelector('textarea')!.value, 'the field is emptied').to.equal('');
    for (const room of [ben, cai]) await waitUntil(() => chatBadge(room) === '1', `${room.participantName} shows no unread message`);
    expect(chatBadge(ana), 'nothing is unread where the chat is open').to.equal('');
    expect(deepQueryAll(ben.shadowRoot!, 'ov-panel-toggle[panel="chat"]')[0]!.shadowRoot!.querySelector('button')!.textContent!.replace(/\s+/g, ' ')).to.contain('1 unread');

    await openPanel(ben, 'Chat');
    await waitUntil(() => messagesIn(ben).length === 1);
    expect(messagesIn(ben)[0]).to.deep.include({ sender: 'Ana', text: 'Hello, everyone' });
    expect(messagesIn(ana)[0]).to.deep.include({ sender: 'You' });
    await waitUntil(() => chatBadge(ben) === '', 'opening the chat leaves it unread');
    // Shift+Enter is a new line, not a send.
    const field = chatOf(ben)!.shadowRoot!.querySelector('textarea')!;
    field.focus();
    await sendKeys({ type: 'two' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'lines' });
    expect(messagesIn(ben)).to.have.length(1);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => messagesIn(ana).length === 2, 'the two-line message never arrived');
    expect(messagesIn(ana)[1]!.text).to.equal('two\nlines');
    // Ana's room announces Ben's message politely.
    await waitUntil(() => ana.shadowRoot!.querySelector('[part="base"] > [aria-live="polite"]')!.textContent!.includes('Ben: two'), 'no announcement', { timeout: 4000 });
    await expect(ana).to.be.accessible();
    // Escape closes the panel and gives the focus back to the Chat button.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !ben.shadowRoot!.querySelector('[part="panel"]'));
    expect(deepActiveElement(ben)).to.equal(button(ben, 'Chat'));
    parent.remove();
  });

  it('markup and javascript: links stay inert; http and https links open safely', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('chat-safe');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: '<img src=x onerror=alert(1)>' });
    await openPanel(ana, 'Chat');
    const hostile = '<b>bold</b> <script>window.hacked=1</script> javascript:alert(1) see https://example.com/a?b=1, or http://x.test.';
    await ben.sendChatMessage(hostile);
    await waitUntil(() => messagesIn(ana).length === 1);
    const [message] = messagesIn(ana);
    expect(message!.text).to.equal(hostile);
    expect(message!.sender).to.equal('<img src=x onerror=alert(1)>');
    expect(message!.links).to.deep.equal([
      { href: 'https://example.com/a?b=1', rel: 'noopener noreferrer', target: '_blank' },
      { href: 'http://x.test/', rel: 'noopener noreferrer', target: '_blank' },
    ]);
    const rendered = chatOf(ana)!.shadowRoot!.querySelector('[part="messages"]')!;
    expect(rendered.querySelectorAll('b, script, img')).to.have.length(0);
    expect((window as { hacked?: number }).hacked).to.equal(undefined);
    parent.remove();
  });

  it('a too-long message is refused with a clear message; a flood keeps the last messages only', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('chat-limits');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await openPanel(ana, 'Chat');
    const field = chatOf(ana)!.shadowRoot!.querySelector('textarea')!;
    field.value = 'x'.repeat(2010);
    field.dispatchEvent(new Event('input'));
    await chatOf(ana)!.updateComplete;
    const error = chatOf(ana)!.shadowRoot!.querySelector('[part="error"]') as HTMLElement;
    expect(error.hidden).to.equal(false);
    expect(error.textContent).to.contain('10 characters too many');
    expect(chatOf(ana)!.shadowRoot!.querySelector<HTMLButtonElement>('[part="send"]')!.disabled).to.equal(true);
    const refused = oneEvent(ben, 'ov-error');
    let rejected: unknown;
    await ben.sendChatMessage('y'.repeat(2001)).catch((e: unknown) => (rejected = e));
    expect((await refused).detail).to.include({ code: 'CHAT_MESSAGE_TOO_LONG', fatal: false });
    expect((rejected as { code: string }).code).to.equal('CHAT_MESSAGE_TOO_LONG');

    // A peer floods the chat: the room keeps the last messages and the page stays responsive.
    const flood = Array.from({ length: CHAT_HISTORY + 50 }, (_, i) => ben.sendChatMessage(`message ${i}`));
    await Promise.all(flood);
    await waitUntil(() => ana.state.chatMessages.at(-1)?.message === `message ${CHAT_HISTORY + 49}`, 'the flood never arrived', { timeout: 15000 });
    expect(ana.state.chatMessages).to.have.length(CHAT_HISTORY);
    await waitUntil(() => messagesIn(ana).length === CHAT_HISTORY);
    expect(messagesIn(ana)[0]!.text).to.equal('message 50');
    parent.remove();
  });

  it('500 messages in a burst leave a bounded list and a composer that still types and sends', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('chat-burst');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await openPanel(ana, 'Chat');
    await Promise.all(Array.from({ length: 500 }, (_, i) => ben.sendChatMessage(`burst ${i}`)));
    await waitUntil(() => messagesIn(ana).at(-1)?.text === 'burst 499', 'the burst never showed', { timeout: 20000 });
    expect(ana.state.chatMessages, 'the room keeps the last messages only').to.have.length(CHAT_HISTORY);
    expect(messagesIn(ana), 'the list is as bounded as the room').to.have.length(CHAT_HISTORY);
    expect(messagesIn(ana)[0]!.text).to.equal(`burst ${500 - CHAT_HISTORY}`);
    // The composer still works: typed with the keyboard, sent with Enter, seen on both sides.
    await typeAndSend(ana, 'Still here');
    await waitUntil(() => messagesIn(ana).at(-1)?.text === 'Still here', 'Ana\'s message did not show after the burst');
    await waitUntil(() => ben.state.chatMessages.at(-1)?.message === 'Still here', 'Ben never got it');
    expect(chatOf(ana)!.shadowRoot!.querySelector('textarea')!.value).to.equal('');
    expect(messagesIn(ana)).to.have.length(CHAT_HISTORY);
    parent.remove();
  });

  it('speaks OpenVidu Call\'s chat: a raw participant\'s {message, nickname} shows; ours arrives as {message, nickname}', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('chat-call');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    await openPanel(ana, 'Chat');
    const ov = new OpenVidu();
    ov.enableProdMode();
    const olga = ov.initSession();
    const heard: Array<{ data: string; from?: string }> = [];
    olga.on('signal:chat', (event: SignalEvent) => heard.push({ data: event.data ?? '', from: event.from?.connectionId }));
    const token = ((await executeServerCommand('ov-server', { action: 'token', sessionId })) as { token: string }).token;
    await olga.connect(token, { clientData: 'Olga', participantId: 'call-olga', type: 'CAMERA' });
    try {
      await waitUntil(() => ana.state.participants.length === 2);
      await olga.signal({ type: 'chat', data: JSON.stringify({ message: 'Hi from OpenVidu Call', nickname: 'Olga' }) });
      await waitUntil(() => messagesIn(ana).some((m) => m.text === 'Hi from OpenVidu Call'), 'Olga\'s message never showed');
      expect(messagesIn(ana).find((m) => m.text === 'Hi from OpenVidu Call')!.sender).to.equal('Olga');
      await ana.sendChatMessage('Hi Olga');
      await waitUntil(() => heard.some((h) => h.from === ana.state.local!.connectionId), 'Olga never got Ana\'s message');
      expect(JSON.parse(heard.find((h) => h.from === ana.state.local!.connectionId)!.data)).to.deep.equal({ message: 'Hi Olga', nickname: 'Ana' });
      // OpenVidu Call's nicknameChanged renames her here too; other signal types are ignored quietly.
      await olga.signal({ type: 'nicknameChanged', data: JSON.stringify({ clientData: 'Olga K.' }) });
      await olga.signal({ type: 'somethingElse', data: '{"x":1}' });
      await waitUntil(() => ana.state.participants.some((p) => p.name === 'Olga K.'), 'the rename never showed');
    } finally {
      olga.disconnect();
    }
    parent.remove();
  });
});

describe('participants and moderation', () => {
  afterEach(expectNothingLeftRunning);

  async function moderatedRoom(parent: HTMLElement, sessionId: string, name: string, role: string): Promise<OvRoom> {
    const room = addRoom(parent, { sessionId, name, tokenUrl: '' });
    room.tokenProvider = async () => ((await executeServerCommand('ov-server', { action: 'token', sessionId, role })) as { token: string }).token;
    await oneEvent(room, 'ov-joined');
    return room;
  }

  const participantRows = (room: OvRoom) =>
    [...(room.shadowRoot!.querySelector('ov-participants')?.shadowRoot?.querySelectorAll('[part="participant"]') ?? [])] as HTMLElement[];

  it('lists everyone, you first, with their states; a publisher sees no moderation controls', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('people');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ana, 'Ben');
    ben.toggleMicrophone();
    await ben.startScreenShare();
    await openPanel(ana, 'Participants');
    await waitUntil(() => participantRows(ana).length === 2);
    await waitUntil(() => participantRows(ana)[1]!.innerText.includes('sharing the screen'), 'Ben\'s states never showed');
    const [you, other] = participantRows(ana).map((row) => row.innerText.replace(/\s+/g, ' ').trim());
    expect(you).to.match(/^Ana \(you\)/);
    expect(other).to.contain('Ben');
    expect(other).to.contain('microphone off');
    expect(ana.state.canModerate).to.equal(false);
    expect(ana.shadowRoot!.querySelector('ov-participants')!.shadowRoot!.querySelectorAll('[part="action"]')).to.have.length(0);
    expect(ana.shadowRoot!.querySelector('[part="panel"] h2')!.textContent).to.equal('Participants (2)');
    await expect(ana).to.be.accessible();
    parent.remove();
  });

  it('a moderator removes a participant (camera and screen connections) after confirming; the removed room says why', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('remove');
    const mod = await moderatedRoom(parent, sessionId, 'Mia', 'MODERATOR');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await ben.startScreenShare();
    await waitUntil(() => mod.state.participants.find((p) => p.name === 'Ben')?.screen, 'Mia never saw Ben\'s screen');
    expect(mod.state.canModerate).to.equal(true);
    expect(mod.state.local!.role).to.equal('MODERATOR');
    await openPanel(mod, 'Participants');
    await waitUntil(() => findButton(mod, 'Remove'));
    await expect(mod).to.be.accessible();
    button(mod, 'Remove').click();
    await waitUntil(() => findButton(mod, 'Confirm'), 'no confirmation asked');
    expect(deepActiveElement(mod), 'the confirmation gets the focus').to.equal(button(mod, 'Confirm'));
    expect(mod.state.participants, 'nothing happens before confirming').to.have.length(2);
    const left = oneEvent(ben, 'ov-left');
    const errors: unknown[] = [];
    ben.addEventListener('ov-error', (e) => errors.push(e.detail));
    button(mod, 'Confirm').click();
    expect((await left).detail.reason).to.equal('forceDisconnectByUser');
    await waitUntil(() => mod.state.participants.length === 1, 'Ben stayed in Mia\'s room');
    expect(roomText(ben)).to.contain('A moderator removed you from the meeting.');
    expect(errors, 'removal is not an error').to.deep.equal([]);
    await waitUntil(() => liveTracks().every((t) => !t.label.startsWith('screen:')), 'Ben\'s screen stayed shared');
    parent.remove();
  });

  it('a moderator stops someone\'s camera; they are told, and turning the camera on publishes it again', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('stop');
    const mod = await moderatedRoom(parent, sessionId, 'Mia', 'MODERATOR');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(mod, 'Ben');
    await openPanel(mod, 'Participants');
    await waitUntil(() => findButton(mod, 'Stop camera'));
    button(mod, 'Stop camera').click();
    await waitUntil(() => findButton(mod, 'Confirm'));
    const told = oneEvent(ben, 'ov-error');
    button(mod, 'Confirm').click();
    expect((await told).detail).to.include({ code: 'CAMERA_STOPPED_BY_MODERATOR', fatal: false });
    await waitUntil(() => tileNamed(mod, 'Ben') && tileLabel(tileNamed(mod, 'Ben')!).includes('camera off'), 'Mia still sees Ben\'s camera');
    expect(ben.state.mediaStopped).to.equal(true);
    expect(ben.state.status).to.equal('joined');
    await waitUntil(() => liveTracks().length === 2, 'Ben\'s camera light stayed on'); // Mia's own
    const camera = button(ben, 'Camera');
    expect(camera.disabled, 'the toggle still works').to.equal(false);
    camera.click();
    // The panel covers Mia's narrow stage (its video is not received meanwhile): she closes it to see Ben.
    button(mod, 'Close').click();
    await videoPlaying(mod, 'Ben');
    expect(ben.state.mediaStopped).to.equal(false);
    parent.remove();
  });

  it('without the moderator role the commands are refused with MODERATION_NOT_ALLOWED', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('no-mod');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    await joinedRoom(parent, { sessionId, name: 'Ben' });
    await waitUntil(() => ana.state.remotes.length === 1);
    const refused = oneEvent(ana, 'ov-error');
    const outcome = await ana.removeParticipant(ana.state.remotes[0]!.participantId).then(
      () => 'done',
      (error: { code: string }) => error.code,
    );
    expect(outcome).to.equal('MODERATION_NOT_ALLOWED');
    expect((await refused).detail.code).to.equal('MODERATION_NOT_ALLOWED');
    expect(ana.state.remotes).to.have.length(1);
    parent.remove();
  });
});
