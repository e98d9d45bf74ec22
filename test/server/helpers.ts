// Helpers for the local OpenVidu server's browser tests: tokens through the REST API, participants driven by the
// real openvidu-browser, and waiting for what an app would observe.
import { quietly, recordConsole } from './quiet-console.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { type Connection, OpenVidu, type Publisher, type Session, type StreamManager, type Subscriber } from 'openvidu-browser';
import { OV_SECRET, OV_SERVER_URL } from '../support/env.js';
import { expectNoTrimmedPartReached } from '../support/trimmed.js';

const auth = `Basic ${btoa(`OPENVIDUAPP:${OV_SECRET}`)}`;

export async function rest(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${OV_SERVER_URL}/openvidu/api${path}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

let counter = 0;
/** A fresh session id per test. */
export function uniqueSessionId(prefix = 'test'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** Creates the session if needed and a connection in it, as an application server would. */
export async function createToken(sessionId: string, props: Record<string, unknown> = {}): Promise<string> {
  const created = await rest('POST', '/sessions', { customSessionId: sessionId });
  if (created.status !== 200 && created.status !== 409) throw new Error(`POST /sessions → ${created.status}`);
  const connection = await rest('POST', `/sessions/${sessionId}/connection`, props);
  if (connection.status !== 200) throw new Error(`POST /connection → ${connection.status}`);
  return ((await connection.json()) as { token: string }).token;
}

export function serverControl(payload: Record<string, unknown>): Promise<any> {
  return executeServerCommand('ov-server', payload);
}

export interface Participant {
  name: string;
  ov: OpenVidu;
  session: Session;
  publisher?: Publisher;
  subscribers: Subscriber[];
  /** Every remote video element, by the remote stream's connection id. */
  videos: Map<string, HTMLVideoElement>;
  /** The server or the network ended the session (sessionDisconnected fired). */
  disconnected: boolean;
}

const live = new Set<Participant>();

export interface JoinOptions {
  publish?: boolean;
  role?: 'PUBLISHER' | 'SUBSCRIBER' | 'MODERATOR';
  subscribe?: boolean;
  audio?: boolean;
}

/** A participant that joins with the real openvidu-browser, subscribes to every stream and optionally publishes. */
export async function join(sessionId: string, name: string, options: JoinOptions = {}): Promise<Participant> {
  const ov = new OpenVidu();
  ov.enableProdMode();
  const session = ov.initSession();
  const participant: Participant = { name, ov, session, subscribers: [], videos: new Map(), disconnected: false };
  session.on('sessionDisconnected', () => {
    participant.disconnected = true;
  });
  live.add(participant);
  if (options.subscribe !== false) {
    session.on('streamCreated', (event: any) => {
      const video = document.createElement('video');
      video.muted = true;
      document.body.append(video);
      const subscriber = session.subscribe(event.stream, undefined);
      subscriber.addVideoElement(video);
      participant.subscribers.push(subscriber);
      participant.videos.set(event.stream.connection.connectionId, video);
    });
    session.on('streamDestroyed', (event: any) => {
      const video = participant.videos.get(event.stream.connection.connectionId);
      video?.remove();
      participant.videos.delete(event.stream.connection.connectionId);
    });
  }
  const token = await createToken(sessionId, { role: options.role ?? 'PUBLISHER' });
  await session.connect(token, { clientData: name });
  if (options.publish !== false) participant.publisher = await publish(participant, options.audio ?? true);
  return participant;
}

export async function publish(participant: Participant, audio = true): Promise<Publisher> {
  const publisher = await participant.ov.initPublisherAsync(undefined, {
    audioSource: audio ? undefined : false,
    videoSource: undefined,
    resolution: '320x240',
    frameRate: 15,
  });
  await participant.session.publish(publisher);
  participant.publisher = publisher;
  return publisher;
}

/** Leaves and releases the camera; safe to call twice. */
export async function leave(participant: Participant): Promise<void> {
  if (!live.has(participant)) return;
  live.delete(participant);
  // A session the server already ended would send a leaveRoom nobody answers (and log its timeout).
  if (!participant.disconnected) participant.session.disconnect();
  participant.publisher?.stream?.getMediaStream()?.getTracks().forEach((t) => t.stop());
  for (const video of participant.videos.values()) video.remove();
}

/**
 * Every participant a test created leaves; then the server must hold no session and no peer connection, and
 * openvidu-browser must have reached no part trimmed from the build.
 */
export async function leaveAll(): Promise<void> {
  // One at a time: a client that already left would log the others' participantLeft as an error.
  for (const participant of [...live]) {
    const connectionId = participant.session.connection?.connectionId;
    await leave(participant);
    if (connectionId) await waitFor(async () => !(await activeConnectionIds()).includes(connectionId), `${participant.name} to be gone`);
  }
  await waitFor(async () => {
    const state = await serverControl({ action: 'state' });
    return state.sessions.every((s: any) => s.connections.every((c: any) => c.status !== 'active')) && state.media.peerConnections === 0;
  }, 'the server to release every participant and peer connection');
  expectNoTrimmedPartReached();
}

async function activeConnectionIds(): Promise<string[]> {
  const state = await serverControl({ action: 'state' });
  return state.sessions.flatMap((s: any) => s.connections.filter((c: any) => c.status === 'active').map((c: any) => c.connectionId));
}

/** Polls until `predicate` holds; the test's own timeout bounds the wait. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (;;) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
    (waitFor as any).last = what;
  }
}

/** Resolves with the event's argument the first time `name` fires on `target` (an openvidu-browser object). */
export function once<T = any>(target: { once(name: string, handler: (event: any) => void): unknown }, name: string): Promise<T> {
  return new Promise((resolve) => target.once(name, resolve as (event: any) => void));
}

/** Waits until the participant's video of `connectionId` plays frames. */
export async function videoPlaying(participant: Participant, connectionId: string): Promise<HTMLVideoElement> {
  let video: HTMLVideoElement | undefined;
  await waitFor(() => {
    video = participant.videos.get(connectionId);
    return !!video && video.videoWidth > 0 && video.readyState >= 2 && !video.paused;
  }, `${participant.name} to see ${connectionId}'s video playing`);
  return video!;
}

export { quietly, recordConsole };

/** Inbound RTP packets of `kind` a subscriber has received so far. */
export async function packetsReceived(subscriber: Subscriber, kind: 'audio' | 'video'): Promise<number> {
  const pc = (subscriber.stream as any).getRTCPeerConnection() as RTCPeerConnection;
  let packets = 0;
  (await pc.getStats()).forEach((report: any) => {
    if (report.type === 'inbound-rtp' && report.kind === kind) packets += report.packetsReceived ?? 0;
  });
  return packets;
}

/** The Connection object `viewer` holds for `other`, once `viewer` has heard of it. */
export async function remoteConnection(viewer: Participant, other: Participant): Promise<Connection> {
  const id = connectionIdOf(other);
  await waitFor(() => viewer.session.remoteConnections.has(id), `${viewer.name} to know ${other.name}`);
  return viewer.session.remoteConnections.get(id)!;
}

export function connectionIdOf(participant: Participant): string {
  return participant.session.connection.connectionId;
}

export type { StreamManager };
