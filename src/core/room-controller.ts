/**
 * The room: turns its inputs into a joined OpenVidu session and reports it as immutable snapshots plus discrete
 * events. It orchestrates the capabilities, each a module of its own: the camera's connection
 * (session-connection.ts), the camera and microphone (local-media.ts), the devices to choose from (devices.ts),
 * the screen share (screen-share.ts, a second connection of the same kind), who is there (participants.ts),
 * the others' sound (remote-audio.ts), which of their videos are received (video-reception.ts) and what the own
 * camera sends for the size of the room (send-quality.ts). Everything acquired is released by `leave()` and `dispose()`.
 */
import type { Connection, ConnectionEvent, ExceptionEvent, OpenVidu, Publisher, PublisherSpeakingEvent, SessionDisconnectedEvent, Stream, StreamEvent, StreamManager, StreamPropertyChangedEvent, Subscriber } from 'openvidu-browser';
import { untilAborted } from './async.js';
import { Chat, type ChatMessage } from './chat.js';
import { watchAudioLevel } from './audio-level.js';
import { connectionData, readConnectionData } from './connection-data.js';
import { ChoiceMemory, DeviceWatcher, canChooseSpeaker, canShareScreen, findDevice, type DeviceKind, type DeviceLists, type DeviceOption } from './devices.js';
import { MEDIA_NOTICES, OvError, isOvError, toOvError, type OvErrorCode, type OvErrorDetail } from './errors.js';
import { isLanguageReady, loadLanguage, message } from './i18n/index.js';
import { LocalMedia, type InputKind, type MediaPreferences } from './local-media.js';
import { removeConnections, stopStream } from './moderation.js';
import { createOpenVidu, loadOpenVidu } from './openvidu.js';
import { Roster, type Member } from './participants.js';
import { RecordingWatch, type RecordingState } from './recording.js';
import { RemoteAudio } from './remote-audio.js';
import {
  LEFT_REASONS,
  type JoinOptions,
  type LeftReason,
  type ParticipantProperty,
  type ParticipantRole,
  type ParticipantSnapshot,
  type RoomCommands,
  type RoomSnapshot,
  type RoomStatus,
  type VideoSource,
} from './room-state.js';
import { ScreenShare } from './screen-share.js';
import { applySendQuality } from './send-quality.js';
import { SessionConnection } from './session-connection.js';
import { attachStreamManager, streamViewOf } from './stream-view.js';
import { TokenSource, type TokenSourceOptions } from './token-source.js';
import { VideoReception, videoKey } from './video-reception.js';

export interface RoomInputs {
  readonly sessionId: string;
  readonly participantName: string;
  readonly tokens: TokenSourceOptions;
  readonly lang?: string;
  /** How long a dropped connection may try to come back before the room gives up (default 30 s). */
  readonly reconnectTimeoutMs?: number;
  /** False for a viewer: no camera, no microphone, no prompt. */
  readonly publish?: boolean;
  /** False: do not remember devices and name in localStorage. */
  readonly rememberChoices?: boolean;
}

/** Why a device changed: the user chose it, or the one in use (or remembered) was gone. */
export type DeviceChangeReason = 'user' | 'fallback';

/** Discrete happenings, reported next to the snapshots so that a UI can turn them into events. */
export type RoomEvent =
  | { readonly type: 'joined'; readonly sessionId: string; readonly connectionId: string }
  | { readonly type: 'left'; readonly reason: LeftReason }
  | { readonly type: 'participant-joined'; readonly participant: ParticipantSnapshot }
  | { readonly type: 'participant-left'; readonly participant: ParticipantSnapshot; readonly reason: string }
  | { readonly type: 'participant-changed'; readonly participant: ParticipantSnapshot; readonly property: ParticipantProperty }
  | { readonly type: 'device-changed'; readonly kind: DeviceKind; readonly deviceId: string; readonly label: string; readonly reason: DeviceChangeReason }
  | { readonly type: 'chat-message'; readonly message: ChatMessage }
  | { readonly type: 'recording-changed'; readonly recording: RecordingState; readonly reason?: string }
  | { readonly type: 'error'; readonly error: OvErrorDetail }
  | { readonly type: 'reconnecting' }
  | { readonly type: 'reconnected'; readonly rejoined: boolean };

export interface RoomControllerOptions {
  readonly onSnapshot: (snapshot: RoomSnapshot) => void;
  readonly onEvent: (event: RoomEvent) => void;
  /** How long a whole join (token, then the OpenVidu server) may take before the room gives up (20 s). */
  readonly joinTimeoutMs?: number;
  /** Where the room puts the `<audio>` elements that play the others (see remote-audio.ts). */
  readonly audioContainer?: HTMLElement;
  /** `join({participantName})` chose a name (the lobby's field): the host adopts it as its input. */
  readonly onParticipantName?: (name: string) => void;
}

const DEFAULT_RECONNECT_TIMEOUT_MS = 30_000;
/**
 * Why a session can end that means "the server lost it, come back": a crash (the reconnection finds no session),
 * a graceful stop or restart of openvidu-server, a Pro media node that crashed. Everything else (a moderator, the
 * session closed on purpose) means "stay out".
 */
const REJOIN_REASONS: readonly string[] = ['networkDisconnect', 'openviduServerStopped', 'nodeCrashed'];
/** Between rejoin tries: the server is often still starting. */
const REJOIN_BACKOFF_MS = [500, 1000, 2000, 4000];
/** How long the others' tiles wait for them after a rejoin before they count as gone. */
const AWAY_GRACE_MS = 15_000;
const DEFAULT_JOIN_TIMEOUT_MS = 20_000;
/** How long the own publish waits on joining for the subscriptions to the others to receive media. */
const FIRST_SUBSCRIPTIONS_WAIT_MS = 1000;
/** How long the joined state (and its render) waits on joining for the server to answer the subscriptions. */
const FIRST_ANSWERS_WAIT_MS = 200;
/** How long a new stream waits for a tile to ask for its video before it is subscribed without (audio only). */
const SUBSCRIBE_WAIT_MS = 300;
/**
 * How many of the streams there on joining are subscribed with video at once, before any tile could ask: a small
 * room's tiles are all on screen, and their offers then go out before the first render (bench/first-frame.mjs).
 * Video a tile does not ask for stops after the hold (video-reception.ts).
 */
const EAGER_VIDEOS = 4;

export class RoomController {
  private inputs: RoomInputs = { sessionId: '', participantName: '', tokens: {} };
  private status: RoomStatus = 'idle';
  /** Kept as errors, not texts: the snapshot words them in the room's language of the moment. */
  private error?: OvError;
  private notices: OvError[] = [];
  /** A moderator stopped the camera and microphone: turning either on publishes them again. */
  private mediaStopped = false;
  private leftReason?: LeftReason;
  /** Ours on every connection, camera and screen, and across rejoins (DESIGN.md "identity"). */
  private readonly participantId = randomId();
  private readonly roster = new Roster();
  private readonly media: LocalMedia;
  private readonly devices: DeviceWatcher;
  private readonly memory = new ChoiceMemory();
  private readonly audio: RemoteAudio;
  private readonly reception = new VideoReception((key) => this.subscribePending(key));
  /** Streams announced but not subscribed yet, by video key: the tiles say first whether they are on screen. */
  /** How many more streams announced on joining are subscribed with video before any tile asks (EAGER_VIDEOS). */
  private eagerVideos = 0;
  private readonly pendingStreams = new Map<string, { readonly connection: SessionConnection; readonly stream: Stream; readonly timer: ReturnType<typeof setTimeout> }>();
  private readonly chat: Chat;
  private readonly recording: RecordingWatch;
  private speakerId = '';
  private screen?: ScreenShare;
  /** The OpenVidu instance of the camera: the lobby's publisher and the session must share it. */
  private cameraOpenVidu?: OpenVidu;
  private previewing = false;
  /** Every video element showing a stream of this room, with the function that empties it. */
  private readonly attachedVideos = new Map<HTMLVideoElement, { readonly streamManager: StreamManager; readonly detach: () => void }>();
  private current?: Attempt;
  private joining?: Promise<void>;
  private readonly tokenSource = new TokenSource({});
  private snapshotCache?: RoomSnapshot;
  private readonly commands: RoomCommands;

  constructor(private readonly options: RoomControllerOptions) {
    this.media = new LocalMedia({
      onChange: () => this.changed(),
      onNotice: (error) => this.addNotice(error),
      onFallback: (kind) => this.onDeviceFallback(kind, this.memory.read().devices[kind]),
    });
    this.devices = new DeviceWatcher((lists, previous) => this.onDevicesChanged(lists, previous));
    this.audio = new RemoteAudio(options.audioContainer, () => this.changed());
    this.chat = new Chat({
      senderOf: (connectionId) => {
        const own = connectionId === this.current?.connection?.connectionId;
        const member = own ? this.roster.local() : this.roster.byConnection(connectionId)?.member;
        return member ? { connectionId, participantId: member.participantId, name: member.name } : undefined;
      },
      isOwnConnection: (connectionId) => connectionId === this.current?.connection?.connectionId,
      onMessage: (message) => {
        this.changed();
        this.options.onEvent({ type: 'chat-message', message });
      },
      onRename: (connectionId, name) => this.rename(connectionId, name),
    });
    this.recording = new RecordingWatch((recording, reason) => {
      this.changed();
      this.options.onEvent({ type: 'recording-changed', recording, reason });
    });
    this.commands = {
      join: (joinOptions) => this.join(joinOptions),
      leave: () => this.leave(),
      toggleMicrophone: () => this.setMicrophoneEnabled(!this.media.microphoneOn),
      toggleCamera: () => this.setCameraEnabled(!this.media.cameraOn),
      setMicrophoneEnabled: (enabled) => this.setMicrophoneEnabled(enabled),
      setCameraEnabled: (enabled) => this.setCameraEnabled(enabled),
      toggleScreenShare: () => (this.screen ? Promise.resolve(this.stopScreenShare()) : this.startScreenShare()),
      startScreenShare: () => this.startScreenShare(),
      stopScreenShare: () => this.stopScreenShare(),
      switchDevice: (kind, deviceId) => this.switchDevice(kind, deviceId),
      startPreview: () => this.startPreview(),
      stopPreview: () => this.stopPreview(),
      watchMicrophoneLevel: (onLevel) => watchAudioLevel(() => this.media.track('audioinput'), onLevel),
      resumeAudio: () => this.audio.resume(),
      requestVideo: (participantId, source = 'camera') => this.reception.ask(videoKey(participantId, source)),
      sendChatMessage: (text) => this.sendChatMessage(text),
      removeParticipant: (participantId) => this.removeParticipant(participantId),
      stopParticipantStream: (participantId, source) => this.stopParticipantStream(participantId, source),
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
    this.memory.enabled = inputs.rememberChoices !== false;
    this.tokenSource.update(inputs.tokens);
    // A room on a page will join: openvidu-browser loads meanwhile (connect and the lobby wait for it; errors there).
    loadOpenVidu().catch(() => {});
    if (inputs.publish === false && this.previewing) this.stopPreview();
    this.changed();
    // Another language is a file of its own: once it is there, everything is worded again in it, without rejoining.
    if (!isLanguageReady(inputs.lang)) {
      void loadLanguage(inputs.lang).then((loaded) => loaded && this.inputs.lang === inputs.lang && this.changed());
    }
  }

  /** Whether the room is connecting or connected with inputs other than the given ones. */
  isActiveWithOtherInputs(inputs: RoomInputs): boolean {
    return !!this.current && !sameInputs(this.current.inputs, inputs);
  }

  join(joinOptions?: JoinOptions): Promise<void> {
    const name = joinOptions?.participantName?.trim();
    if (name !== undefined && name !== this.inputs.participantName) {
      this.inputs = { ...this.inputs, participantName: name };
      this.options.onParticipantName?.(name);
    }
    if (this.current && sameInputs(this.current.inputs, this.inputs) && this.isActive()) {
      return this.joining ?? Promise.resolve();
    }
    if (this.current) void this.leave('removed');
    this.memory.rememberName(this.participantName);
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

  /** Leaves (reason `removed`), releases the preview and stops watching devices; the room can still join later. */
  dispose(): void {
    if (this.current) void this.leave('removed');
    this.stopPreview();
    this.devices.stop();
  }

  // The lobby

  private async startPreview(): Promise<void> {
    if (this.current || this.inputs.publish === false) return;
    this.previewing = true;
    this.devices.start();
    this.changed();
    await this.startMedia(() => this.previewing && !this.current);
    if (this.previewing) await this.devices.refresh(); // names appear once the devices were allowed
  }

  private stopPreview(): void {
    if (!this.previewing) return;
    this.previewing = false;
    if (this.current) return; // joining: the preview is what gets published
    this.media.release();
    this.cameraOpenVidu = undefined;
    this.changed();
  }

  /**
   * Opens the camera and microphone with the remembered devices (the default of a kind whose one is gone), unless
   * `stillWanted()` says the lobby or join that asked is gone by then.
   */
  private async startMedia(stillWanted: () => boolean): Promise<Publisher | undefined> {
    this.devices.start();
    await Promise.all([this.devices.refresh(), loadOpenVidu()]);
    if (!stillWanted()) return undefined;
    const remembered = this.memory.read().devices;
    const preferences: { -readonly [K in keyof MediaPreferences]: MediaPreferences[K] } = {};
    for (const kind of ['audioinput', 'videoinput'] as const) {
      const wanted = remembered[kind];
      if (!wanted) continue;
      const list = this.devices.lists[kind];
      const found = findDevice(list, wanted);
      // Without names the browser cannot tell yet (no permission): try the id, local-media falls back if it is gone.
      const namesKnown = list.some((device) => device.label);
      const deviceId = found?.deviceId ?? (namesKnown ? undefined : wanted.deviceId);
      if (!deviceId) this.onDeviceFallback(kind, wanted);
      if (kind === 'audioinput') preferences.audioDeviceId = deviceId;
      else preferences.videoDeviceId = deviceId;
    }
    const speaker = remembered.audiooutput;
    if (speaker && canChooseSpeaker() && !this.speakerId) {
      const found = findDevice(this.devices.lists.audiooutput, speaker);
      if (found) void this.useSpeaker(found.deviceId, 'user', false);
      else if (this.devices.lists.audiooutput.some((device) => device.label)) this.onDeviceFallback('audiooutput', speaker);
    }
    this.cameraOpenVidu ??= createOpenVidu();
    return this.media.start(this.cameraOpenVidu, preferences);
  }

  // Connecting

  /** The name to join with: the input, else the one remembered from an earlier visit. */
  private get participantName(): string {
    return this.inputs.participantName || this.memory.read().name || '';
  }

  private async connect(attempt: Attempt): Promise<void> {
    const { signal } = attempt.abort;
    const { sessionId } = attempt.inputs;
    const participantName = attempt.inputs.participantName || this.memory.read().name || '';
    this.status = 'connecting';
    this.error = undefined;
    // The lobby's notices (a refused camera, a device gone) still hold; anything else is from an earlier join.
    if (!this.previewing) this.notices = [];
    this.leftReason = undefined;
    this.mediaStopped = false;
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
      // The token is asked for first, before the room's first render and before openvidu-browser is loaded.
      const tokenReady = this.tokenSource.get({ sessionId, participantName, kind: 'camera' }, signal);
      tokenReady.catch(() => {}); // awaited below; a failure while loading must not go unhandled
      await untilAborted(loadOpenVidu(), signal);
      this.cameraOpenVidu ??= createOpenVidu();
      const connection = new SessionConnection(this.cameraOpenVidu);
      attempt.connection = connection;
      this.reception.start();
      this.listen(attempt, connection);
      // The camera starts while the token is fetched: both take a while and neither needs the other.
      const publisherReady = attempt.inputs.publish === false ? Promise.resolve(undefined) : this.startMedia(() => this.current === attempt);
      const token = await untilAborted(tokenReady, signal);
      attempt.connecting = true;
      this.eagerVideos = EAGER_VIDEOS;
      await untilAborted(connection.connect(token, connectionData(participantName, this.participantId, 'CAMERA')), signal);
      attempt.joined = true;
      clearTimeout(attempt.deadline);
      attempt.role = toRole(connection.role);
      this.roster.addLocal(this.participantId, participantName, connection.connectionId);
      this.chat.clear();
      this.chat.attach(connection.session);
      // The meeting's first render takes the main thread for tens of ms: the subscriptions are negotiated first.
      await this.subscriptionsAnswered();
      if (signal.aborted) return;
      // Joined once connected: the others' videos show while the own camera is still being published.
      this.status = 'joined';
      this.changed();
      this.options.onEvent({ type: 'joined', sessionId: connection.session.sessionId, connectionId: connection.connectionId });
      if (attempt.role === 'SUBSCRIBER') {
        // A viewer's token: its preview is let go quietly, and it watches.
        this.media.release();
        this.changed();
      }
      // Speaking detection and the own publish compete with the first subscriptions for the page's main
      // thread, the socket and the server: the others' first frames come first (bench/first-frame.mjs).
      await this.subscriptionsConnected(signal);
      if (signal.aborted) return;
      this.listenForSpeaking(connection);
      const publisher = attempt.role === 'SUBSCRIBER' ? undefined : await publisherReady;
      if (publisher && !signal.aborted) await this.publish(attempt, publisher);
    } catch (error) {
      if (signal.aborted) return; // whoever aborted has already released the attempt
      this.fail(toOvError(error, 'CONNECTION_FAILED'));
    }
  }

  /** The subscriptions made on joining, to the others' cameras and screens. */
  private firstSubscribers(): StreamManager[] {
    return this.roster
      .list()
      .flatMap((member) => (member.isLocal ? [] : [member.camera?.streamManager, member.screen?.streamManager]))
      .filter((subscriber) => !!subscriber);
  }

  /**
   * Resolves in the task after every subscription made on joining has the server's answer applied, or after
   * FIRST_ANSWERS_WAIT_MS: the meeting's first render then runs while ICE and DTLS connect, when the main thread
   * would wait anyway, not while the page should be handling the server's answers (bench/first-frame.mjs).
   */
  private subscriptionsAnswered(): Promise<void> {
    const pending = this.firstSubscribers()
      .map(peerConnectionOf)
      .filter((pc): pc is RTCPeerConnection => !!pc && !pc.remoteDescription);
    if (!pending.length) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        for (const pc of pending) pc.removeEventListener('signalingstatechange', check);
        setTimeout(resolve); // a task later: after openvidu-browser's own handling of the answer
      };
      const check = () => pending.every((pc) => pc.remoteDescription || pc.signalingState === 'closed') && done();
      const timer = setTimeout(done, FIRST_ANSWERS_WAIT_MS);
      for (const pc of pending) pc.addEventListener('signalingstatechange', check);
    });
  }

  /**
   * Resolves once the subscriptions made on joining receive media (a remote track unmutes at its first packets;
   * the server forwarding a first key frame is what the others wait for), or have failed, or after
   * FIRST_SUBSCRIPTIONS_WAIT_MS. A peer connection has no event before it exists, so this looks every 20 ms.
   */
  private subscriptionsConnected(signal: AbortSignal): Promise<void> {
    const settled = (subscriber: StreamManager): boolean => {
      const state = peerConnectionOf(subscriber)?.connectionState;
      if (state === 'failed' || state === 'closed') return true;
      const tracks = subscriber.stream.getMediaStream()?.getTracks() ?? [];
      const video = tracks.find((track) => track.kind === 'video');
      return state === 'connected' && (video ? !video.muted : tracks.some((track) => !track.muted));
    };
    return new Promise((resolve) => {
      const started = Date.now();
      const check = (): void => {
        // Streams still waiting for their tiles (see onStreamCreated) count too: they are subscribed within moments.
        const done = this.pendingStreams.size === 0 && this.firstSubscribers().every(settled);
        if (signal.aborted || done || Date.now() - started >= FIRST_SUBSCRIPTIONS_WAIT_MS) return resolve();
        setTimeout(check, 20);
      };
      check();
    });
  }

  private async publish(attempt: Attempt, publisher: Publisher): Promise<void> {
    const local = this.roster.local();
    if (!local?.camera || !attempt.connection) return;
    local.camera.streamManager = publisher;
    this.mediaStopped = false;
    this.changed();
    // A moderator's forceUnpublish arrives on the publisher itself, not on the session (OPENVIDU.md §7).
    const stopped = (event: StreamEvent) => {
      // A lost session: the room rejoins with these very tracks, which openvidu-browser would otherwise stop.
      if (REJOIN_REASONS.includes(event.reason)) return event.preventDefault();
      publisher.off('streamDestroyed', stopped);
      if (this.current !== attempt || local.camera?.streamManager !== publisher || !event.reason.startsWith('forceUnpublish')) return;
      local.camera.streamManager = undefined;
      this.detachVideosOf(publisher);
      this.media.release();
      this.mediaStopped = true;
      this.addNotice(new OvError('CAMERA_STOPPED_BY_MODERATOR'));
    };
    publisher.on('streamDestroyed', stopped);
    attempt.cleanups.push(() => publisher.off('streamDestroyed', stopped));
    try {
      await untilAborted(this.media.whilePublishing(attempt.connection.publish(publisher)), attempt.abort.signal);
    } catch (error) {
      if (attempt.abort.signal.aborted) return;
      local.camera.streamManager = undefined;
      this.detachVideosOf(publisher);
      this.media.release();
      this.addNotice(toOvError(error, 'PUBLISH_FAILED'));
    }
    this.changed();
  }

  // Following the session

  private listen(attempt: Attempt, connection: SessionConnection): void {
    connection.on('connectionCreated', (event: ConnectionEvent) => this.onConnectionCreated(event.connection));
    connection.on('connectionDestroyed', (event: ConnectionEvent) => this.onConnectionDestroyed(event.connection, event.reason));
    connection.on('streamCreated', (event: StreamEvent) => this.onStreamCreated(connection, event.stream));
    connection.on('streamDestroyed', (event: StreamEvent) => this.onStreamDestroyed(event.stream));
    connection.on('streamPropertyChanged', (event: StreamPropertyChangedEvent) => this.onStreamPropertyChanged(event));
    connection.on('reconnecting', () => this.onReconnecting(attempt));
    connection.on('reconnected', () => this.onReconnected(attempt));
    connection.on('sessionDisconnected', (event: SessionDisconnectedEvent) => this.onSessionDisconnected(attempt, event.reason));
    connection.on('exception', (event: ExceptionEvent) => this.onException(attempt, event));
    this.recording.attach(connection);
  }

  /** Speaking detection (hark, an audio analyser per stream) for the streams there are and those to come. */
  private listenForSpeaking(connection: SessionConnection): void {
    connection.on('publisherStartSpeaking', (event: PublisherSpeakingEvent) => this.setSpeaking(event.connection, true));
    connection.on('publisherStopSpeaking', (event: PublisherSpeakingEvent) => this.setSpeaking(event.connection, false));
  }

  /** Our own connections (the camera's, the screen's) are not someone else. */
  private isOwn(connection: Connection): boolean {
    return connection.connectionId === this.current?.connection?.connectionId || readConnectionData(connection.data).participantId === this.participantId;
  }

  private onConnectionCreated(connection: Connection): void {
    if (this.isOwn(connection)) return;
    const added = this.roster.addConnection(connection.connectionId, connection.data);
    if (!added) return;
    const { member, isNew } = added;
    this.changed();
    if (isNew) this.options.onEvent({ type: 'participant-joined', participant: this.participantSnapshot(member) });
  }

  private onConnectionDestroyed(connection: Connection, reason: string): void {
    const known = this.roster.byConnection(connection.connectionId);
    if (!known || known.member.isLocal) return;
    const slot = known.type === 'SCREEN' ? known.member.screen : known.member.camera;
    const hadScreen = known.type === 'SCREEN' && !!slot?.streamManager;
    this.dropStream(slot?.streamManager);
    const removed = this.roster.removeConnection(connection.connectionId)!;
    this.changed();
    const participant = this.participantSnapshot(removed.member);
    if (removed.gone) this.options.onEvent({ type: 'participant-left', participant, reason });
    else if (hadScreen) this.options.onEvent({ type: 'participant-changed', participant, property: 'screen' });
  }

  private onStreamCreated(connection: SessionConnection, stream: Stream): void {
    const known = this.roster.byConnection(stream.connection.connectionId);
    if (!known || known.member.isLocal) return; // never subscribe to our own screen
    const slot = known.type === 'SCREEN' ? known.member.screen : known.member.camera;
    if (!slot || slot.streamManager) return;
    const key = videoKey(known.member.participantId, known.type === 'SCREEN' ? 'screen' : 'camera');
    this.cancelPending(key);
    // A tile on screen asks for its video once the browser laid it out (a frame after it rendered): the
    // subscription starts then, with video, or after a short wait without (a later ask brings the video).
    const timer = setTimeout(() => this.subscribePending(key), SUBSCRIBE_WAIT_MS);
    this.pendingStreams.set(key, { connection, stream, timer });
    const eager = this.status !== 'joined' && this.eagerVideos > 0 && document.visibilityState !== 'hidden';
    if (eager) this.eagerVideos--;
    if (eager || this.reception.wants(key)) this.subscribePending(key, true);
  }

  private cancelPending(key: string): void {
    clearTimeout(this.pendingStreams.get(key)?.timer);
    this.pendingStreams.delete(key);
  }

  private subscribePending(key: string, video = this.reception.wants(key)): void {
    const pending = this.pendingStreams.get(key);
    if (!pending) return;
    this.cancelPending(key);
    const { connection, stream } = pending;
    const known = this.roster.byConnection(stream.connection.connectionId);
    const slot = known?.type === 'SCREEN' ? known.member.screen : known?.member.camera;
    if (!known || !slot || slot.streamManager || connection !== this.current?.connection) return;
    // Without a target element: <ov-video> attaches its own <video> (openvidu-browser looks ids up in the document,
    // which cannot see into shadow roots); the room plays the sound itself.
    const subscriber = connection.session.subscribe(stream, undefined, { receiveVideo: video });
    slot.streamManager = subscriber;
    this.reception.add(key, subscriber);
    if (stream.hasAudio) this.audio.add(stream.streamId, subscriber);
    this.changed();
    if (known.type === 'SCREEN') this.options.onEvent({ type: 'participant-changed', participant: this.participantSnapshot(known.member), property: 'screen' });
  }

  private onStreamDestroyed(stream: Stream): void {
    const known = this.roster.byConnection(stream.connection.connectionId);
    if (!known || known.member.isLocal) return;
    this.cancelPending(videoKey(known.member.participantId, known.type === 'SCREEN' ? 'screen' : 'camera'));
    const slot = known.type === 'SCREEN' ? known.member.screen : known.member.camera;
    if (!slot?.streamManager) return;
    this.dropStream(slot.streamManager);
    slot.streamManager = undefined;
    this.changed();
    if (known.type === 'SCREEN') this.options.onEvent({ type: 'participant-changed', participant: this.participantSnapshot(known.member), property: 'screen' });
  }

  private dropStream(streamManager: StreamManager | undefined): void {
    if (!streamManager) return;
    if (streamManager.stream?.streamId) this.audio.remove(streamManager.stream.streamId);
    if (streamManager.remote) this.reception.remove(streamManager as Subscriber);
    this.detachVideosOf(streamManager);
  }

  private onStreamPropertyChanged(event: StreamPropertyChangedEvent): void {
    const connectionId = event.stream.connection.connectionId;
    const own = connectionId === this.current?.connection?.connectionId;
    const member = own ? this.roster.local() : this.roster.byConnection(connectionId)?.member;
    if (!member) return;
    const isCamera = own || this.roster.byConnection(connectionId)?.type === 'CAMERA';
    const property = event.changedProperty === 'audioActive' ? 'microphone' : event.changedProperty === 'videoActive' ? 'camera' : undefined;
    this.changed();
    if (property && isCamera) this.options.onEvent({ type: 'participant-changed', participant: this.participantSnapshot(member), property });
  }

  private setSpeaking(connection: Connection, speaking: boolean): void {
    const own = connection.connectionId === this.current?.connection?.connectionId;
    const known = own ? { member: this.roster.local(), type: 'CAMERA' } : this.roster.byConnection(connection.connectionId);
    const member = known?.member;
    // The sound of a shared tab is not the person speaking.
    if (!member || known.type !== 'CAMERA' || member.speaking === speaking) return;
    member.speaking = speaking;
    this.changed();
  }

  private onReconnecting(attempt: Attempt): void {
    if (this.status !== 'joined') return;
    this.status = 'reconnecting';
    this.changed();
    this.options.onEvent({ type: 'reconnecting' });
    // openvidu-browser would otherwise retry every 3 s for 100 minutes.
    this.startReconnectDeadline(attempt);
  }

  /** One deadline for coming back, whether openvidu-browser reconnects the socket or the room rejoins. */
  private startReconnectDeadline(attempt: Attempt): void {
    if (attempt.reconnectTimer) return;
    // The room's setting now, not at join: `reconnect-timeout` may change during the call.
    const timeoutMs = this.inputs.reconnectTimeoutMs ?? DEFAULT_RECONNECT_TIMEOUT_MS;
    attempt.reconnectTimer = setTimeout(() => {
      if (this.current === attempt) this.fail(new OvError('CONNECTION_LOST', { seconds: Math.round(timeoutMs / 1000) }));
    }, timeoutMs);
  }

  private endReconnectDeadline(attempt: Attempt): void {
    clearTimeout(attempt.reconnectTimer);
    attempt.reconnectTimer = undefined;
  }

  private onReconnected(attempt: Attempt): void {
    this.endReconnectDeadline(attempt);
    if (this.status !== 'reconnecting') return;
    this.status = 'joined';
    this.changed();
    this.options.onEvent({ type: 'reconnected', rejoined: false });
    // A publish the drop broke is tried again once the connection is back.
    if (this.notices.some((notice) => notice.code === 'PUBLISH_FAILED')) this.retryPublishing();
  }

  private onSessionDisconnected(attempt: Attempt, reason: string): void {
    if (this.current !== attempt) return;
    // Only OpenVidu's own reasons arrive here: the room's own disconnects remove this listener first.
    if (attempt.joined && REJOIN_REASONS.includes(reason)) return void this.rejoin(attempt, reason);
    void this.leave((LEFT_REASONS as readonly string[]).includes(reason) ? (reason as LeftReason) : 'networkDisconnect');
  }

  /**
   * The server lost the session (it crashed or restarted): a fresh token, a new session, the same camera and
   * microphone published again, and the others matched by participant id as they come back, all within
   * `reconnect-timeout`. A room given only a literal token cannot get a new one, and says so.
   */
  private async rejoin(attempt: Attempt, reason: string): Promise<void> {
    const { tokens, sessionId } = attempt.inputs;
    if (!tokens.tokenUrl && !tokens.tokenProvider) return this.fail(new OvError('REJOIN_NEEDS_TOKEN_SOURCE', { reason }));
    if (this.status !== 'reconnecting') {
      this.status = 'reconnecting';
      this.options.onEvent({ type: 'reconnecting' });
    }
    this.startReconnectDeadline(attempt);
    this.recording.rejoining();
    // The screen share was a connection of the lost session too: it ends cleanly (share again once back).
    this.stopScreenShare();
    attempt.connection?.close();
    attempt.connection = undefined;
    for (const streamManager of this.roster.forgetConnections()) this.dropStream(streamManager);
    this.changed();
    const { signal } = attempt.abort;
    for (let round = 0; !signal.aborted; round++) {
      const openvidu = createOpenVidu();
      const connection = new SessionConnection(openvidu);
      try {
        const local = this.roster.local()!;
        const token = await untilAborted(this.tokenSource.get({ sessionId, participantName: local.name, kind: 'camera' }, signal), signal);
        this.listen(attempt, connection);
        this.listenForSpeaking(connection);
        await untilAborted(connection.connect(token, connectionData(local.name, this.participantId, 'CAMERA')), signal);
        attempt.connection = connection;
        this.cameraOpenVidu = openvidu;
        attempt.role = toRole(connection.role);
        this.roster.moveLocal(connection.connectionId);
        this.chat.attach(connection.session);
        this.recording.rejoined();
      } catch (error) {
        connection.close();
        if (signal.aborted) return;
        if (!worthRetrying(error)) return this.fail(toOvError(error, 'CONNECTION_FAILED'));
        await new Promise((resolve) => setTimeout(resolve, REJOIN_BACKOFF_MS[Math.min(round, REJOIN_BACKOFF_MS.length - 1)]));
        continue;
      }
      this.endReconnectDeadline(attempt);
      this.status = 'joined';
      this.changed();
      this.options.onEvent({ type: 'reconnected', rejoined: true });
      // Those still away after a while are gone; those back were never said to have left.
      attempt.awayTimer = setTimeout(() => {
        if (this.current !== attempt) return;
        for (const member of this.roster.dropAway()) {
          this.changed();
          this.options.onEvent({ type: 'participant-left', participant: this.participantSnapshot(member), reason: 'networkDisconnect' });
        }
      }, AWAY_GRACE_MS);
      const publisher = attempt.role === 'SUBSCRIBER' ? undefined : await this.media.carryOver(openvidu).catch(() => undefined);
      if (publisher && this.current === attempt) await this.publish(attempt, publisher);
      else if (!publisher && attempt.role !== 'SUBSCRIBER' && this.current === attempt && !this.mediaStopped) this.retryPublishing();
      return;
    }
  }

  private onException(attempt: Attempt, event: ExceptionEvent): void {
    const stream = event.origin as Stream;
    if (!stream?.connection) return;
    // openvidu-browser reports a failure only on iceConnectionState 'failed', which Chromium does not reach when a
    // call's media path goes dark (it stays 'disconnected' while openvidu-browser renegotiates every ~20 s in
    // vain); the peer connection's own state turns 'failed'. So a stream it reports trouble with is watched, once a
    // second, until its (newest) peer connection is connected again or gone; the notice goes with the last one.
    attempt.troubled.set(stream, attempt.troubled.get(stream) ?? false);
    attempt.troubleWatch ??= setInterval(() => {
      for (const [troubled, reported] of attempt.troubled) {
        const state = peerConnectionOf(troubled.streamManager)?.connectionState;
        if (state === 'failed' && !reported) {
          attempt.troubled.set(troubled, true);
          const member = this.roster.byConnection(troubled.connection.connectionId)?.member;
          this.addNotice(new OvError('MEDIA_CONNECTION_FAILED', { name: member?.name || troubled.connection.connectionId }));
        }
        if (!state || state === 'connected') attempt.troubled.delete(troubled);
      }
      if (attempt.troubled.size) return;
      clearInterval(attempt.troubleWatch);
      attempt.troubleWatch = undefined;
      this.dismissNotice('MEDIA_CONNECTION_FAILED');
    }, 1000);
  }

  // Camera, microphone, devices

  private setMicrophoneEnabled(enabled: boolean): void {
    if (this.mediaStopped && enabled) return this.publishAgain('microphone');
    this.media.setMicrophoneEnabled(enabled);
  }

  private setCameraEnabled(enabled: boolean): void {
    if (this.mediaStopped && enabled) return this.publishAgain('camera');
    this.media.setCameraEnabled(enabled);
  }

  /** After a moderator stopped them: publishes again with only what the user turned on. */
  private publishAgain(turnedOn: 'microphone' | 'camera'): void {
    this.mediaStopped = false;
    this.notices = this.notices.filter((notice) => notice.code !== 'CAMERA_STOPPED_BY_MODERATOR');
    this.media.setMicrophoneEnabled(turnedOn === 'microphone');
    this.media.setCameraEnabled(turnedOn === 'camera');
    this.retryPublishing();
  }

  private async switchDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    if (kind === 'audiooutput') return this.useSpeaker(deviceId, 'user', true);
    if (!this.media.publisher) return;
    const generation = this.current;
    try {
      await this.media.switchDevice(kind, deviceId);
    } catch (error) {
      this.addNotice(toOvError(error, kind === 'videoinput' ? 'CAMERA_NOT_FOUND' : 'MICROPHONE_NOT_FOUND'));
      return;
    }
    if (generation !== this.current) return;
    const device = this.deviceOption(kind, deviceId);
    this.memory.rememberDevice(kind, device);
    this.changed();
    this.options.onEvent({ type: 'device-changed', kind, deviceId, label: device.label, reason: 'user' });
  }

  private async useSpeaker(deviceId: string, reason: DeviceChangeReason, remember: boolean): Promise<void> {
    if (!canChooseSpeaker()) return;
    const device = this.deviceOption('audiooutput', deviceId);
    try {
      await this.audio.setSpeaker(deviceId);
    } catch (error) {
      this.addNotice(new OvError('SPEAKER_UNAVAILABLE', { device: device.label || deviceId }, { cause: error }));
      return;
    }
    this.speakerId = deviceId;
    if (remember) this.memory.rememberDevice('audiooutput', device);
    this.changed();
    this.options.onEvent({ type: 'device-changed', kind: 'audiooutput', deviceId, label: device.label, reason });
  }

  private deviceOption(kind: DeviceKind, deviceId: string): DeviceOption {
    return this.devices.lists[kind].find((device) => device.deviceId === deviceId) ?? { deviceId, label: '' };
  }

  /** A remembered device that is not there: the default is used, and the user is told. */
  private onDeviceFallback(kind: DeviceKind, wanted?: DeviceOption): void {
    this.addNotice(this.fallbackNotice(kind, wanted?.label));
    this.options.onEvent({ type: 'device-changed', kind, deviceId: '', label: '', reason: 'fallback' });
  }

  private fallbackNotice(kind: DeviceKind, label: string | undefined): OvError {
    return new OvError('DEVICE_FALLBACK', { kind: message(`device.kind.${kind}`, {}, this.inputs.lang), device: label || '?' });
  }

  /** Devices plugged in or out: the lists follow, and losing a device in use falls back to another. */
  private onDevicesChanged(lists: DeviceLists, previous: DeviceLists): void {
    this.changed();
    for (const kind of ['audioinput', 'videoinput'] as const satisfies readonly InputKind[]) {
      const inUse = this.media.deviceId(kind);
      const replacement = lists[kind][0];
      const wasThere = previous[kind].some((device) => device.deviceId === inUse);
      if (!inUse || !wasThere || lists[kind].some((device) => device.deviceId === inUse) || !replacement) continue;
      const lost = previous[kind].find((device) => device.deviceId === inUse);
      void this.media.switchDevice(kind, replacement.deviceId).then(
        () => {
          this.addNotice(this.fallbackNotice(kind, lost?.label));
          this.options.onEvent({ type: 'device-changed', kind, deviceId: replacement.deviceId, label: replacement.label, reason: 'fallback' });
        },
        (error: unknown) => this.addNotice(toOvError(error, kind === 'videoinput' ? 'CAMERA_NOT_FOUND' : 'MICROPHONE_NOT_FOUND')),
      );
    }
    if (this.speakerId && !lists.audiooutput.some((device) => device.deviceId === this.speakerId)) {
      const lost = previous.audiooutput.find((device) => device.deviceId === this.speakerId);
      this.speakerId = '';
      void this.audio.setSpeaker('').catch(() => undefined);
      this.addNotice(this.fallbackNotice('audiooutput', lost?.label));
      this.options.onEvent({ type: 'device-changed', kind: 'audiooutput', deviceId: '', label: '', reason: 'fallback' });
    }
  }

  /**
   * Asks for the camera and microphone again and publishes them, for a room that joined without them (the user
   * refused, then allowed them; a publish failed). Does nothing while they are published.
   */
  private retryPublishing(): void {
    if (!this.current && this.previewing && !this.media.publisher) {
      // The lobby: open the devices again, now that the user allowed them.
      this.notices = this.notices.filter((notice) => !MEDIA_NOTICES.includes(notice.code));
      void this.startMedia(() => this.previewing && !this.current).then(() => this.devices.refresh());
      return;
    }
    const attempt = this.current;
    if (!attempt?.joined || attempt.role === 'SUBSCRIBER' || this.media.publisher || attempt.republishing) return;
    attempt.republishing = true;
    this.notices = this.notices.filter((notice) => !MEDIA_NOTICES.includes(notice.code));
    this.changed();
    void this.startMedia(() => this.current === attempt)
      .then((publisher) => (publisher && !attempt.abort.signal.aborted ? this.publish(attempt, publisher) : undefined))
      .finally(() => (attempt.republishing = false));
  }

  // The screen

  private async startScreenShare(): Promise<void> {
    const attempt = this.current;
    const local = this.roster.local();
    if (!attempt?.joined || !local || this.screen) return;
    if (!canShareScreen()) {
      this.addNotice(new OvError('SCREEN_SHARE_UNSUPPORTED'));
      return;
    }
    const { sessionId } = attempt.inputs;
    const participantName = local.name;
    const share: ScreenShare = new ScreenShare({
      token: (signal) => this.tokenSource.get({ sessionId, participantName, kind: 'screen' }, signal),
      metadata: connectionData(participantName, this.participantId, 'SCREEN'),
      onEnded: (reason) => {
        if (this.screen !== share) return;
        this.stopScreenShare();
        if (reason?.startsWith('forceUnpublish')) this.addNotice(new OvError('SCREEN_STOPPED_BY_MODERATOR'));
      },
    });
    this.screen = share;
    this.changed();
    let shared: boolean;
    try {
      shared = await share.start();
    } catch (error) {
      if (this.screen !== share) return;
      this.screen = undefined;
      this.changed();
      this.addNotice(toOvError(error, 'SCREEN_SHARE_FAILED'));
      return;
    }
    if (this.screen !== share) return;
    if (!shared) {
      this.screen = undefined; // the user cancelled the picker: back to normal, nothing to say
      this.changed();
      return;
    }
    local.screen = { connectionId: share.connectionId ?? '', streamManager: share.publisher };
    this.changed();
    this.options.onEvent({ type: 'participant-changed', participant: this.participantSnapshot(local), property: 'screen' });
  }

  private stopScreenShare(): void {
    const share = this.screen;
    if (!share) return;
    this.screen = undefined;
    const wasShared = share.isSharing;
    if (share.publisher) this.detachVideosOf(share.publisher);
    share.stop();
    const local = this.roster.local();
    if (local) local.screen = undefined;
    this.changed();
    if (wasShared && local) this.options.onEvent({ type: 'participant-changed', participant: this.participantSnapshot(local), property: 'screen' });
  }

  // Chat and moderation

  private async sendChatMessage(text: string): Promise<void> {
    const connection = this.current?.connection;
    const local = this.roster.local();
    if (!connection || !local || this.status !== 'joined') throw this.report(new OvError('CHAT_NOT_SENT'));
    try {
      await this.chat.send(connection.session, text, local.name);
    } catch (error) {
      throw this.report(toOvError(error, 'CHAT_NOT_SENT'));
    }
  }

  private async removeParticipant(participantId: string): Promise<void> {
    const member = this.roster.get(participantId);
    const session = this.current?.connection?.session;
    if (!member || member.isLocal || !session) return;
    const connectionIds = [member.camera?.connectionId, member.screen?.connectionId].filter((id): id is string => !!id);
    try {
      await removeConnections(session, connectionIds);
    } catch (error) {
      throw this.report(toOvError(error, 'MODERATION_FAILED'));
    }
  }

  private async stopParticipantStream(participantId: string, source: VideoSource): Promise<void> {
    const member = this.roster.get(participantId);
    const session = this.current?.connection?.session;
    const streamId = (source === 'screen' ? member?.screen : member?.camera)?.streamManager?.stream.streamId;
    if (!member || member.isLocal || !session || !streamId) return;
    try {
      await stopStream(session, streamId);
    } catch (error) {
      throw this.report(toOvError(error, 'MODERATION_FAILED'));
    }
  }

  /** OpenVidu Call's `nicknameChanged`: the participant shows with its new name. */
  private rename(connectionId: string, name: string): void {
    const member = this.roster.byConnection(connectionId)?.member;
    if (!member || member.name === name) return;
    member.name = name;
    this.changed();
    this.options.onEvent({ type: 'participant-changed', participant: this.participantSnapshot(member), property: 'name' });
  }

  /**
   * Tells the person (a notice) and the app (`ov-error`, not fatal) about a command that failed, and hands the error
   * back to reject with: a moderator whose Remove was refused would otherwise see nothing happen.
   */
  private report(error: OvError): OvError {
    this.addNotice(error);
    return error;
  }

  private dismissNotice(code: OvErrorCode): void {
    const before = this.notices.length;
    this.notices = this.notices.filter((notice) => notice.code !== code);
    if (this.notices.length !== before) this.changed();
  }

  // Video elements

  private streamManagerOf(participantId: string, source: VideoSource): StreamManager | undefined {
    const member = this.roster.get(participantId);
    if (!member && participantId === this.participantId && source === 'camera') return this.media.publisher; // the lobby
    return (source === 'screen' ? member?.screen : member?.camera)?.streamManager;
  }

  private attachVideo(participantId: string, source: VideoSource, video: HTMLVideoElement): () => void {
    const streamManager = this.streamManagerOf(participantId, source);
    if (!streamManager) return () => {};
    const attached = { streamManager, detach: attachStreamManager(streamManager, video) };
    this.attachedVideos.set(video, attached);
    return () => {
      if (this.attachedVideos.get(video) !== attached) return;
      attached.detach();
      this.attachedVideos.delete(video);
    };
  }

  private detachVideosOf(streamManager: StreamManager): void {
    for (const [video, attached] of this.attachedVideos) {
      if (attached.streamManager !== streamManager) continue;
      attached.detach();
      this.attachedVideos.delete(video);
    }
  }

  // Releasing

  private fail(error: OvError): void {
    const wasJoined = !!this.current?.joined;
    this.release();
    this.status = 'error';
    this.error = error;
    this.changed();
    this.options.onEvent({ type: 'error', error: error.toDetail(this.inputs.lang) });
    if (wasJoined) this.options.onEvent({ type: 'left', reason: 'networkDisconnect' });
  }

  private addNotice(error: OvError): void {
    this.notices = [...this.notices.filter((notice) => notice.code !== error.code), error];
    this.changed();
    this.options.onEvent({ type: 'error', error: error.toDetail(this.inputs.lang, false) });
  }

  /** Ends the current attempt: listeners off, sessions left, tracks stopped, videos emptied, timers cleared. */
  private release(): void {
    const attempt = this.current;
    if (!attempt) return;
    this.current = undefined;
    this.joining = undefined;
    this.previewing = false;
    attempt.abort.abort();
    clearTimeout(attempt.reconnectTimer);
    clearTimeout(attempt.deadline);
    clearTimeout(attempt.awayTimer);
    clearInterval(attempt.troubleWatch);
    for (const cleanup of attempt.cleanups) cleanup();
    this.chat.stop();
    this.recording.reset();
    this.stopScreenShare();
    attempt.connection?.close();
    this.media.release();
    this.cameraOpenVidu = undefined;
    this.audio.clear();
    this.reception.stop();
    for (const key of [...this.pendingStreams.keys()]) this.cancelPending(key);
    for (const attached of this.attachedVideos.values()) attached.detach();
    this.attachedVideos.clear();
    this.roster.clear();
    this.devices.stop();
  }

  // Snapshots

  private isActive(): boolean {
    return this.status === 'connecting' || this.status === 'joined' || this.status === 'reconnecting';
  }

  private changed(): void {
    this.snapshotCache = undefined;
    this.options.onSnapshot(this.snapshot);
    // The camera sends less as the room grows (send-quality.ts).
    applySendQuality(peerConnectionOf(this.roster.local()?.camera?.streamManager), this.roster.list().length);
  }

  private participantSnapshot(member: Member): ParticipantSnapshot {
    const camera = member.camera?.streamManager;
    const screen = member.screen?.streamManager;
    const view = streamViewOf(camera, {
      connectionId: member.camera?.connectionId ?? member.screen?.connectionId ?? '',
      name: member.name,
      isLocal: member.isLocal,
    });
    return Object.freeze({
      ...view,
      participantId: member.participantId,
      speaking: member.speaking,
      role: member.isLocal ? this.current?.role : undefined,
      screen: screen
        ? Object.freeze({
            connectionId: member.screen!.connectionId,
            streamId: screen.stream.streamId || (member.isLocal ? `local-screen-${member.participantId}` : undefined),
            hasAudio: !!screen.stream.hasAudio,
          })
        : undefined,
      attachVideo: (video: HTMLVideoElement, source: VideoSource = 'camera') => this.attachVideo(member.participantId, source, video),
    });
  }

  private previewSnapshot(): ParticipantSnapshot | undefined {
    if (!this.previewing || this.current || !this.media.publisher) return undefined;
    return this.participantSnapshot({
      participantId: this.participantId,
      name: this.participantName,
      isLocal: true,
      camera: { connectionId: '', streamManager: this.media.publisher },
      speaking: false,
      order: 0,
    });
  }

  private buildSnapshot(): RoomSnapshot {
    const participants = this.roster.list().map((member) => this.participantSnapshot(member));
    const local = participants.find((participant) => participant.isLocal) ?? this.previewSnapshot();
    const { tokens } = this.inputs;
    const canPublish = this.inputs.publish !== false && this.current?.role !== 'SUBSCRIBER';
    const selectedDevices: Partial<Record<DeviceKind, string>> = {};
    for (const kind of ['audioinput', 'videoinput'] as const) {
      const deviceId = this.media.deviceId(kind);
      if (deviceId) selectedDevices[kind] = deviceId;
    }
    if (this.speakerId) selectedDevices.audiooutput = this.speakerId;
    return Object.freeze({
      ...this.commands,
      status: this.status,
      sessionId: this.inputs.sessionId,
      participantName: this.participantName,
      lang: this.inputs.lang ?? 'en',
      local,
      remotes: Object.freeze(participants.filter((participant) => !participant.isLocal)),
      participants: Object.freeze(participants),
      microphoneOn: this.media.microphoneOn,
      cameraOn: this.media.cameraOn,
      hasMicrophone: this.media.hasMicrophone,
      hasCamera: this.media.hasCamera,
      screenSharing: !!this.screen?.isSharing,
      mediaStarting: this.media.isStarting,
      canPublish,
      // A literal token alone cannot yield the screen's second token.
      canShareScreen: canPublish && canShareScreen() && !!(tokens.tokenUrl || tokens.tokenProvider),
      canChooseSpeaker: canChooseSpeaker(),
      devices: this.devices.lists,
      selectedDevices: Object.freeze(selectedDevices),
      audioBlocked: this.audio.blocked,
      mediaStopped: this.mediaStopped,
      canModerate: this.current?.role === 'MODERATOR',
      chatMessages: this.chat.messages,
      recording: this.recording.state,
      error: this.error?.toDetail(this.inputs.lang),
      notices: Object.freeze(this.notices.map((notice) => notice.toDetail(this.inputs.lang, false))),
      leftReason: this.leftReason,
    });
  }
}

/** One try at joining: what it acquired, so that all of it can be released together. */
class Attempt {
  readonly abort = new AbortController();
  connection?: SessionConnection;
  /** The token's role, once connected. */
  role?: ParticipantRole;
  /** Waiting for the OpenVidu server (the token is there). */
  connecting = false;
  /** Reached `joined`: leaving it is reported with `ov-left`. */
  joined = false;
  republishing = false;
  /** Listeners on objects that outlive a leave (the publisher), removed on release. */
  readonly cleanups: Array<() => void> = [];
  deadline?: ReturnType<typeof setTimeout>;
  reconnectTimer?: ReturnType<typeof setTimeout>;
  awayTimer?: ReturnType<typeof setTimeout>;
  /** Streams openvidu-browser reported media trouble with, and whether their failure was told (onException). */
  readonly troubled = new Map<Stream, boolean>();
  troubleWatch?: ReturnType<typeof setInterval>;
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
    a.publish === b.publish &&
    a.tokens.token === b.tokens.token &&
    a.tokens.tokenUrl === b.tokens.tokenUrl &&
    a.tokens.convention === b.tokens.convention &&
    !!a.tokens.tokenProvider === !!b.tokens.tokenProvider
  );
}

/**
 * Whether a failed rejoin may succeed if tried again: servers that are still starting (unreachable, a 5xx from an
 * application server that cannot reach OpenVidu yet) will answer soon; a refused token or a wrong answer will not.
 */
function worthRetrying(error: unknown): boolean {
  if (!isOvError(error)) return true;
  if (error.code === 'TOKEN_ENDPOINT_HTTP_ERROR') return Number(error.details.status) >= 500;
  return ['TOKEN_ENDPOINT_UNREACHABLE', 'SERVER_UNREACHABLE', 'CONNECTION_FAILED', 'JOIN_TIMED_OUT'].includes(error.code);
}

function toRole(role: string | undefined): ParticipantRole | undefined {
  return role === 'PUBLISHER' || role === 'SUBSCRIBER' || role === 'MODERATOR' ? role : undefined;
}

function randomId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `ov-${random}`;
}

/** The stream manager's peer connection; openvidu-browser throws while there is none (not published or subscribed yet). */
function peerConnectionOf(streamManager: StreamManager | undefined): RTCPeerConnection | undefined {
  try {
    return streamManager?.stream.getRTCPeerConnection();
  } catch {
    return undefined;
  }
}
