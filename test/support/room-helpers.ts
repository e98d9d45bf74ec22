// Helpers for end-to-end tests of <ov-room> against the local OpenVidu server: what a person sees in a room,
// and which camera and microphone tracks the page still holds.
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import type { OvVideo } from '../../src/elements/ov-video/ov-video.js';
import { OV_SERVER_URL } from './env.js';

let sessionCounter = 0;
export function uniqueSessionId(label = 'room'): string {
  sessionCounter += 1;
  return `${label}-${Date.now().toString(36)}-${sessionCounter}`;
}

/**
 * Records every track getUserMedia hands out in this page, so a test can ask which are still live (a live
 * camera track is a lit camera light). It wraps the browser API; openvidu-browser itself runs unchanged.
 */
const issuedTracks: MediaStreamTrack[] = [];
let refusals = 0;
/** The next `count` camera/microphone requests are refused, as when the user clicks "Block". */
export function refuseNextDeviceRequests(count = 1): void {
  refusals = count;
}
const originalGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  if (refusals > 0) {
    refusals -= 1;
    throw new DOMException('Permission denied', 'NotAllowedError');
  }
  const stream = await originalGetUserMedia(constraints);
  issuedTracks.push(...stream.getTracks());
  return stream;
};
export const liveTracks = () => issuedTracks.filter((track) => track.readyState === 'live');

/** Records the URL of every WebSocket the page opens, to tell a reconnection loop from a room that gave up. */
export const openedSockets: string[] = [];
const NativeWebSocket = window.WebSocket;
window.WebSocket = class RecordedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    openedSockets.push(String(url));
  }
};

/**
 * For afterEach: removes every room a failed test left in the page, then waits until no camera or microphone
 * track is live. A test that passes has removed its rooms already.
 */
export async function expectNothingLeftRunning(): Promise<void> {
  for (const room of document.querySelectorAll('ov-room')) room.remove();
  await waitUntil(() => liveTracks().length === 0, 'a camera or microphone track was left running', { timeout: 5000 });
}

/** A container that gives rooms a real size, side by side. */
export async function stage() {
  return fixture<HTMLDivElement>(html`<div style="display:grid;grid-template-columns:repeat(3,360px);gap:4px"></div>`);
}

export interface RoomOptions {
  sessionId: string;
  name: string;
  tokenUrl?: string;
  noPrejoin?: boolean;
  lang?: string;
}

/** Adds a room to `parent` and resolves when it fired `ov-joined` (or rejects with the ov-error detail). */
export async function joinedRoom(parent: HTMLElement, options: RoomOptions): Promise<OvRoom> {
  const room = addRoom(parent, options);
  const outcome = await Promise.race([oneEvent(room, 'ov-joined'), oneEvent(room, 'ov-error').then((e) => e)]);
  if (outcome.type === 'ov-error') throw new Error(`room did not join: ${JSON.stringify((outcome as CustomEvent).detail)}`);
  return room;
}

export function addRoom(parent: HTMLElement, options: RoomOptions): OvRoom {
  const room = document.createElement('ov-room');
  room.tokenUrl = options.tokenUrl ?? `${OV_SERVER_URL}/api`;
  room.sessionId = options.sessionId;
  room.participantName = options.name;
  room.noPrejoin = options.noPrejoin ?? true;
  if (options.lang) room.lang = options.lang;
  room.style.height = '240px';
  parent.append(room);
  return room;
}

export function tiles(room: OvRoom): OvVideo[] {
  return [...(room.shadowRoot?.querySelectorAll('ov-video') ?? [])];
}

export function tileNamed(room: OvRoom, name: string): OvVideo | undefined {
  return tiles(room).find((tile) => tile.shownParticipant?.name === name);
}

export function videoOf(tile: OvVideo): HTMLVideoElement {
  return tile.shadowRoot!.querySelector('video')!;
}

/** The tile's accessible name, as a screen reader announces it. */
export function tileLabel(tile: OvVideo): string {
  return tile.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label') ?? '';
}

/** The name shown on the tile. */
export function tileName(tile: OvVideo): string {
  return tile.shadowRoot!.querySelector('[part="name"]')!.textContent!.trim();
}

/** Waits until the room shows `name`'s video playing (decoded frames with a size). */
export async function videoPlaying(room: OvRoom, name: string, timeout = 20000): Promise<OvVideo> {
  await waitUntil(
    () => {
      const tile = tileNamed(room, name);
      const video = tile && videoOf(tile);
      return !!video && video.videoWidth > 0 && !video.paused && video.readyState >= 2;
    },
    `${room.participantName} never saw ${name}'s video playing`,
    { timeout, interval: 50 },
  );
  return tileNamed(room, name)!;
}

export function button(room: OvRoom, label: string): HTMLButtonElement {
  const found = [...room.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === label);
  if (!found) throw new Error(`no button "${label}" in the room`);
  return found;
}

/** Visible text of the room's shadow DOM (not of nested tiles). */
export function roomText(room: OvRoom): string {
  return (room.shadowRoot!.querySelector('[part="base"]') as HTMLElement).innerText;
}
