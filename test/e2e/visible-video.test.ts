// Video only for what is on screen: one <ov-room> in a session with 10 bots of the local server hears all 10 and
// receives video only for the tiles a person can see, as the page's own RTCPeerConnection stats tell (inbound-rtp
// video bytes that keep growing). Tiles scrolled into view get their video and those scrolled away stop; a hidden
// tab receives no video; a panel that covers the stage (a narrow room) stops it too. Paging (max-tiles) does the
// same: the next page's tiles get their video, the previous page's stop; and a room of 24 bots, five pages of six,
// receives every one's sound and, page after page, only the video of the page shown.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import type { OvVideo } from '../../src/elements/ov-video/ov-video.js';
import { serverControl } from '../server/helpers.js';
import {
  addRoom,
  button,
  expectNothingLeftRunning,
  hearsOthers,
  isPlaying,
  joinedRoom,
  receivingPeerConnections,
  tiles,
  uniqueSessionId,
  videoOf,
  waitUntil,
} from '../support/room-helpers.js';

const BOTS = 10;

/**
 * Video bytes received so far by every inbound video RTP stream of the page's subscriptions (getStats
 * inbound-rtp, kind video), by the id of the track it feeds.
 */
async function videoBytes(): Promise<Map<string, number>> {
  const bytes = new Map<string, number>();
  for (const pc of receivingPeerConnections()) {
    (await pc.getStats()).forEach((report: { type: string; kind?: string; trackIdentifier?: string; mid?: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') bytes.set(report.trackIdentifier ?? `mid ${report.mid}`, report.bytesReceived ?? 0);
    });
  }
  return bytes;
}

/** The remote tiles whose video bytes grew over one second, named, and how many video streams grew in all. */
async function videoFlowing(room: OvRoom): Promise<{ tiles: string[]; connections: number }> {
  const before = await videoBytes();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = await videoBytes();
  const growing = new Set([...after].filter(([track, bytes]) => bytes > (before.get(track) ?? Infinity)).map(([track]) => track));
  const flowing = remoteTiles(room).filter((tile) => {
    const track = (videoOf(tile).srcObject as MediaStream | null)?.getVideoTracks()[0];
    return !!track && growing.has(track.id);
  });
  return { tiles: names(flowing), connections: growing.size };
}

function remoteTiles(room: OvRoom): OvVideo[] {
  return tiles(room).filter((tile) => tile.shownParticipant && !tile.shownParticipant.isLocal);
}

/** The remote tiles a person sees: rendered and painted (not under a covering panel), with a part inside the window. */
function onScreen(room: OvRoom): OvVideo[] {
  return remoteTiles(room).filter((tile) => {
    if (!tile.checkVisibility()) return false;
    const box = tile.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  });
}

const names = (list: OvVideo[]) => list.map((tile) => tile.shownParticipant!.name).sort();

/** Waits until exactly the tiles on screen receive video (and nothing else does). */
async function videoOnlyFor(room: OvRoom, expected: () => OvVideo[], what: string): Promise<void> {
  let last = { tiles: [] as string[], connections: 0 };
  await waitUntil(
    async () => {
      last = await videoFlowing(room);
      const wanted = names(expected());
      return JSON.stringify(last.tiles) === JSON.stringify(wanted) && last.connections === wanted.length;
    },
    `${what}: video never flowed for exactly ${names(expected()).length} tiles (${names(expected()).join(', ')})`,
    { timeout: 30000, interval: 100 },
  ).catch((error: Error) => {
    const missing = expected().filter((t) => !last.tiles.includes(t.shownParticipant!.name));
    throw new Error(`${error.message} (last: ${last.tiles.join(', ')}, ${last.connections} video streams; not flowing: ${missing.map((t) => JSON.stringify(t.getBoundingClientRect())).join(' ')} in ${innerWidth}x${innerHeight})`);
  });
}

describe('<ov-room> with bots: video only for what is on screen', () => {
  let sessionId: string;
  afterEach(async () => {
    await executeServerCommand('ov-tab', { action: 'show' });
    await serverControl({ action: 'remove-bots', sessionId });
    await expectNothingLeftRunning();
  });

  it(`${BOTS} bots: hears every one, receives video only for the visible tiles, follows scrolling, a hidden tab and a covering panel`, async function () {
    this.timeout(180000);
    sessionId = uniqueSessionId('visible');
    await serverControl({ action: 'add-bots', sessionId, count: BOTS });
    // A narrow room taller than the window: the tiles of the lower rows are rendered but off screen.
    const parent = await fixture<HTMLDivElement>(html`<div style="width:540px"></div>`);
    const room = await joinedRoom(parent, { sessionId, name: 'Teacher' });
    room.style.height = `${innerHeight * 3}px`;

    await waitUntil(() => room.state.participants.length === BOTS + 1, 'the room never listed 25 participants');
    await waitUntil(() => remoteTiles(room).length === BOTS, 'not every bot got a tile');
    await waitUntil(() => onScreen(room).length > 1, 'the tiles were never laid out');
    const firstScreen = onScreen(room);
    expect(firstScreen.length, 'tiles on screen').to.be.below(BOTS - 4);
    await videoOnlyFor(room, () => onScreen(room), 'after joining');
    await hearsOthers(room, BOTS);
    await waitUntil(() => firstScreen.every((tile) => isPlaying(videoOf(tile))), 'a visible tile never played');
    for (const tile of remoteTiles(room).filter((t) => !firstScreen.includes(t))) {
      expect(tile.shadowRoot!.querySelector('[part="placeholder"]')!.hasAttribute('hidden'), 'an off-screen tile shows its placeholder').to.equal(false);
    }

    // Scrolled down by a window: the next tiles get their video, the first ones stop.
    window.scrollTo(0, innerHeight);
    const secondScreen = onScreen(room);
    expect(names(secondScreen)).to.not.deep.equal(names(firstScreen));
    await videoOnlyFor(room, () => onScreen(room), 'after scrolling');
    await waitUntil(() => secondScreen.every((tile) => isPlaying(videoOf(tile))), 'a tile scrolled into view never played');
    window.scrollTo(0, 0);
    await videoOnlyFor(room, () => onScreen(room), 'after scrolling back');

    // Another tab in front: no video at all, and everyone still heard; back: the visible tiles again.
    await executeServerCommand('ov-tab', { action: 'hide' });
    expect(document.visibilityState).to.equal('hidden');
    await videoOnlyFor(room, () => [], 'with the tab hidden');
    await executeServerCommand('ov-tab', { action: 'show' });
    expect(document.visibilityState).to.equal('visible');
    await videoOnlyFor(room, () => onScreen(room), 'with the tab shown again');

    // The chat covers the whole stage of a narrow room: no video while it is open.
    button(room, 'Chat').click();
    await waitUntil(() => onScreen(room).length === 0, 'the chat never covered the stage');
    await videoOnlyFor(room, () => [], 'with the chat over the stage');
    button(room, 'Close').click();
    await videoOnlyFor(room, () => onScreen(room), 'with the chat closed');
    await hearsOthers(room, BOTS);
    parent.remove();
  });

  it("pages: the next page's tiles get their video (placeholders until then) and the previous page's stop; all are heard", async function () {
    this.timeout(180000);
    const bots = 8;
    sessionId = uniqueSessionId('paging');
    await serverControl({ action: 'add-bots', sessionId, count: bots });
    const parent = await fixture<HTMLDivElement>(html`<div style="width:700px"></div>`);
    const room = addRoom(parent, { sessionId, name: 'Teacher' });
    room.maxTiles = 4; // you and three others, then pages of four
    room.style.height = '500px';
    await oneEvent(room, 'ov-joined');
    await waitUntil(() => room.state.participants.length === bots + 1, `the room never listed ${bots + 1} participants`);
    await waitUntil(() => remoteTiles(room).length === 3 && onScreen(room).length === 3, 'the first page never showed three others');
    const firstPage = names(onScreen(room));
    await videoOnlyFor(room, () => onScreen(room), 'on the first page');
    await hearsOthers(room, bots);

    button(room, 'Next page').click();
    await waitUntil(() => onScreen(room).length === 4 && !names(onScreen(room)).some((name) => firstPage.includes(name)), 'the next page never showed');
    // Until its first frames, a tile of the new page shows its placeholder, not an empty video.
    for (const tile of onScreen(room)) {
      const placeholderShown = !tile.shadowRoot!.querySelector('[part="placeholder"]')!.hasAttribute('hidden');
      expect(placeholderShown || videoOf(tile).videoWidth > 0, `${tile.shownParticipant!.name}: a blank tile`).to.equal(true);
    }
    const secondPage = onScreen(room);
    await videoOnlyFor(room, () => onScreen(room), 'on the second page');
    await waitUntil(() => secondPage.every((tile) => isPlaying(videoOf(tile))), 'a tile of the second page never played');
    await hearsOthers(room, bots);

    button(room, 'Previous page').click();
    await videoOnlyFor(room, () => onScreen(room), 'back on the first page');
    expect(names(onScreen(room))).to.deep.equal(firstPage);
    parent.remove();
  });

  it('a session of 24 bots: 25 listed, shown in pages, all 24 heard, video only for the tiles on screen, page after page', async function () {
    this.timeout(300000);
    const bots = 24;
    sessionId = uniqueSessionId('big');
    await setViewport({ width: 1280, height: 800 });
    await serverControl({ action: 'add-bots', sessionId, count: bots });
    const parent = await fixture<HTMLDivElement>(html`<div style="width:640px"></div>`);
    const room = addRoom(parent, { sessionId, name: 'Teacher' });
    room.style.height = '480px'; // what fits at 200 px wide: six tiles a page, five pages
    await oneEvent(room, 'ov-joined');
    await waitUntil(() => room.state.participants.length === bots + 1, `the room never listed ${bots + 1} participants`, { timeout: 30000 });
    const status = () => room.shadowRoot!.querySelector('ov-layout')!.shadowRoot!.querySelector('[part="page-status"]')?.textContent?.trim() ?? '';
    await waitUntil(() => /^Page 1 of [2-9]$/.test(status()) && tiles(room).length < bots, `the ${bots + 1} tiles were never paged`);
    expect(onScreen(room).length, 'tiles on the first page').to.be.below(bots);
    await videoOnlyFor(room, () => onScreen(room), 'on page 1');
    await hearsOthers(room, bots);
    const seen = new Set(names(onScreen(room)));
    // Page after page to the last (the count is read each time: it is the layout's, for the room's size).
    for (let page = 2; !/^Page (\d+) of \1$/.test(status()); page++) {
      button(room, 'Next page').click();
      await waitUntil(() => status().startsWith(`Page ${page} of `), `page ${page} never showed`);
      await videoOnlyFor(room, () => onScreen(room), `on page ${page}`);
      for (const name of names(onScreen(room))) seen.add(name);
    }
    expect(seen.size, 'every bot had its video on some page').to.equal(bots);
    await hearsOthers(room, bots);
    parent.remove();
  });
});
