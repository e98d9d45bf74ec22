// The composable elements one by one: what they show for a given room state (a stand-in room provides it), what
// they ask the room to do, that each is accessible alone, and that they work outside <ov-room> with room="id".
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import type { OvToolbar } from '../../src/elements/ov-toolbar/ov-toolbar.js';
import type { OvLayout } from '../../src/elements/ov-layout/ov-layout.js';
import type { ParticipantSnapshot } from '../../src/core/room-state.js';
import '../support/fake-room.js';
import type { FakeRoom } from '../support/fake-room.js';
import { OV_SERVER_URL } from '../support/env.js';
import { waitUntil, deepActiveElement, deepQueryAll, expectNothingLeftRunning, isPlaying, liveTracks, uniqueSessionId } from '../support/room-helpers.js';

const inner = (element: Element, selector = 'button') => element.shadowRoot!.querySelector(selector) as HTMLElement;

async function inRoom<T extends Element>(template: ReturnType<typeof html>): Promise<{ room: FakeRoom; element: T }> {
  const room = await fixture<FakeRoom>(html`<fake-room>${template}</fake-room>`);
  const element = room.firstElementChild as T & { updateComplete?: Promise<unknown> };
  await element.updateComplete;
  return { room, element };
}

const participant = (overrides: Partial<ParticipantSnapshot>): ParticipantSnapshot => ({
  participantId: 'p1',
  connectionId: 'con_1',
  name: 'Ana',
  isLocal: false,
  publishing: true,
  microphoneOn: true,
  cameraOn: true,
  speaking: false,
  streamId: 'str_1',
  attachVideo: () => () => undefined,
  ...overrides,
});

describe('<ov-toggle>', () => {
  it('is a pressed button per source, and asks the room to toggle', async () => {
    for (const [source, label, command] of [
      ['microphone', 'Microphone', 'toggleMicrophone'],
      ['camera', 'Camera', 'toggleCamera'],
      ['screen', 'Share screen', 'toggleScreenShare'],
    ] as const) {
      const { room, element } = await inRoom(html`<ov-toggle source=${source}></ov-toggle>`);
      const button = inner(element);
      expect(button.textContent!.trim()).to.equal(label);
      expect(button.getAttribute('aria-pressed')).to.equal(source === 'screen' ? 'false' : 'true');
      await expect(element).to.be.accessible();
      button.click();
      expect(room.calls.map((c) => c[0])).to.deep.equal([command]);
    }
  });

  it('follows the room: off shows aria-pressed="false"; no device disables it; a viewer or a phone hides it', async () => {
    const { room, element } = await inRoom(html`<ov-toggle source="microphone"></ov-toggle>`);
    room.set({ microphoneOn: false });
    await waitUntil(() => inner(element).getAttribute('aria-pressed') === 'false');
    expect(element.matches(':state(pressed)')).to.equal(false);
    room.set({ hasMicrophone: false });
    await waitUntil(() => (inner(element) as HTMLButtonElement).disabled);
    room.set({ canPublish: false });
    await waitUntil(() => element.matches(':state(unavailable)'));
    expect(getComputedStyle(element).display).to.equal('none');

    const screen = (await inRoom(html`<ov-toggle source="screen"></ov-toggle>`)).element;
    const screenRoom = screen.parentElement as FakeRoom;
    screenRoom.set({ canShareScreen: false });
    await waitUntil(() => getComputedStyle(screen).display === 'none', 'the screen toggle stayed on a phone');
    screenRoom.set({ canShareScreen: true, screenSharing: true });
    await waitUntil(() => inner(screen).getAttribute('aria-pressed') === 'true');
  });

  it('without a room it says so once and stays disabled', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const element = await fixture(html`<ov-toggle source="camera"></ov-toggle>`);
      await waitUntil(() => warnings.length > 0, 'no warning');
      expect(String(warnings[0])).to.contain('<ov-toggle> has no room');
      expect(element.matches(':state(unavailable)')).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });
});

describe('<ov-leave-button> and <ov-panel-toggle>', () => {
  it('Leave asks the room to leave; it is there only in a call', async () => {
    const { room, element } = await inRoom(html`<ov-leave-button></ov-leave-button>`);
    await expect(element).to.be.accessible();
    inner(element).click();
    expect(room.calls).to.deep.equal([['leave']]);
    room.set({ status: 'left' });
    await waitUntil(() => element.matches(':state(unavailable)'));
  });

  it('the settings button opens its panel through the UI state, with aria-expanded', async () => {
    const { room, element } = await inRoom(html`<ov-panel-toggle panel="settings"></ov-panel-toggle>`);
    const button = inner(element);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await expect(element).to.be.accessible();
    button.click();
    expect(room.calls[0]!.slice(0, 2)).to.deep.equal(['togglePanel', 'settings']);
    expect(room.calls[0]![2], 'the opener gets focus back when the panel closes').to.equal(button);
    await waitUntil(() => button.getAttribute('aria-expanded') === 'true');
  });
});

describe('<ov-device-select>', () => {
  const devices = {
    audioinput: [
      { deviceId: 'mic-a', label: 'Desk microphone' },
      { deviceId: 'mic-b', label: '' },
    ],
    videoinput: [],
    audiooutput: [{ deviceId: 'spk', label: 'Headphones' }],
  };

  it('lists the devices, names unnamed ones, marks the one in use, and switches on change', async () => {
    const { room, element } = await inRoom(html`<ov-device-select kind="audioinput"></ov-device-select>`);
    room.set({ devices, selectedDevices: { audioinput: 'mic-b' } });
    await waitUntil(() => inner(element, 'select').querySelectorAll('option').length === 2);
    const select = inner(element, 'select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Desk microphone', 'Microphone 2']);
    expect(select.value).to.equal('mic-b');
    expect(inner(element, 'label').textContent).to.equal('Microphone');
    await expect(element).to.be.accessible();
    select.value = 'mic-a';
    select.dispatchEvent(new Event('change'));
    expect(room.calls).to.deep.equal([['switchDevice', 'audioinput', 'mic-a']]);
  });

  it('says when there is nothing to choose, and hides the speaker where the browser cannot route sound', async () => {
    const camera = (await inRoom(html`<ov-device-select kind="videoinput"></ov-device-select>`)).element;
    (camera.parentElement as FakeRoom).set({ devices });
    await waitUntil(() => (inner(camera, 'select') as HTMLSelectElement).disabled);
    expect(inner(camera, 'select').textContent!.trim()).to.equal('None found');
    const speaker = (await inRoom(html`<ov-device-select kind="audiooutput"></ov-device-select>`)).element;
    (speaker.parentElement as FakeRoom).set({ devices, canChooseSpeaker: false });
    await waitUntil(() => getComputedStyle(speaker).display === 'none', 'the speaker choice stayed without setSinkId');
  });
});

describe('<ov-toolbar> and <ov-layout>', () => {
  it('the toolbar is a named toolbar of the public controls; arrow keys move between them', async () => {
    const { element } = await inRoom<OvToolbar>(html`<ov-toolbar><button id="extra" type="button">Raise hand</button></ov-toolbar>`);
    const bar = inner(element, '[part="base"]');
    expect(bar.getAttribute('role')).to.equal('toolbar');
    expect(bar.getAttribute('aria-label')).to.equal('Meeting controls');
    const tags = [...element.shadowRoot!.querySelectorAll('[part="base"] > *')].map((e) => e.localName);
    expect(tags).to.deep.equal(['ov-toggle', 'ov-toggle', 'ov-toggle', 'ov-layout-toggle', 'ov-panel-toggle', 'ov-panel-toggle', 'ov-panel-toggle', 'slot', 'ov-leave-button']);
    const panels = [...element.shadowRoot!.querySelectorAll('ov-panel-toggle')].map((e) => e.getAttribute('panel'));
    expect(panels.sort()).to.deep.equal(['chat', 'participants', 'settings']);
    await expect(element).to.be.accessible();
    const first = element.shadowRoot!.querySelector('ov-toggle')!;
    (first as HTMLElement).focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(deepActiveElement(element)!.textContent!.trim()).to.equal('Camera');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(deepActiveElement(element)!.textContent!.trim()).to.equal('Leave');
    await sendKeys({ press: 'ArrowLeft' });
    expect(document.activeElement!.id, 'slotted controls take part').to.equal('extra');
  });

  it('the layout lays out cameras in a grid, and a shared screen large with the cameras in a strip', async () => {
    const { room, element } = await inRoom(html`<ov-layout style="display:block;width:800px;height:450px"></ov-layout>`);
    const ana = participant({ participantId: 'ana', name: 'Ana', isLocal: true });
    const ben = participant({ participantId: 'ben', name: 'Ben', connectionId: 'con_2' });
    room.set({ participants: [ana, ben], local: ana, remotes: [ben] });
    await waitUntil(() => element.shadowRoot!.querySelectorAll('ov-video').length === 2);
    const names = () => [...element.shadowRoot!.querySelectorAll('ov-video')].map((t) => `${t.getAttribute('participant-id')}:${t.getAttribute('source')}`);
    expect(names()).to.deep.equal(['ana:camera', 'ben:camera']);
    expect(element.matches(':state(screen-focus)')).to.equal(false);
    await expect(element).to.be.accessible();

    const sharing = { ...ben, screen: { connectionId: 'con_3', streamId: 'str_3', hasAudio: false } };
    room.set({ participants: [ana, sharing], remotes: [sharing] });
    await waitUntil(() => element.matches(':state(screen-focus)'));
    expect(element.shadowRoot!.querySelector('[part="focus"] ov-video')!.getAttribute('source')).to.equal('screen');
    expect([...element.shadowRoot!.querySelectorAll('[part="strip"] ov-video')].map((t) => t.getAttribute('participant-id'))).to.deep.equal(['ana', 'ben']);
    await expect(element).to.be.accessible();

    // The local participant's own screen is a small tile, never large.
    const localSharing = { ...ana, screen: { connectionId: 'con_4', streamId: 'str_4', hasAudio: false } };
    room.set({ participants: [localSharing, ben], local: localSharing, remotes: [ben] });
    await waitUntil(() => !element.matches(':state(screen-focus)'));
    expect(names()).to.deep.equal(['ana:camera', 'ana:screen', 'ben:camera']);
    room.set({ status: 'idle' });
    await waitUntil(() => element.shadowRoot!.querySelectorAll('ov-video').length === 0, 'the stage shows outside a call');
  });
});

describe('<ov-layout> in a big room', () => {
  const crowd = (count: number, speaking?: number) =>
    Array.from({ length: count }, (_, i) =>
      participant({ participantId: i ? `p${i}` : 'me', name: i ? `Person ${i}` : 'Me', isLocal: !i, connectionId: `con_${i}`, speaking: i === speaking }),
    );
  // Tiles of other pages may stay in the DOM, hidden (a quick way back): a person sees the others.
  const shownIds = (element: Element) => [...element.shadowRoot!.querySelectorAll('.cell:not([hidden]) ov-video')].map((t) => t.getAttribute('participant-id'));
  const pager = (element: Element) => ({
    previous: element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="previous"]'),
    next: element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="next"]'),
    status: element.shadowRoot!.querySelector('[part="page-status"]'),
  });

  it('tiles beyond max-tiles go to pages: only the current page is shown; previous/next by keyboard say "Page 2 of 3"', async () => {
    const { room, element } = await inRoom(html`<ov-layout max-tiles="9" style="display:block;width:960px;height:600px"></ov-layout>`);
    const people = crowd(25);
    room.set({ participants: people, local: people[0], remotes: people.slice(1) });
    await waitUntil(() => shownIds(element).length === 9, 'no first page of 9');
    expect(shownIds(element)).to.deep.equal(people.slice(0, 9).map((p) => p.participantId));
    expect(element.matches(':state(paged)')).to.equal(true);
    const { previous, next, status } = pager(element);
    expect(next!.getAttribute('aria-label')).to.equal('Next page');
    expect(previous!.getAttribute('aria-label')).to.equal('Previous page');
    expect(previous!.getAttribute('aria-disabled')).to.equal('true');
    expect(status!.textContent).to.equal('Page 1 of 3');
    expect(status!.getAttribute('aria-live')).to.equal('polite');
    for (const arrow of [previous!, next!]) expect(arrow.getBoundingClientRect().toJSON(), 'a page button of at least 40x40 px').to.include({ width: 40, height: 40 });
    await expect(element).to.be.accessible();
    next!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => pager(element).status!.textContent === 'Page 2 of 3', 'Enter on Next did not turn the page');
    expect(shownIds(element)).to.deep.equal(people.slice(9, 18).map((p) => p.participantId));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => pager(element).status!.textContent === 'Page 3 of 3');
    expect(shownIds(element)).to.have.length(7);
    expect(pager(element).next!.getAttribute('aria-disabled')).to.equal('true');
    await sendKeys({ press: 'Enter' }); // past the last page: nothing happens, the focus stays
    expect(pager(element).status!.textContent).to.equal('Page 3 of 3');
    expect(deepActiveElement(element)).to.equal(pager(element).next);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => pager(element).status!.textContent === 'Page 2 of 3', 'Previous did not go back');
    // Everyone fits again: no pages, no buttons.
    room.set({ participants: people.slice(0, 4), remotes: people.slice(1, 4) });
    await waitUntil(() => shownIds(element).length === 4 && !pager(element).next);
    expect(element.matches(':state(paged)')).to.equal(false);
  });

  it('a layout change, and a page turn back, show the same tiles again (the same <video> elements), not new ones', async () => {
    const { room, element } = await inRoom<OvLayout>(html`<ov-layout max-tiles="9" style="display:block;width:960px;height:600px"></ov-layout>`);
    const people = crowd(25, 3);
    room.set({ participants: people, local: people[0], remotes: people.slice(1) });
    await waitUntil(() => shownIds(element).length === 9, 'no first page of 9');
    const videos = () =>
      new Map([...element.shadowRoot!.querySelectorAll<HTMLElement>(':is(.grid, .strip) > .cell:not([hidden]) ov-video')].map((tile) => [tile.getAttribute('participant-id'), tile.shadowRoot!.querySelector('video')]));
    const grid = videos();
    element.layout = 'speaker';
    await waitUntil(() => element.shadowRoot!.querySelector('[part="focus"] ov-video')?.getAttribute('participant-id') === 'p3', 'the speaker is not large');
    const strip = videos();
    expect(strip.size).to.be.above(1);
    for (const [id, video] of strip) expect(video, `${id} in the strip`).to.equal(grid.get(id));
    element.layout = 'grid';
    await waitUntil(() => !element.matches(':state(focus)') && shownIds(element).length === 9);
    const again = videos();
    for (const [id, video] of again) if (id !== 'p3') expect(video, `${id} back in the grid`).to.equal(grid.get(id));
    pager(element).next!.click();
    await waitUntil(() => pager(element).status!.textContent === 'Page 2 of 3');
    expect(shownIds(element)).to.deep.equal(people.slice(9, 18).map((p) => p.participantId));
    // The first page is out of sight: nothing of it takes room on the stage.
    for (const cell of element.shadowRoot!.querySelectorAll('.cell[hidden]')) expect(cell.getBoundingClientRect().width).to.equal(0);
    pager(element).previous!.click();
    await waitUntil(() => pager(element).status!.textContent === 'Page 1 of 3');
    expect(shownIds(element)).to.deep.equal(people.slice(0, 9).map((p) => p.participantId));
    for (const [id, video] of videos()) expect(video, `${id} on the first page again`).to.equal(again.get(id));
    await expect(element).to.be.accessible();
  });

  it('by default a page holds the tiles that fit at 200 px; a phone held upright gets two columns and fewer per page', async () => {
    const { room, element } = await inRoom<OvLayout>(html`<ov-layout style="display:block;width:1280px;height:720px"></ov-layout>`);
    const people = crowd(40);
    room.set({ participants: people, local: people[0], remotes: people.slice(1) });
    await waitUntil(() => shownIds(element).length > 0 && pager(element).status);
    const desktop = shownIds(element).length;
    expect(desktop).to.be.within(20, 39);
    const width = element.shadowRoot!.querySelector('.cell:not([hidden])')!.getBoundingClientRect().width;
    expect(width).to.be.at.least(200);
    element.style.width = '390px';
    element.style.height = '640px';
    await waitUntil(() => element.matches(':state(portrait)'), 'no portrait layout');
    await waitUntil(() => shownIds(element).length < desktop);
    const cells = [...element.shadowRoot!.querySelectorAll('.cell:not([hidden])')].map((cell) => cell.getBoundingClientRect());
    expect(new Set(cells.map((r) => Math.round(r.left))).size, 'two columns').to.equal(2);
    expect(Math.round(cells[0]!.width)).to.equal(Math.round(cells[0]!.height));
  });

  it('speaker: whoever speaks is large, the others stay in place in the strip; a pin wins; a screen takes the stage by itself', async () => {
    const { room, element } = await inRoom<OvLayout>(html`<ov-layout layout="speaker" style="display:block;width:1000px;height:800px"></ov-layout>`);
    let people = crowd(6, 3);
    room.set({ participants: people, local: people[0], remotes: people.slice(1) });
    const focused = () => element.shadowRoot!.querySelector('[part="focus"] ov-video')?.getAttribute('participant-id');
    const strip = () => [...element.shadowRoot!.querySelectorAll('[part="strip"] .cell:not([hidden]) ov-video')].map((t) => t.getAttribute('participant-id'));
    await waitUntil(() => focused() === 'p3', 'the speaker is not large');
    expect(strip()).to.deep.equal(['me', 'p1', 'p2', 'p4', 'p5']);
    people = crowd(6, 1);
    room.set({ participants: people, remotes: people.slice(1) });
    await waitUntil(() => focused() === 'p1', 'the new speaker did not take the stage');
    expect(strip(), 'only the two swapped').to.deep.equal(['me', 'p3', 'p2', 'p4', 'p5']);
    people = crowd(6); // silence: the last speaker stays
    room.set({ participants: people, remotes: people.slice(1) });
    await element.updateComplete;
    expect(focused()).to.equal('p1');

    const pin = element.shadowRoot!.querySelector<HTMLButtonElement>('.cell[data-key="p4"] [part="pin"]')!;
    expect(pin.getAttribute('aria-label')).to.equal('Pin Person 4');
    expect(pin.getAttribute('aria-pressed')).to.equal('false');
    await expect(element).to.be.accessible();
    pin.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused() === 'p4', 'the pinned tile is not large');
    expect(element.pinned).to.equal('p4');
    const large = element.shadowRoot!.querySelector<HTMLButtonElement>('[part="focus"] [part="pin"]')!;
    expect(large.getAttribute('aria-label')).to.equal('Unpin Person 4');
    expect(deepActiveElement(element), 'the keyboard follows the pin').to.equal(large);
    people = crowd(6, 2);
    room.set({ participants: people, remotes: people.slice(1) });
    await element.updateComplete;
    expect(focused(), 'a speaker does not replace a pin').to.equal('p4');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused() === 'p2', 'unpinned, the speaker comes back');

    const sharing = people.map((p) => (p.participantId === 'p5' ? { ...p, screen: { connectionId: 'con_s', streamId: 'str_s', hasAudio: false } } : p));
    room.set({ participants: sharing, remotes: sharing.slice(1) });
    await waitUntil(() => element.matches(':state(screen-focus)'), 'the screen did not take the stage');
    expect(element.shadowRoot!.querySelector('[part="focus"] ov-video')!.getAttribute('source')).to.equal('screen');
    room.set({ participants: people, remotes: people.slice(1) });
    await waitUntil(() => !element.matches(':state(screen-focus)') && focused() === 'p2', 'back to the speaker when the share stopped');
  });

  it('follows the room\'s layout; the toolbar\'s Speaker view toggles it', async () => {
    const room = await fixture<FakeRoom>(html`<fake-room><ov-layout style="display:block;width:800px;height:450px"></ov-layout><ov-toolbar></ov-toolbar></fake-room>`);
    const element = room.querySelector('ov-layout')!;
    const people = crowd(4, 2);
    room.set({ participants: people, local: people[0], remotes: people.slice(1) });
    await waitUntil(() => shownIds(element).length === 4);
    expect(element.matches(':state(focus)')).to.equal(false);
    const toggle = room.querySelector('ov-toolbar')!.shadowRoot!.querySelector('ov-layout-toggle')!;
    await waitUntil(() => inner(toggle).getAttribute('aria-pressed') === 'false');
    expect(inner(toggle).textContent!.trim()).to.equal('Speaker view');
    inner(toggle).click();
    await waitUntil(() => element.matches(':state(focus)'), 'Speaker view did not change the layout');
    expect(inner(toggle).getAttribute('aria-pressed')).to.equal('true');
    expect(element.shadowRoot!.querySelector('[part="focus"] ov-video')!.getAttribute('participant-id')).to.equal('p2');
    inner(toggle).click();
    await waitUntil(() => !element.matches(':state(focus)'));
    expect(room.calls.filter((c) => c[0] === 'setLayout')).to.deep.equal([['setLayout', 'speaker'], ['setLayout', 'grid']]);
  });
});

describe('<ov-prejoin> and <ov-video source="screen">', () => {
  it('the lobby alone is accessible, asks for the preview once and lets it go when removed; it hides once joined', async () => {
    const { room, element } = await inRoom(html`<ov-prejoin></ov-prejoin>`);
    room.set({ status: 'idle' });
    await waitUntil(() => element.shadowRoot!.querySelector('form'));
    expect(room.calls.filter((c) => c[0] === 'startPreview')).to.have.length(1);
    await expect(element).to.be.accessible();
    const input = element.shadowRoot!.querySelector('input')!;
    input.value = '  Zoe ';
    (element.shadowRoot!.querySelector('[part="join"]') as HTMLButtonElement).click();
    expect(room.calls.find((c) => c[0] === 'join')).to.deep.equal(['join', { participantName: 'Zoe' }]);
    room.set({ status: 'connecting' });
    await waitUntil(() => !element.shadowRoot!.querySelector('form'));
    element.remove(); // joining: the preview is what gets published, nothing to let go
    expect(room.calls.filter((c) => c[0] === 'stopPreview')).to.have.length(0);

    const lobby = (await inRoom(html`<ov-prejoin></ov-prejoin>`)).element;
    const idleRoom = lobby.parentElement as FakeRoom;
    idleRoom.set({ status: 'idle' });
    await waitUntil(() => idleRoom.calls.some((c) => c[0] === 'startPreview'));
    lobby.remove(); // the page took the lobby away before joining: the camera goes off
    expect(idleRoom.calls.filter((c) => c[0] === 'stopPreview')).to.have.length(1);
  });

  it('a screen tile names whose screen it is and is not mirrored', async () => {
    const { room, element } = await inRoom(html`<ov-video participant-id="ben" source="screen" style="width:320px;height:180px"></ov-video>`);
    const ben = participant({ participantId: 'ben', name: 'Ben', screen: { connectionId: 'con_3', streamId: 'str_3', hasAudio: true } });
    room.set({ participants: [ben], remotes: [ben] });
    await waitUntil(() => element.shadowRoot!.querySelector('[part="name"]')!.textContent === 'Ben\'s screen');
    expect(element.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Ben\'s screen');
    expect(element.matches(':state(screen)')).to.equal(true);
    expect(element.matches(':state(mirrored)')).to.equal(false);
    expect(element.shadowRoot!.querySelector('[part="mic-off"]')).to.equal(null);
    await expect(element).to.be.accessible();
  });
});

describe('a custom arrangement of the public elements', () => {
  afterEach(expectNothingLeftRunning);

  it('controls outside the room work through room="id"; the lobby and the stage show when they should', async () => {
    const sessionId = uniqueSessionId('custom-arrangement');
    const page = await fixture<HTMLDivElement>(html`
      <div>
        <ov-room id="meeting" token-url=${`${OV_SERVER_URL}/api`} session-id=${sessionId} participant-name="Ana" style="height:300px">
          <ov-prejoin></ov-prejoin>
          <ov-layout style="display:block;height:200px"></ov-layout>
        </ov-room>
        <ov-toolbar room="meeting"></ov-toolbar>
      </div>
    `);
    const room = page.querySelector<OvRoom>('ov-room')!;
    const toolbar = page.querySelector<OvToolbar>('ov-toolbar')!;
    const prejoin = room.querySelector('ov-prejoin')!;
    await waitUntil(() => prejoin.shadowRoot?.querySelector('[part="join"]'), 'no lobby in the custom UI');
    await waitUntil(() => room.state.hasMicrophone, 'no preview');
    const mic = toolbar.shadowRoot!.querySelector('ov-toggle[source="microphone"]')!;
    await waitUntil(() => inner(mic).getAttribute('aria-pressed') === 'true', 'the outside toolbar does not follow the room');
    inner(mic).click(); // the toolbar outside the room mutes the lobby's microphone
    await waitUntil(() => !room.state.microphoneOn);
    const joined = oneEvent(room, 'ov-joined');
    (prejoin.shadowRoot!.querySelector('[part="join"]') as HTMLButtonElement).click();
    await joined;
    const layout = room.querySelector('ov-layout')!;
    await waitUntil(() => isPlaying(deepQueryAll<HTMLVideoElement>(layout.shadowRoot!, 'video')[0]), 'the stage never showed the local video');
    expect(prejoin.shadowRoot!.querySelector('form'), 'the lobby hides once joined').to.equal(null);
    const left = oneEvent(room, 'ov-left');
    inner(toolbar.shadowRoot!.querySelector('ov-leave-button')!).click();
    await left;
    // Out of the call, the lobby says why and offers the way back, without turning the camera on again.
    await waitUntil(() => prejoin.shadowRoot!.querySelector('[part="status"]')?.textContent === 'You left the meeting.', 'the lobby did not come back');
    expect(liveTracks()).to.have.length(0);
    const rejoined = oneEvent(room, 'ov-joined');
    (prejoin.shadowRoot!.querySelector('[part="join"]') as HTMLButtonElement).click();
    await rejoined;
    page.remove();
  });
});
