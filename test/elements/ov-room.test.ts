import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { LitElement } from 'lit';
import { consume } from '@lit/context';
import { roomContext } from '../../src/context.js';
import type { RoomSnapshot } from '../../src/core/room-state.js';
import { OV_SERVER_URL, TOKEN_FIXTURE_URL } from '../support/env.js';
import { waitUntil, addRoom, button, findButton, deepActiveElement, deepQueryAll, joinedRoom, stage, tileNamed, uniqueSessionId, videoPlaying, expectNothingLeftRunning } from '../support/room-helpers.js';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import type { OvVideo } from '../../src/elements/ov-video/ov-video.js';
import type { OvToolbar } from '../../src/elements/ov-toolbar/ov-toolbar.js';

/** A custom UI piece, as an app would write one: it reads the room from context and renders its status. */
class RoomStatusProbe extends LitElement {
  @consume({ context: roomContext, subscribe: true }) room?: RoomSnapshot;
  override render() {
    return html`<p>${this.room?.status ?? 'no room'}: ${this.room?.participants.length ?? 0} in the call</p>`;
  }
}
customElements.define('room-status-probe', RoomStatusProbe);

describe('<ov-room> UI', () => {
  afterEach(expectNothingLeftRunning);

  it('asks for a name and joins with it when prejoin is on (the default)', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('prejoin');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const room = addRoom(parent, { sessionId, name: 'Guest', noPrejoin: false });
    await room.updateComplete;
    expect(room.state.status).to.equal('idle');
    const prejoin = room.shadowRoot!.querySelector('ov-prejoin[part="prejoin"]')!;
    await waitUntil(() => prejoin.shadowRoot?.querySelector('form'), 'the lobby never showed');
    const form = prejoin.shadowRoot!.querySelector('form')!;
    expect(form.innerText).to.contain(`Join "${sessionId}"`);
    const input = form.querySelector('input')!;
    expect(input.value).to.equal('Guest');
    expect(form.querySelector('label')!.htmlFor).to.equal(input.id);
    await expect(room).to.be.accessible();

    input.value = 'Zoe';
    const joined = oneEvent(room, 'ov-joined');
    button(room, 'Join').click();
    await joined;
    await videoPlaying(ana, 'Zoe');
    parent.remove();
  });

  it('is accessible while joining, joined and in error', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('a11y');
    const slow = addRoom(parent, { sessionId, name: 'Ana', tokenUrl: `${TOKEN_FIXTURE_URL}/slow` });
    await waitUntil(() => slow.state.status === 'connecting');
    await slow.updateComplete;
    expect(slow.shadowRoot!.querySelector('[part="status"]')!.getAttribute('role')).to.equal('status');
    await expect(slow).to.be.accessible();

    await oneEvent(slow, 'ov-joined');
    const other = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(slow, 'Ben');
    await expect(slow).to.be.accessible();
    await waitUntil(() => slow.state.local?.publishing, 'the camera was never published');
    const toolbar = slow.shadowRoot!.querySelector<OvToolbar>('ov-toolbar[part="toolbar"]')!;
    await toolbar.updateComplete;
    expect(toolbar.shadowRoot!.querySelector('[role="toolbar"]')!.getAttribute('aria-label')).to.equal('Meeting controls');
    const visible = deepQueryAll<HTMLButtonElement>(toolbar.shadowRoot!, 'button').filter((b) => b.getClientRects().length > 0);
    expect(visible.map((b) => [b.textContent!.trim(), b.getAttribute('aria-pressed'), b.getAttribute('aria-expanded')])).to.deep.equal([
      ['Microphone', 'true', null],
      ['Camera', 'true', null],
      ['Share screen', 'false', null],
      ['Speaker view', 'false', null],
      ['Chat', null, 'false'],
      ['Participants2, 2', null, 'false'], // the badge, then its count for screen readers
      ['Settings', null, 'false'],
      ['Leave', null, null],
    ]);

    const failing = addRoom(parent, { sessionId, name: 'Cai', tokenUrl: `${TOKEN_FIXTURE_URL}/error-500` });
    await oneEvent(failing, 'ov-error');
    await failing.updateComplete;
    await expect(failing).to.be.accessible();
    other.remove();
    parent.remove();
  });

  it('announces joins and leaves in a polite live region', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('announce');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const live = ana.shadowRoot!.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).to.contain(`You joined "${sessionId}".`);
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await waitUntil(() => live.textContent!.includes('Ben joined.'));
    ben.remove();
    await waitUntil(() => live.textContent!.includes('Ben left.'));
    parent.remove();
  });

  it('every control is a focusable, enabled button once the camera is published', async () => {
    const parent = await stage();
    const room = await joinedRoom(parent, { sessionId: uniqueSessionId('keys'), name: 'Ana' });
    await waitUntil(() => room.state.local?.publishing, 'the camera was never published');
    await room.updateComplete;
    const toolbar = room.shadowRoot!.querySelector('ov-toolbar')!;
    const buttons = deepQueryAll<HTMLButtonElement>(toolbar.shadowRoot!, 'button');
    expect(buttons).to.have.length(8);
    for (const b of buttons) {
      expect(b.tabIndex).to.equal(0);
      expect(b.disabled).to.equal(false);
    }
    parent.remove();
  });

  it('joins when no-prejoin is set after the room entered the page', async () => {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: uniqueSessionId('late'), name: 'Ana', noPrejoin: false });
    await room.updateComplete;
    expect(room.state.status).to.equal('idle');
    const joined = oneEvent(room, 'ov-joined');
    room.noPrejoin = true;
    await joined;
    parent.remove();
  });

  it('server-rendered with no-prejoin, upgraded before its framework sets the token source: waits for it and joins', async () => {
    const parent = await stage();
    const errors: string[] = [];
    parent.addEventListener('ov-error', (e) => errors.push((e as CustomEvent<{ code: string }>).detail.code));
    // As a server sends it: the tag and its attributes, no properties (React 19 sets them late, after hydrating).
    parent.innerHTML = `<ov-room no-prejoin session-id="${uniqueSessionId('hydrated')}" participant-name="Ana" style="height: 240px"></ov-room>`;
    const room = parent.querySelector('ov-room')!;
    // Its first render done, the room would join: it waits instead (here until the page is next idle).
    await room.updateComplete;
    expect(room.state.status).to.equal('idle');
    const joined = oneEvent(room, 'ov-joined');
    room.tokenProvider = async ({ sessionId }) => {
      const base = `${OV_SERVER_URL}/api/sessions`;
      const session = await (await fetch(base, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ customSessionId: sessionId }) })).text();
      return (await fetch(`${base}/${session}/connections`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).text();
    };
    await joined;
    expect(errors).to.deep.equal([]);
    parent.remove();
  });

  it('no-prejoin and still no token source once the page is idle: NO_TOKEN_SOURCE, then joins when one is set', async () => {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: uniqueSessionId('late-source'), name: 'Ana', tokenUrl: '' });
    const error = await oneEvent(room, 'ov-error');
    expect(error.detail.code).to.equal('NO_TOKEN_SOURCE');
    const joined = oneEvent(room, 'ov-joined');
    room.tokenUrl = `${OV_SERVER_URL}/api`;
    await joined;
    parent.remove();
  });

  it('speaks Spanish with lang="es", or when the page around it does', async () => {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: uniqueSessionId('es'), name: 'Ana', noPrejoin: false, lang: 'es' });
    // Spanish is a file of its own, loaded on demand.
    await waitUntil(() => findButton(room, 'Unirse'), 'the lobby never spoke Spanish');
    expect(room.hasAttribute('lang')).to.equal(false); // set as a property: the element does not invent an attribute
    parent.remove();

    const spanishPage = await fixture<HTMLDivElement>(html`<div lang="es-ES"></div>`);
    const inherited = addRoom(spanishPage, { sessionId: uniqueSessionId('es'), name: 'Ana', noPrejoin: false });
    await waitUntil(() => findButton(inherited, 'Unirse'), 'the page\'s language was not followed');
    spanishPage.remove();
  });

  it('moves keyboard focus with the user: Join → the meeting controls, an error → "Try again"', async () => {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: uniqueSessionId('focus'), name: 'Ana', noPrejoin: false });
    await waitUntil(() => deepQueryAll(room.shadowRoot!, '[part="join"]').length, 'the lobby never showed');
    const joined = oneEvent(room, 'ov-joined');
    button(room, 'Join').focus(); // as a click does
    button(room, 'Join').click();
    await joined;
    await waitUntil(() => deepActiveElement(room) === findButton(room, 'Microphone'), 'focus never reached the controls');

    const failing = addRoom(parent, { sessionId: uniqueSessionId('focus'), name: 'Ben', noPrejoin: false, tokenUrl: `${TOKEN_FIXTURE_URL}/error-500` });
    await waitUntil(() => deepQueryAll(failing.shadowRoot!, '[part="join"]').length, 'the lobby never showed');
    const error = oneEvent(failing, 'ov-error');
    button(failing, 'Join').focus();
    button(failing, 'Join').click();
    await error;
    await failing.updateComplete;
    await waitUntil(() => deepActiveElement(failing) === findButton(failing, 'Try again'), 'focus never reached "Try again"');
    parent.remove();
  });

  it('with children, draws no box of its own around them', async () => {
    const room = await fixture<OvRoom>(html`<ov-room session-id="s" token-url="/nowhere"><p>My UI</p></ov-room>`);
    expect(room.matches(':state(custom-ui)')).to.equal(true);
    expect(getComputedStyle(room).minHeight).to.equal('0px');
    expect(getComputedStyle(room.shadowRoot!.querySelector('[part="base"]')!).position).to.equal('static');
  });

  it('children replace the built-in UI and receive the room through context', async () => {
    const sessionId = uniqueSessionId('custom');
    const parent = await stage();
    const other = await joinedRoom(parent, { sessionId, name: 'Ben' });
    const room = await fixture<OvRoom>(html`
      <ov-room token-url=${`${OV_SERVER_URL}/api`} session-id=${sessionId} participant-name="Ana" no-prejoin style="height:200px">
        <room-status-probe></room-status-probe>
        <ov-video participant="local" style="width:160px;height:120px"></ov-video>
        <ov-video class="remote" style="width:160px;height:120px"></ov-video>
      </ov-room>
    `);
    await oneEvent(room, 'ov-joined');
    expect(room.shadowRoot!.querySelector('[part="layout"]')).to.equal(null);
    expect(room.shadowRoot!.querySelector('[part="toolbar"]')).to.equal(null);
    const probe = room.querySelector('room-status-probe')!;
    await waitUntil(() => probe.shadowRoot!.textContent!.includes('joined: 2 in the call'), 'the probe never saw the joined room', { timeout: 10000 });

    const local = room.querySelector('ov-video[participant="local"]')!;
    await waitUntil(() => local.shadowRoot!.querySelector('video')!.videoWidth > 0, 'the local video never played', { timeout: 10000 });
    const remote = room.querySelector<OvVideo>('ov-video.remote')!;
    remote.connectionId = room.state.remotes[0]!.connectionId;
    await waitUntil(() => remote.shadowRoot!.querySelector('video')!.videoWidth > 0, 'the remote video never played', { timeout: 10000 });
    expect(remote.shownParticipant?.name).to.equal('Ben');

    room.remove();
    other.remove();
    parent.remove();
  });

  it('with children added later, switches to them; with all removed, back to the built-in UI', async () => {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: uniqueSessionId('switch'), name: 'Ana', noPrejoin: false });
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('[part="prejoin"]')).to.exist;
    const custom = document.createElement('p');
    custom.textContent = 'My own lobby';
    room.append(custom);
    await waitUntil(() => !room.shadowRoot!.querySelector('[part="prejoin"]'));
    custom.remove();
    await waitUntil(() => !!room.shadowRoot!.querySelector('[part="prejoin"]'));
    parent.remove();
  });

  it('tiles name the local participant "(you)" and list the local one first', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('you');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ana, 'Ben');
    const label = tileNamed(ana, 'Ana')!.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label');
    expect(label).to.equal('Ana (you)');
    parent.remove();
  });
});
