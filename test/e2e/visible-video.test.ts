// Video only for what is on screen: one <ov-room> in a session with 10 bots of the local server hears all 10 and
// receives video only for the tiles a person can see, as the page's own RTCPeerConnection stats tell (inbound-rtp
// video bytes that keep growing). Tiles scrolled into view get their video and those scrolled away stop; a hidden
// tab receives no video; a panel that covers the stage (a narrow room) stops it too.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import type { OvVideo } from '../../src/elements/ov-video/ov-video.js';
import { serverControl } from '../server/helpers.js';
import {
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

/** Video bytes received so far per open subscription's peer connection (inbound-rtp, kind video). */
async function videoBytes(): Promise<Map<RTCPeerConnection, number>> {
  const bytes = new Map<RTCPeerConnection, number>();
  for (const pc of receivingPeerConnections()) {
    let total = -1; // no video receiver at all: an audio-only subscription
    (await pc.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') total = Math.max(total, 0) + (report.bytesReceived ?? 0);
    });
    bytes.set(pc, total);
  }
  return bytes;
}

/** The remote tiles whose video bytes grew over one second, named, and how many peer connections received video. */
async function videoFlowing(room: OvRoom): Promise<{ tiles: string[]; connections: number }> {
  const before = await videoBytes();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = await videoBytes();
  const growing = [...after].filter(([pc, bytes]) => before.has(pc) && bytes > before.get(pc)!).map(([pc]) => pc);
  const flowing = remoteTiles(room).filter((tile) => {
    const track = (videoOf(tile).srcObject as MediaStream | null)?.getVideoTracks()[0];
    return !!track && growing.some((pc) => pc.getReceivers().some((receiver) => receiver.track === track));
  });
  return { tiles: names(flowing), connections: growing.length };
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
    `${what}: video never flowed for exactly ${names(expected()).length} tiles`,
    { timeout: 30000, interval: 100 },
  ).catch((error: Error) => {
    const missing = expected().filter((t) => !last.tiles.includes(t.shownParticipant!.name));
    throw new Error(`${error.message} (last: ${last.tiles.length} tiles, ${last.connections} connections; not flowing: ${missing.map((t) => JSON.stringify(t.getBoundingClientRect())).join(' ')} in ${innerWidth}x${innerHeight})`);
  });
}

describe(`<ov-room> in a session of ${BOTS} bots: video only for what is on screen`, () => {
  let sessionId: string;
  afterEach(async () => {
    await executeServerCommand('ov-tab', { action: 'show' });
    await serverControl({ action: 'remove-bots', sessionId });
    await expectNothingLeftRunning();
  });

  it('hears every bot, receives video only for the visible tiles, follows scrolling, a hidden tab and a covering panel', async function () {
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
});
