/**
 * The one module that drives openvidu-browser. It turns a room's inputs into a joined OpenVidu session
 * (token, connect, publish the camera and microphone, subscribe to everyone), follows what happens in it, and
 * reports it as immutable snapshots plus discrete events. Everything it acquires (the WebSocket, listeners,
 * camera and microphone tracks, timers, video elements) is released by `leave()` and `dispose()`.
 */
import {
  ExceptionEventName,
  OpenVidu,
  type Connection,
  type ConnectionEvent,
  type ExceptionEvent,
  type Publisher,
  type PublisherSpeakingEvent,
  type Session,
  type SessionEventMap,
  type SessionDisconnectedEvent,
  type Stream,
  type StreamEvent,
  type StreamManager,
  type StreamPropertyChangedEvent,
} from 'openvidu-browser';
import { OvError, describeError, isOvError, type OvErrorCode, type OvErrorDetail } from './errors.js';
import { message } from './i18n/index.js';
import { attachStreamManager, streamViewOf } from './stream-view.js';
import { TokenSource, type TokenSourceOptions } from './token-source.js';
import {
  LEFT_REASONS,
  participantNameFromData,
  type LeftReason,
  type ParticipantSnapshot,
  type RoomCommands,
  type RoomSnapshot,
  type RoomStatus,
} from './room-state.js';

export interface RoomInputs {
  readonly sessionId: string;
  readonly participantName: string;
  readonly tokens: TokenSourceOptions;
  readonly lang?: string;
  /** How long a dropped connection may try to come back before the room gives up (default 30 s). */
  readonly reconnectTimeoutMs?: number;
}

/** Discrete happenings, reported next to the snapshots so that a UI can turn them into events. */
export type RoomEvent =
  | { readonly type: 'joined'; readonly sessionId: string; readonly connectionId: string }
  | { readonly type: 'left'; readonly reason: LeftReason }
  | { readonly type: 'participant-joined'; readonly participant: ParticipantSnapshot }
  | { readonly type: 'participant-left'; readonly participant: ParticipantSnapshot; readonly reason: string }
  | { readonly type: 'participant-changed'; readonly participant: ParticipantSnapshot; readonly property: 'microphone' | 'camera' }
  | { readonly type: 'error'; readonly error: OvErrorDetail }
  | { readonly type: 'reconnecting' }
  | { readonly type: 'reconnected' };

export interface RoomControllerOptions {
  readonly onSnapshot: (snapshot: RoomSnapshot) => void;
  readonly onEvent: (event: RoomEvent) => void;
  /** How long a whole join (token, then the OpenVidu server) may take before the room gives up (20 s). */
  readonly joinTimeoutMs?: number;
}

interface Member {
  readonly connectionId: string;
  readonly name: string;
  readonly isLocal: boolean;
  streamManager?: StreamManager;
  speaking: boolean;
}

const DEFAULT_RECONNECT_TIMEOUT_MS = 30_000;
/** Notices that `retryPublishing` may cure. */
export const MEDIA_NOTICES: readonly OvErrorCode[] = ['DEVICE_ACCESS_DENIED', 'DEVICE_NOT_FOUND', 'DEVICE_IN_USE', 'PUBLISH_FAILED'];
const DEFAULT_JOIN_TIMEOUT_MS = 20_000;

export class RoomController {
  private inputs: RoomInputs = { sessionId: '', participantName: '', tokens: {} };
  private status: RoomStatus = 'idle';
  private error?: OvErrorDetail;
  private notices: OvErrorDetail[] = [];
  private leftReason?: LeftReason;
  private readonly members = new Map<string, Member>();
  /** Every video element showing a stream of this room, with the function that empties it. */
  private readonly attachedVideos = new Map<HTMLVideoElement, { readonly connectionId: string; readonly detach: () => void }>();
  private current?: Attempt;
  private joining?: Promise<void>;
  private readonly tokenSource = new TokenSource({});
  private snapshotCache?: RoomSnapshot;
  private readonly commands: RoomCommands;

  constructor(private readonly options: RoomControllerOptions) {
    this.commands = {
      join: () => this.join(),
      leave: () => this.leave(),
      toggleMicrophone: () => this.setMicrophoneEnabled(!this.localStream()?.audioActive),
      toggleCamera: () => this.setCameraEnabled(!this.localStream()?.videoActive),
      setMicrophoneEnabled: (enabled) => this.setMicrophoneEnabled(enabled),
      setCameraEnabled: (enabled) => this.setCameraEnabled(enabled),
      dismissNotice: (code) => this.dismissNotice(code),
      retryPublishing: () => this.retryPublishing(),
    };
  }

  get snapshot(): RoomSnapshot {
    this.snapshotCache ??= this.buildSnapshot();
    return this.snapshotCache;
  }

  /** Sets what the next join uses. Does not connect: call `join()`. */
  setInputs(inputs: RoomInputs): void {
    this.inputs = inputs;
    this.tokenSource.update(inputs.tokens);
    this.changed();
  }

  /** Whether the room is connecting or connected with inputs other than the given ones. */
  isActiveWithOtherInputs(inputs: RoomInputs): boolean {
    return !!this.current && !sameInputs(this.current.inputs, inputs);
  }

  join(): Promise<void> {
    if (this.current && sameInputs(this.current.inputs, this.inputs) && this.isActive()) {
      return this.joining ?? Promise.resolve();
    }
    if (this.current) void this.leave('removed');
    const attempt = new Attempt(this.inputs);
    this.current = attempt;
    this.joining = this.connect(attempt).finally(() => {
      if (this.current === attempt) this.joining = undefined;
    });
    return this.joining;
  }

  /** Leaves the session. A room that was still connecting goes back to `idle` without an `ov-left`. */
  leave(reason: LeftReason = 'user'): Promise<void> {
    const attempt = this.current;
    if (!attempt) return Promise.resolve();
    this.release();
    if (attempt.joined) {
      this.status = 'left';
      this.leftReason = reason;
      this.changed();
      this.options.onEvent({ type: 'left', reason });
    } else {
      this.status = 'idle';
      this.leftReason = reason === 'removed' ? reason : undefined;
      this.changed();
    }
    return Promise.resolve();
  }

  /** Leaves (reason `removed`) and forgets everything; the controller can still join again later. */
  dispose(): void {
    if (this.current) void this.leave('removed');
  }

  // Connecting

  private async connect(attempt: Attempt): Promise<void> {
    const { signal } = attempt.abort;
    const { sessionId, participantName } = attempt.inputs;
    this.status = 'connecting';
    this.error = undefined;
    this.notices = [];
    this.leftReason = undefined;
    this.changed();
    // One deadline for the whole join: a token endpoint or tokenProvider that never answers must not leave the
    // room connecting forever.
    const timeoutMs = this.options.joinTimeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS;
    attempt.deadline = setTimeout(() => {
      if (this.current === attempt && !attempt.joined) {
        const step = attempt.connecting ? 'server' : 'token';
        this.fail(new OvError('JOIN_TIMED_OUT', { seconds: Math.round(timeoutMs / 1000), step: message(`room.step.${step}`, {}, attempt.inputs.lang) }));
      }
    }, timeoutMs);
    try {
      TokenSource.check(attempt.inputs.tokens, sessionId);
      const ov = new OpenVidu();
      ov.enableProdMode();
      attempt.ov = ov;
      attempt.session = ov.initSession();
      this.listen(attempt);
      // The camera starts while the token is fetched: both take a while and neither needs the other.
      const publisherReady = this.createPublisher(attempt);
      const token = await this.tokenSource.get({ sessionId, participantName, kind: 'camera' }, signal);
      signal.throwIfAborted();
      attempt.connecting = true;
      await this.connectSession(attempt, token);
      signal.throwIfAborted();
      attempt.joined = true;
      clearTimeout(attempt.deadline);
      const connection = attempt.session.connection;
      this.members.set(connection.connectionId, { connectionId: connection.connectionId, name: participantName, isLocal: true, speaking: false });
      // Joined once connected: the others' videos show while the own camera is still being published.
      this.status = 'joined';
      this.changed();
      this.options.onEvent({ type: 'joined', sessionId: attempt.session.sessionId, connectionId: connection.connectionId });
      const publisher = await publisherReady;
      if (publisher && !signal.aborted) await this.publish(attempt, publisher);
    } catch (error) {
      if (signal.aborted) return; // whoever aborted has already released the attempt
      this.fail(toOvError(error, 'CONNECTION_FAILED'));
    }
  }

  private connectSession(attempt: Attempt, token: string): Promise<void> {
    const session = attempt.session!;
    const server = new URL(token);
    const serverDetails = { server: `${server.protocol}//${server.host}`, httpServer: `${server.protocol === 'wss:' ? 'https' : 'http'}://${server.host}` };
    return new Promise<void>((resolve, reject) => {
      // openvidu-browser never settles connect() when the first WebSocket fails: it starts reconnecting instead.
      const unreachable = () => {
        session.off('reconnecting', unreachable);
        reject(new OvError('SERVER_UNREACHABLE', serverDetails));
      };
      session.on('reconnecting', unreachable);
      session
        .connect(token, { clientData: attempt.inputs.participantName })
        .then(() => {
          attempt.connected = true;
          session.off('reconnecting', unreachable);
          resolve();
        })
        .catch((error: unknown) => {
          session.off('reconnecting', unreachable);
          reject(joinRoomError(error));
        });
    });
  }

  /** Resolves to undefined when the camera and microphone are unavailable; the room then joins without them. */
  private async createPublisher(attempt: Attempt): Promise<Publisher | undefined> {
    if (!globalThis.isSecureContext || !navigator.mediaDevices) {
      this.addNotice(new OvError('INSECURE_CONTEXT'));
      return undefined;
    }
    try {
      const publisher = await attempt.ov!.initPublisherAsync(undefined, {
        publishAudio: true,
        publishVideo: true,
        resolution: '640x480',
        frameRate: 30,
        mirror: false,
      });
      if (attempt.abort.signal.aborted) {
        stopTracks(publisher); // the attempt was released while the camera was starting
        return undefined;
      }
      attempt.publisher = publisher;
      return publisher;
    } catch (error) {
      if (!attempt.abort.signal.aborted) this.addNotice(toOvError(error, 'DEVICE_NOT_FOUND'));
      return undefined;
    }
  }

  private async publish(attempt: Attempt, publisher: Publisher): Promise<void> {
    const local = this.members.get(attempt.session!.connection.connectionId)!;
    local.streamManager = publisher;
    try {
      await attempt.session!.publish(publisher);
    } catch (error) {
      if (attempt.abort.signal.aborted) return;
      local.streamManager = undefined;
      stopTracks(publisher);
      attempt.publisher = undefined;
      this.addNotice(toOvError(error, 'PUBLISH_FAILED'));
    }
    this.changed();
  }

  // Following the session

  private listen(attempt: Attempt): void {
    const session = attempt.session!;
    const on = <K extends keyof SessionEventMap>(type: K, handler: (event: SessionEventMap[K]) => void) => {
      session.on(type, handler);
      attempt.listeners.push(() => session.off(type, handler));
    };
    on('connectionCreated', (event: ConnectionEvent) => this.onConnectionCreated(attempt, event.connection));
    on('connectionDestroyed', (event: ConnectionEvent) => this.onConnectionDestroyed(event.connection, event.reason));
    on('streamCreated', (event: StreamEvent) => this.onStreamCreated(attempt, event.stream));
    on('streamDestroyed', (event: StreamEvent) => {
      const member = this.memberOf(event.stream);
      if (member && !member.isLocal) member.streamManager = undefined;
      this.changed();
    });
    on('streamPropertyChanged', (event: StreamPropertyChangedEvent) => this.onStreamPropertyChanged(event));
    on('publisherStartSpeaking', (event: PublisherSpeakingEvent) => this.setSpeaking(event.connection, true));
    on('publisherStopSpeaking', (event: PublisherSpeakingEvent) => this.setSpeaking(event.connection, false));
    on('reconnecting', () => this.onReconnecting(attempt));
    on('reconnected', () => this.onReconnected(attempt));
    on('sessionDisconnected', (event: SessionDisconnectedEvent) => this.onSessionDisconnected(attempt, event.reason));
    on('exception', (event: ExceptionEvent) => this.onException(event));
  }

  private onConnectionCreated(attempt: Attempt, connection: Connection): void {
    if (connection.connectionId === attempt.session?.connection?.connectionId || this.members.has(connection.connectionId)) return;
    const member: Member = { connectionId: connection.connectionId, name: participantNameFromData(connection.data), isLocal: false, speaking: false };
    this.members.set(member.connectionId, member);
    this.changed();
    this.options.onEvent({ type: 'participant-joined', participant: this.participantSnapshot(member) });
  }

  private onConnectionDestroyed(connection: Connection, reason: string): void {
    const member = this.members.get(connection.connectionId);
    if (!member || member.isLocal) return;
    this.forgetVideosOf(member);
    this.members.delete(member.connectionId);
    this.changed();
    this.options.onEvent({ type: 'participant-left', participant: this.participantSnapshot(member), reason });
  }

  private onStreamCreated(attempt: Attempt, stream: Stream): void {
    const member = this.members.get(stream.connection.connectionId);
    if (!member || member.isLocal) return;
    // Subscribing without a target element: <ov-video> attaches its own <video> (openvidu-browser looks ids up
    // in the document, which cannot see into shadow roots).
    member.streamManager = attempt.session!.subscribe(stream, undefined);
    this.changed();
  }

  private onStreamPropertyChanged(event: StreamPropertyChangedEvent): void {
    const member = this.memberOf(event.stream);
    if (!member) return;
    const property = event.changedProperty === 'audioActive' ? 'microphone' : event.changedProperty === 'videoActive' ? 'camera' : undefined;
    this.changed();
    if (property) this.options.onEvent({ type: 'participant-changed', participant: this.participantSnapshot(member), property });
  }

  private setSpeaking(connection: Connection, speaking: boolean): void {
    const member = this.members.get(connection.connectionId);
    if (!member || member.speaking === speaking) return;
    member.speaking = speaking;
    this.changed();
  }

  private onReconnecting(attempt: Attempt): void {
    if (this.status !== 'joined') return;
    this.status = 'reconnecting';
    this.changed();
    this.options.onEvent({ type: 'reconnecting' });
    const timeoutMs = this.inputs.reconnectTimeoutMs ?? DEFAULT_RECONNECT_TIMEOUT_MS;
    // openvidu-browser would otherwise retry every 3 s for 100 minutes.
    attempt.reconnectTimer = setTimeout(() => {
      if (this.current === attempt) this.fail(new OvError('CONNECTION_LOST', { seconds: Math.round(timeoutMs / 1000) }));
    }, timeoutMs);
  }

  private onReconnected(attempt: Attempt): void {
    clearTimeout(attempt.reconnectTimer);
    if (this.status !== 'reconnecting') return;
    this.status = 'joined';
    this.changed();
    this.options.onEvent({ type: 'reconnected' });
    // A publish the drop broke is tried again once the connection is back.
    if (this.notices.some((notice) => notice.code === 'PUBLISH_FAILED')) this.retryPublishing();
  }

  private onSessionDisconnected(attempt: Attempt, reason: string): void {
    if (this.current !== attempt) return;
    // Only OpenVidu's own reasons arrive here: the room's own disconnects remove this listener first.
    void this.leave((LEFT_REASONS as readonly string[]).includes(reason) ? (reason as LeftReason) : 'networkDisconnect');
  }

  private onException(event: ExceptionEvent): void {
    if (event.name !== ExceptionEventName.ICE_CONNECTION_FAILED) return;
    const stream = (event.origin as Stream | undefined)?.connection ? (event.origin as Stream) : undefined;
    const member = stream ? this.memberOf(stream) : undefined;
    this.addNotice(new OvError('MEDIA_CONNECTION_FAILED', { name: member?.name || member?.connectionId || '?' }));
  }

  // Commands

  private localMember(): Member | undefined {
    for (const member of this.members.values()) if (member.isLocal) return member;
    return undefined;
  }

  private localStream(): Stream | undefined {
    return this.localMember()?.streamManager?.stream;
  }

  private setMicrophoneEnabled(enabled: boolean): void {
    const publisher = this.current?.publisher;
    if (!publisher || publisher.stream.audioActive === enabled) return;
    publisher.publishAudio(enabled);
    this.changed();
  }

  private setCameraEnabled(enabled: boolean): void {
    const attempt = this.current;
    const publisher = attempt?.publisher;
    if (!attempt || !publisher || publisher.stream.videoActive === enabled) return;
    // Turning the camera off stops its track, so the camera light goes off too; turning it on asks again. The
    // new track may arrive after the room left: it joins this stream, and is stopped then, with nothing reported.
    const stream = publisher.stream.getMediaStream();
    const stopIfLeft = () => {
      if (!attempt.abort.signal.aborted) return false;
      for (const track of stream.getTracks()) track.stop();
      return true;
    };
    publisher.publishVideo(enabled, (enabled ? undefined : true) as never).then(
      () => stopIfLeft() || this.changed(),
      (error: unknown) => stopIfLeft() || this.addNotice(toOvError(error, 'DEVICE_NOT_FOUND')),
    );
    this.changed();
  }

  /**
   * Asks for the camera and microphone again and publishes them, for a room that joined without them (the user
   * refused, then allowed them; a publish failed). Does nothing while they are published.
   */
  private retryPublishing(): void {
    const attempt = this.current;
    if (!attempt?.joined || attempt.publisher || attempt.republishing) return;
    attempt.republishing = true;
    this.notices = this.notices.filter((notice) => !MEDIA_NOTICES.includes(notice.code));
    this.changed();
    void this.createPublisher(attempt)
      .then((publisher) => (publisher && !attempt.abort.signal.aborted ? this.publish(attempt, publisher) : undefined))
      .finally(() => (attempt.republishing = false));
  }

  private dismissNotice(code: OvErrorCode): void {
    const before = this.notices.length;
    this.notices = this.notices.filter((notice) => notice.code !== code);
    if (this.notices.length !== before) this.changed();
  }

  // Video elements

  private attachVideo(connectionId: string, video: HTMLVideoElement): () => void {
    const streamManager = this.members.get(connectionId)?.streamManager;
    if (!streamManager) return () => {};
    const attached = { connectionId, detach: attachStreamManager(streamManager, video) };
    this.attachedVideos.set(video, attached);
    return () => {
      if (this.attachedVideos.get(video) !== attached) return;
      attached.detach();
      this.attachedVideos.delete(video);
    };
  }

  private forgetVideosOf(member: Member): void {
    for (const [video, attached] of this.attachedVideos) {
      if (attached.connectionId !== member.connectionId) continue;
      attached.detach();
      this.attachedVideos.delete(video);
    }
  }

  // Releasing

  private fail(error: OvError): void {
    const wasJoined = !!this.current?.joined;
    this.release();
    const detail = error.toDetail(this.inputs.lang);
    this.status = 'error';
    this.error = detail;
    this.changed();
    this.options.onEvent({ type: 'error', error: detail });
    if (wasJoined) this.options.onEvent({ type: 'left', reason: 'networkDisconnect' });
  }

  private addNotice(error: OvError): void {
    const detail = error.toDetail(this.inputs.lang, false);
    this.notices = [...this.notices.filter((notice) => notice.code !== detail.code), detail];
    this.changed();
    this.options.onEvent({ type: 'error', error: detail });
  }

  /** Ends the current attempt: listeners off, session left, tracks stopped, videos emptied, timers cleared. */
  private release(): void {
    const attempt = this.current;
    if (!attempt) return;
    this.current = undefined;
    this.joining = undefined;
    attempt.abort.abort();
    clearTimeout(attempt.reconnectTimer);
    clearTimeout(attempt.deadline);
    for (const removeListener of attempt.listeners) removeListener();
    attempt.listeners = [];
    try {
      // leaveRoom only when the socket is open; while reconnecting, leave without it (forced), which closes the
      // socket, stops the publisher and closes every peer connection all the same.
      if (attempt.connected && this.status !== 'reconnecting') attempt.session?.disconnect();
      else if (attempt.connected) attempt.session?.leave(true, 'networkDisconnect');
    } catch {
      // nothing more to say to a server that is gone
    }
    try {
      if (attempt.session) attempt.ov?.closeWs();
    } catch {
      // a WebSocket that was never opened has nothing to close
    }
    if (attempt.publisher) stopTracks(attempt.publisher);
    for (const attached of this.attachedVideos.values()) attached.detach();
    this.attachedVideos.clear();
    this.members.clear();
  }

  // Snapshots

  private isActive(): boolean {
    return this.status === 'connecting' || this.status === 'joined' || this.status === 'reconnecting';
  }

  private memberOf(stream: Stream): Member | undefined {
    return this.members.get(stream.connection.connectionId);
  }

  private changed(): void {
    this.snapshotCache = undefined;
    this.options.onSnapshot(this.snapshot);
  }

  private participantSnapshot(member: Member): ParticipantSnapshot {
    return Object.freeze({
      ...streamViewOf(member.streamManager, member),
      speaking: member.speaking,
      attachVideo: (video: HTMLVideoElement) => this.attachVideo(member.connectionId, video),
    });
  }

  private buildSnapshot(): RoomSnapshot {
    const participants = [...this.members.values()]
      .sort((a, b) => Number(b.isLocal) - Number(a.isLocal))
      .map((member) => this.participantSnapshot(member));
    const local = participants.find((participant) => participant.isLocal);
    return Object.freeze({
      ...this.commands,
      status: this.status,
      sessionId: this.inputs.sessionId,
      participantName: this.inputs.participantName,
      lang: this.inputs.lang ?? 'en',
      local,
      remotes: Object.freeze(participants.filter((participant) => !participant.isLocal)),
      participants: Object.freeze(participants),
      microphoneOn: !!local?.microphoneOn,
      cameraOn: !!local?.cameraOn,
      error: this.error,
      notices: Object.freeze([...this.notices]),
      leftReason: this.leftReason,
    });
  }
}

/** One try at joining: what it acquired, so that all of it can be released together. */
class Attempt {
  readonly abort = new AbortController();
  ov?: OpenVidu;
  session?: Session;
  publisher?: Publisher;
  /** Waiting for the OpenVidu server (the token is there). */
  connecting = false;
  connected = false;
  /** Reached `joined`: leaving it is reported with `ov-left`. */
  joined = false;
  republishing = false;
  deadline?: ReturnType<typeof setTimeout>;
  listeners: Array<() => void> = [];
  reconnectTimer?: ReturnType<typeof setTimeout>;
  constructor(readonly inputs: RoomInputs) {}
}

/**
 * Whether two inputs join the same way. The token provider and request options are left out: frameworks hand
 * a new function or object on every render, and they only matter for the next token anyway.
 */
function sameInputs(a: RoomInputs, b: RoomInputs): boolean {
  return (
    a.sessionId === b.sessionId &&
    a.participantName === b.participantName &&
    a.tokens.token === b.tokens.token &&
    a.tokens.tokenUrl === b.tokens.tokenUrl &&
    a.tokens.convention === b.tokens.convention &&
    !!a.tokens.tokenProvider === !!b.tokens.tokenProvider
  );
}

function stopTracks(publisher: Publisher): void {
  for (const track of publisher.stream?.getMediaStream()?.getTracks() ?? []) track.stop();
}

/** What the OpenVidu server's joinRoom error means (see OPENVIDU.md §3.2 for the codes). */
function joinRoomError(error: unknown): OvError {
  if (isOvError(error)) return error;
  const code = (error as { code?: number } | undefined)?.code;
  const reason = describeError(error);
  if (code === 401) return new OvError('TOKEN_REJECTED', { reason }, { cause: error });
  return new OvError('CONNECTION_FAILED', { reason }, { cause: error });
}

/** Maps openvidu-browser's errors (OpenViduError names, RPC errors) to the catalog. */
function toOvError(error: unknown, fallback: OvErrorCode): OvError {
  if (isOvError(error)) return error;
  const name = (error as { name?: string } | undefined)?.name;
  const reason = describeError(error);
  const code: OvErrorCode =
    name === 'DEVICE_ACCESS_DENIED' || name === 'NotAllowedError'
      ? 'DEVICE_ACCESS_DENIED'
      : name === 'DEVICE_ALREADY_IN_USE' || name === 'NotReadableError'
        ? 'DEVICE_IN_USE'
        : name === 'OPENVIDU_PERMISSION_DENIED'
          ? 'PUBLISH_NOT_ALLOWED'
          : name?.startsWith('INPUT_') || name === 'NO_INPUT_SOURCE_SET' || name === 'NotFoundError'
            ? 'DEVICE_NOT_FOUND'
            : fallback;
  return new OvError(code, { reason }, { cause: error });
}
