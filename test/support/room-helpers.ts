// Helpers for end-to-end tests of <ov-room> against the local OpenVidu server: what a person sees in a room,
// and which camera and microphone tracks the page still holds.
import { fixture, html, oneEvent, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import type { OvVideo } from '../../src/elements/ov-video/ov-video.js';
import { OV_SERVER_URL } from './env.js';
import { expectNoTrimmedPartReached } from './trimmed.js';

/**
 * open-wc's waitUntil with a default of 10 s instead of 1 s: what these tests wait for crosses a network, a media
 * server and a decoder, and a shared machine can be slow; each test's own timeout still bounds it.
 */
export function waitUntil(predicate: () => unknown, message?: string, options: { interval?: number; timeout?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: 10000, ...options });
}

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
// Screens too: a shared screen left running is a leak as much as a camera.
const originalGetDisplayMedia = navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getDisplayMedia = async (options) => {
  const stream = await originalGetDisplayMedia(options);
  issuedTracks.push(...stream.getTracks());
  return stream;
};
export const liveTracks = () => issuedTracks.filter((track) => track.readyState === 'live');

/** Every peer connection the page creates, to read what it receives (openvidu-browser runs unchanged). */
const peerConnections: RTCPeerConnection[] = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class RecordedPeerConnection extends NativePeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    peerConnections.push(this);
    this.addEventListener('signalingstatechange', () => {
      if (this.signalingState !== 'have-local-offer' || !this.getTransceivers().some((t) => t.direction === 'sendonly')) return;
      for (const resolve of publishOfferWaiters.splice(0)) resolve();
    });
  }
};
const publishOfferWaiters: (() => void)[] = [];

/** Resolves when the page next sets the offer of a publish: the publish is being negotiated, not yet answered. */
export function nextPublishOffer(): Promise<void> {
  return new Promise((resolve) => publishOfferWaiters.push(resolve));
}

/** Bytes received so far for `track` (a remote track), from the stats of the receiver that carries it. */
export async function bytesReceived(track: MediaStreamTrack): Promise<number> {
  for (const pc of peerConnections) {
    if (pc.connectionState === 'closed') continue;
    const receiver = pc.getReceivers().find((r) => r.track === track);
    if (!receiver) continue;
    let bytes = 0;
    (await receiver.getStats()).forEach((report: { type: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp') bytes += report.bytesReceived ?? 0;
    });
    return bytes;
  }
  return 0;
}

/** What the page's camera publish encodes and sends (outbound-rtp video) and the sender's encoding parameters. */
export async function cameraSent(): Promise<{ width: number; height: number; encoding?: RTCRtpEncodingParameters } | undefined> {
  for (const pc of peerConnections) {
    const sender = pc.connectionState === 'closed' ? undefined : pc.getTransceivers().find((t) => t.direction === 'sendonly' && t.receiver.track.kind === 'video')?.sender;
    if (!sender || sender.track?.label.startsWith('screen')) continue; // a shared screen is not the camera
    let size = { width: 0, height: 0 };
    (await sender.getStats()).forEach((report: { type: string; frameWidth?: number; frameHeight?: number }) => {
      if (report.type === 'outbound-rtp' && report.frameWidth) size = { width: report.frameWidth, height: report.frameHeight ?? 0 };
    });
    return { ...size, encoding: sender.getParameters().encodings[0] };
  }
  return undefined;
}

/** The open peer connections of the page that receive (subscriptions), with their video and audio receivers. */
export function receivingPeerConnections(): RTCPeerConnection[] {
  return peerConnections.filter((pc) => pc.connectionState !== 'closed' && pc.getTransceivers().some((t) => t.direction === 'recvonly'));
}

/**
 * The `<audio>` elements through which the room plays the others, each with its live track: what the person
 * hears, whatever tiles show.
 */
export function roomAudio(room: OvRoom): { element: HTMLAudioElement; track?: MediaStreamTrack }[] {
  return [...room.shadowRoot!.querySelectorAll('audio')].map((element) => ({
    element,
    track: (element.srcObject as MediaStream | null)?.getAudioTracks().find((t) => t.readyState === 'live'),
  }));
}

/** Waits until the room plays `count` remote sounds whose bytes keep arriving: the person hears them. */
export async function hearsOthers(room: OvRoom, count: number): Promise<void> {
  await waitUntil(() => roomAudio(room).filter((a) => a.track && !a.element.paused).length === count, `the room never played ${count} remote sounds`, { timeout: 15000 });
  for (const { track } of roomAudio(room)) {
    const before = await bytesReceived(track!);
    await waitUntil(async () => (await bytesReceived(track!)) > before, 'no audio arrives for a played sound', { timeout: 5000, interval: 200 });
  }
}

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
 * track is live. A test that passes has removed its rooms already. Also fails the test if openvidu-browser
 * reached a part trimmed from the build.
 */
export async function expectNothingLeftRunning(): Promise<void> {
  for (const room of document.querySelectorAll('ov-room')) room.remove();
  // Rooms remember devices and names for the next visit; each test starts as a first visit.
  localStorage.removeItem('openvidu-elements.choices');
  await waitUntil(() => liveTracks().length === 0, 'a camera or microphone track was left running', { timeout: 5000 });
  expectNoTrimmedPartReached();
}

/** Every element matching `selector` under `root`, looking into shadow roots too (tiles live in <ov-layout>'s). */
export function deepQueryAll<E extends Element = Element>(root: ParentNode, selector: string): E[] {
  const found: E[] = [];
  const visit = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.matches(selector)) found.push(element as E);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root);
  return found;
}

/** The element that has keyboard focus inside `host`, through nested shadow roots. */
export function deepActiveElement(host: Element): Element | null {
  let active = host.shadowRoot?.activeElement ?? null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * A container that gives rooms a real size, side by side, in a desktop-sized window (1280x800, where three rows of
 * three rooms fit): a room receives video only for the tiles inside the window.
 */
export async function stage() {
  await setViewport({ width: 1280, height: 800 });
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

/** The meeting's tiles (camera and screen videos; not the lobby's preview, nor tiles kept hidden off the page). */
export function tiles(room: OvRoom): OvVideo[] {
  const layout = room.shadowRoot?.querySelector('ov-layout');
  return layout ? deepQueryAll<OvVideo>(layout.shadowRoot!, 'ov-video').filter((tile) => !tile.closest('[hidden]')) : [];
}

/** The camera tile of `name`. */
export function tileNamed(room: OvRoom, name: string): OvVideo | undefined {
  return tiles(room).find((tile) => tile.shownParticipant?.name === name && tile.source === 'camera');
}

/** The tile of the screen `name` shares. */
export function screenTileOf(room: OvRoom, name: string): OvVideo | undefined {
  return tiles(room).find((tile) => tile.shownParticipant?.name === name && tile.source === 'screen');
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
      return isPlaying(tile && videoOf(tile));
    },
    `${room.participantName} never saw ${name}'s video playing`,
    { timeout, interval: 50 },
  );
  return tileNamed(room, name)!;
}

/** The button named `label` (its text or aria-label), anywhere in the room's UI, if there is one. */
export function findButton(room: OvRoom, label: string): HTMLButtonElement | undefined {
  const nameOf = (b: HTMLButtonElement) => (b.querySelector('[part="label"]') ?? b).textContent!.trim();
  return deepQueryAll<HTMLButtonElement>(room.shadowRoot!, 'button').find((b) => nameOf(b) === label || b.getAttribute('aria-label') === label);
}

/** The button named `label`; throws when there is none. */
export function button(room: OvRoom, label: string): HTMLButtonElement {
  const found = findButton(room, label);
  if (!found) throw new Error(`no button "${label}" in the room`);
  return found;
}

/** Waits until the video is playing: decoded frames with a size. */
export function isPlaying(video: HTMLVideoElement | null | undefined): boolean {
  return !!video && video.videoWidth > 0 && !video.paused && video.readyState >= 2;
}

/** Visible text of the room's shadow DOM (not of nested tiles). */
export function roomText(room: OvRoom): string {
  return (room.shadowRoot!.querySelector('[part="base"]') as HTMLElement).innerText;
}
