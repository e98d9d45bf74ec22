// The meeting driven with the keyboard alone, as someone who cannot use a mouse would: where the focus goes when a
// panel opens, when it closes, and when a moderator's action takes away the button that asked for it.
import { expect, oneEvent } from '@open-wc/testing';
import { a11ySnapshot, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import { waitUntil, addRoom, button, deepActiveElement, deepQueryAll, expectNothingLeftRunning, findButton, joinedRoom, stage, uniqueSessionId } from '../support/room-helpers.js';

/** Presses Enter on a toolbar button (focused as Tab would leave it) and waits for its panel. */
async function openWithKeyboard(room: OvRoom, label: string): Promise<HTMLButtonElement> {
  await waitUntil(() => findButton(room, label), `no ${label} button`);
  const opener = button(room, label);
  opener.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => room.shadowRoot!.querySelector('[part="panel"]'), `Enter on ${label} opened no panel`);
  return opener;
}

/** Where the focus is, in words (chai would print whole elements, and large ones take it minutes). */
function focusAt(room: OvRoom): string {
  const element = deepActiveElement(room);
  if (!element) return 'nowhere';
  const host = (element.getRootNode() as ShadowRoot).host?.localName ?? 'the page';
  return `${host} ${element.localName}[part=${element.getAttribute('part')}] "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
}
const expectFocusOn = (room: OvRoom, element: Element | null | undefined, what: string) => expect(deepActiveElement(room) === element, `${what}: the focus is on ${focusAt(room)}`).to.equal(true);

const focusInPanel = (room: OvRoom) => !!room.shadowRoot!.querySelector('[part="panel"]:focus-within');
const panelContent = (room: OvRoom, tag: string) => room.shadowRoot!.querySelector(`[part="panel"] ${tag}`)!.shadowRoot!;

describe('the meeting from the keyboard', () => {
  afterEach(expectNothingLeftRunning);

  it('each panel takes the focus when opened (the chat field, the list of people, the first device list), and Escape gives it back to its button', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('keys');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    await joinedRoom(parent, { sessionId, name: 'Ben' });
    // Published: the microphone and camera lists can be used (while the camera opens they are disabled).
    await waitUntil(() => ana.state.participants.length === 2 && ana.state.hasMicrophone && ana.state.hasCamera);
    const expected: [string, () => Element | null][] = [
      ['Chat', () => panelContent(ana, 'ov-chat').querySelector('textarea')],
      ['Participants', () => panelContent(ana, 'ov-participants').querySelector('[part="list"]')],
      ['Settings', () => panelContent(ana, 'ov-device-select[kind="audioinput"]').querySelector('select')],
    ];
    for (const [label, target] of expected) {
      const opener = await openWithKeyboard(ana, label);
      await waitUntil(() => focusInPanel(ana), `the ${label} panel opened but the focus stayed on ${focusAt(ana)}`);
      expectFocusOn(ana, target(), `${label}: where the focus lands`);
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !ana.shadowRoot!.querySelector('[part="panel"]'), `Escape left the ${label} panel open`);
      expectFocusOn(ana, opener, `${label}: the focus goes back to its button`);
    }
    parent.remove();
  });

  it('a room that does not publish, before any permission: Settings has no list to use, and the focus goes to Close', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('keys-watch');
    const watcher = addRoom(parent, { sessionId, name: 'Viewer' });
    watcher.noPublish = true;
    await oneEvent(watcher, 'ov-joined');
    await openWithKeyboard(watcher, 'Settings');
    await waitUntil(() => focusInPanel(watcher), 'the focus stayed on the Settings button');
    // No camera or microphone lists; the speakers are not named before a permission, so that list is disabled.
    expect(panelContent(watcher, 'ov-device-select[kind="audiooutput"]').querySelector('select')!.disabled).to.equal(true);
    expectFocusOn(watcher, button(watcher, 'Close'), 'Settings without a list to use');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !watcher.shadowRoot!.querySelector('[part="panel"]'));
    expectFocusOn(watcher, button(watcher, 'Settings'), 'after Escape');
    parent.remove();
  });

  it('a moderator on a phone: buttons of 40 px, Cancel goes back to that person\'s actions, and after Confirm the focus stays in the list', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('keys-mod');
    const mod = addRoom(parent, { sessionId, name: 'Mia', tokenUrl: '' });
    mod.tokenProvider = async () => ((await executeServerCommand('ov-server', { action: 'token', sessionId, role: 'MODERATOR' })) as { token: string }).token;
    // A phone in portrait: the panel covers the stage.
    Object.assign(mod.style, { width: '390px', height: '700px' });
    await oneEvent(mod, 'ov-joined');
    await joinedRoom(parent, { sessionId, name: 'Ben' });
    await joinedRoom(parent, { sessionId, name: 'Cai' });
    await waitUntil(() => mod.state.participants.filter((p) => p.publishing).length === 3, 'not everyone published');
    // The head count on the Participants button is heard too, not only seen.
    Object.assign(parent, { id: 'keys-mod-page' });
    parent.setAttribute('role', 'region');
    parent.setAttribute('aria-label', 'the page');
    type Ax = { role: string; name?: string; children?: Ax[] };
    // (Chromium joins the parts of a name from content with spaces: "Participants , 3".)
    const names = (node: Ax | null): string[] => (node ? [`${node.role}: ${(node.name ?? '').replace(/\s+,/g, ',')}`, ...(node.children ?? []).flatMap(names)] : []);
    expect(names((await a11ySnapshot({ selector: '#keys-mod-page' })) as unknown as Ax)).to.include('button: Participants, 3');
    await openWithKeyboard(mod, 'Participants');
    const people = panelContent(mod, 'ov-participants');
    const actionsOf = (name: string) => people.querySelector<HTMLElement>(`[part="actions"][aria-label="Actions for ${name}"]`);
    await waitUntil(() => actionsOf('Cai'), 'no actions for Cai');
    const small = [...people.querySelectorAll('button'), button(mod, 'Close')]
      .map((b) => ({ name: b.getAttribute('aria-label') ?? b.textContent!.trim(), ...b.getBoundingClientRect().toJSON() }))
      .filter((b) => b.width < 40 || b.height < 40);
    expect(small, 'buttons smaller than 40x40 px').to.deep.equal([]);

    // Cai's "Stop camera", then Escape: back on Cai's button, not on Ben's.
    actionsOf('Cai')!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => people.querySelector('[part="confirm"]'), 'no confirmation asked');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !people.querySelector('[part="confirm"]'), 'Escape did not cancel');
    await waitUntil(() => deepActiveElement(mod)?.closest('[part="actions"]'));
    expectFocusOn(mod, actionsOf('Cai')!.querySelector('button'), 'after Cancel');
    expect(!!mod.shadowRoot!.querySelector('[part="panel"]'), 'Escape in the confirmation leaves the panel open').to.equal(true);

    // Again, and Confirm: the button goes with Cai's camera; the focus stays in the list, never on the page.
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => people.querySelector('[part="confirm"]'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !mod.state.participants.find((p) => p.name === 'Cai')!.publishing, 'Cai\'s camera was not stopped');
    await waitUntil(() => !actionsOf('Cai')!.textContent!.includes('Stop camera'));
    expectFocusOn(mod, people.querySelector('[part="list"]'), 'after Confirm');
    parent.remove();
  });

  it('a message from someone else is announced once, the chat closed or open, and a burst is summed up', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('keys-said');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await waitUntil(() => ana.state.participants.length === 2);
    const said = () => ana.shadowRoot!.querySelector('[part="base"] > [aria-live="polite"]')!.textContent!.trim();
    // The chat closed: nothing else on screen would say it (the badge only counts).
    await ben.sendChatMessage('Hello Ana');
    await waitUntil(() => said() === 'Ben: Hello Ana', `the room said "${said()}"`, { timeout: 5000 });
    await Promise.all(['one', 'two', 'three'].map((text) => ben.sendChatMessage(text)));
    await waitUntil(() => said() === '3 new messages.', `the room said "${said()}"`, { timeout: 5000 });
    // The chat open: still said, and by one live region only.
    await openWithKeyboard(ana, 'Chat');
    await ben.sendChatMessage('Now open');
    await waitUntil(() => said() === 'Ben: Now open', `the room said "${said()}"`, { timeout: 5000 });
    const saying = deepQueryAll(ana.shadowRoot!, '[aria-live]').filter((region) => region.textContent!.includes('Now open'));
    expect(saying.length, 'live regions that say it').to.equal(1);
    // Her own messages are not read back to her.
    await ana.sendChatMessage('Thanks');
    await ben.sendChatMessage('Bye');
    await waitUntil(() => said() === 'Ben: Bye', `the room said "${said()}"`, { timeout: 5000 });
    parent.remove();
  });

  it('Escape closes a panel from anywhere in the room: Tab out of the chat into the toolbar, Escape, back on Chat', async () => {
    const parent = await stage();
    const ana = await joinedRoom(parent, { sessionId: uniqueSessionId('keys-esc'), name: 'Ana' });
    const opener = await openWithKeyboard(ana, 'Chat');
    await waitUntil(() => focusInPanel(ana), 'the chat did not take the focus');
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => !focusInPanel(ana));
    expect(deepActiveElement(ana)!.closest('[part="panel"]'), `Tab went to ${focusAt(ana)}`).to.equal(null);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !ana.shadowRoot!.querySelector('[part="panel"]'), 'Escape outside the panel left it open');
    expectFocusOn(ana, opener, 'after Escape');
    parent.remove();
  });

  it('the lobby on a phone: every control is at least 40 px high', async () => {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: uniqueSessionId('keys-lobby'), name: 'Ana', noPrejoin: false });
    Object.assign(room.style, { width: '390px', height: '844px' });
    await waitUntil(() => room.state.hasCamera && room.state.hasMicrophone && findButton(room, 'Join'), 'the lobby never showed the preview', { timeout: 10000 });
    await room.updateComplete;
    const controls = deepQueryAll<HTMLElement>(room.shadowRoot!, 'button, input, select').filter((element) => element.getClientRects().length);
    expect(controls.length, 'the toggles, the name, the lists, Join').to.be.at.least(6);
    const small = controls.map((c) => ({ name: c.getAttribute('aria-label') ?? c.textContent!.trim().slice(0, 20), width: c.offsetWidth, height: c.offsetHeight })).filter((c) => c.height < 40 || c.width < 40);
    expect(small, 'controls smaller than 40 px').to.deep.equal([]);
    parent.remove();
  });
});
