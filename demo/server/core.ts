// Sessions, connections and streams, and every operation on them that both the signaling and the REST API use.
// One instance per running server. Nothing here knows about WebSockets or HTTP: a joined connection has a
// `peer` that can receive notifications.
import { connectionIdOfStream, newConnectionId, newSessionId, newStreamId, newToken, VALID_CUSTOM_ID } from './ids.js';
import { defaultMediaAddress, type MediaOptions, type MediaSource, PublisherEndpoint, SubscriberEndpoint } from './media.js';
import { Code, RpcError } from './rpc.js';
import { type Recording, type RecordingNotification, Recordings } from './recordings.js';

export const ROLES = ['PUBLISHER', 'SUBSCRIBER', 'MODERATOR'] as const;
export type Role = (typeof ROLES)[number];

/** Reasons OpenVidu 2 reports in participantLeft, participantUnpublished and participantEvicted. */
export type EndReason =
  | 'disconnect'
  | 'unpublish'
  | 'networkDisconnect'
  | 'forceDisconnectByUser'
  | 'forceDisconnectByServer'
  | 'forceUnpublishByUser'
  | 'forceUnpublishByServer'
  | 'sessionClosedByServer'
  | 'openviduServerStopped'
  | 'lastParticipantLeft';

/** What a joined connection's signaling channel offers the core. */
export interface Peer {
  notify(method: string, params: unknown): void;
  /** Closes the channel (the client will see its WebSocket close). */
  close(): void;
}

export interface StreamOptions {
  hasAudio: boolean;
  hasVideo: boolean;
  audioActive: boolean;
  videoActive: boolean;
  typeOfVideo?: string;
  frameRate: number;
  videoDimensions: string;
  filter: Record<string, unknown>;
}

export class Stream {
  readonly createdAt = Date.now();
  constructor(
    readonly streamId: string,
    readonly connection: Connection,
    readonly options: StreamOptions,
    /** A browser's peer connection, or a bot's clip. */
    public endpoint: MediaSource,
    /** The publisher receives its own media back (publishVideo's doLoopback). */
    readonly loopback = false,
  ) {}

  /** The stream as openvidu-browser receives it (joinRoom `value`, participantPublished). */
  toClientJson(): Record<string, unknown> {
    const o = this.options;
    const json: Record<string, unknown> = {
      id: this.streamId,
      createdAt: this.createdAt,
      hasAudio: o.hasAudio,
      hasVideo: o.hasVideo,
      audioActive: o.audioActive,
      videoActive: o.videoActive,
    };
    if (o.typeOfVideo !== undefined) json.typeOfVideo = o.typeOfVideo;
    json.frameRate = o.frameRate;
    json.videoDimensions = o.videoDimensions;
    json.filter = o.filter;
    return json;
  }

  /** The stream as the REST API shows it (`publishers[]`). */
  toRestJson(): Record<string, unknown> {
    const o = this.options;
    return {
      streamId: this.streamId,
      createdAt: this.createdAt,
      mediaOptions: {
        hasAudio: o.hasAudio,
        audioActive: o.audioActive,
        hasVideo: o.hasVideo,
        videoActive: o.videoActive,
        typeOfVideo: o.typeOfVideo,
        frameRate: o.frameRate,
        videoDimensions: o.videoDimensions,
        filter: o.filter,
      },
    };
  }
}

export interface Subscription {
  stream: Stream;
  endpoint: SubscriberEndpoint;
  createdAt: number;
}

export interface ConnectionProperties {
  role: Role;
  serverData: string;
  record: boolean;
  kurentoOptions: unknown;
  customIceServers: unknown[];
}

export class Connection {
  readonly createdAt = Date.now();
  status: 'pending' | 'active' | 'closed' = 'pending';
  activeAt: number | null = null;
  platform: string | null = null;
  clientData: string | null = null;
  ip: string | null = null;
  peer: Peer | undefined;
  stream: Stream | undefined;
  /** Subscriptions of this connection, by the publisher's connection id. */
  readonly subscriptions = new Map<string, Subscription>();

  constructor(
    readonly connectionId: string,
    readonly session: Session,
    readonly token: string,
    public props: ConnectionProperties,
  ) {}

  get role(): Role {
    return this.props.role;
  }

  /** `client%/%server` metadata, as openvidu-server composes it. */
  get metadata(): string {
    const client = this.clientData ?? '';
    const server = this.props.serverData;
    return client && server ? `${client}%/%${server}` : client + server;
  }

  notify(method: string, params: unknown): void {
    if (this.status === 'active') this.peer?.notify(method, params);
  }

  /** The connection as openvidu-browser receives it in joinRoom's `value`. */
  toClientJson(): Record<string, unknown> {
    const json: Record<string, unknown> = { id: this.connectionId, createdAt: this.activeAt ?? this.createdAt, metadata: this.metadata };
    if (this.stream) json.streams = [this.stream.toClientJson()];
    return json;
  }

  toRestJson(): Record<string, unknown> {
    const active = this.status === 'active';
    return {
      id: this.connectionId,
      object: 'connection',
      type: 'WEBRTC',
      status: active ? 'active' : 'pending',
      connectionId: this.connectionId,
      sessionId: this.session.sessionId,
      createdAt: this.createdAt,
      activeAt: this.activeAt,
      location: active ? 'unknown' : null,
      ip: this.ip,
      platform: this.platform,
      token: this.token,
      serverData: this.props.serverData,
      clientData: this.clientData,
      record: this.props.record,
      role: this.props.role,
      kurentoOptions: this.props.kurentoOptions ?? null,
      rtspUri: null,
      adaptativeBitrate: null,
      onlyPlayWithSubscribers: null,
      networkCache: null,
      customIceServers: this.props.customIceServers,
      publishers: active ? (this.stream ? [this.stream.toRestJson()] : []) : null,
      subscribers: active
        ? [...this.subscriptions.values()].map((s) => ({ streamId: s.stream.streamId, createdAt: s.createdAt }))
        : null,
    };
  }
}

export interface SessionProperties {
  mediaMode: string;
  recordingMode: string;
  customSessionId?: string;
  forcedVideoCodec: string;
  allowTranscoding: boolean;
  defaultRecordingProperties: Record<string, unknown>;
  mediaNode?: unknown;
}

export class Session {
  readonly createdAt = Date.now();
  readonly connections = new Map<string, Connection>();
  closed = false;
  /** True once someone has joined: from then on, the last one to leave closes the session. */
  everActive = false;
  /** The recording in progress (recordings.ts). */
  recording: Recording | undefined;

  constructor(
    readonly sessionId: string,
    readonly props: SessionProperties,
  ) {}

  get activeConnections(): Connection[] {
    return [...this.connections.values()].filter((c) => c.status === 'active');
  }

  toRestJson(pendingConnections = false): Record<string, unknown> {
    const list = [...this.connections.values()].filter((c) => c.status === 'active' || (pendingConnections && c.status === 'pending'));
    const json: Record<string, unknown> = {
      id: this.sessionId,
      object: 'session',
      sessionId: this.sessionId,
      createdAt: this.createdAt,
      mediaMode: this.props.mediaMode,
      recordingMode: this.props.recordingMode,
      defaultRecordingProperties: this.props.defaultRecordingProperties,
      forcedVideoCodec: this.props.forcedVideoCodec,
      forcedVideoCodecResolved: this.props.forcedVideoCodec === 'MEDIA_SERVER_PREFERRED' ? 'VP8' : this.props.forcedVideoCodec,
      allowTranscoding: this.props.allowTranscoding,
      recording: !!this.recording,
      broadcasting: false,
      connections: { numberOfElements: list.length, content: list.map((c) => c.toRestJson()) },
    };
    if (this.props.customSessionId) json.customSessionId = this.props.customSessionId;
    if (this.props.mediaNode !== undefined) json.mediaNodeId = 'local';
    return json;
  }
}

/** An HTTP-flavoured error for the REST API and the app-server endpoints. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_RECORDING_PROPERTIES = {
  name: '',
  hasAudio: true,
  hasVideo: true,
  outputMode: 'COMPOSED',
  recordingLayout: 'BEST_FIT',
  resolution: '1280x720',
  frameRate: 25,
  shmSize: 536870912,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface CoreOptions {
  /** The IPv4 address media endpoints listen on; default: this machine's network address (defaultMediaAddress). */
  mediaAddress?: string;
  /** Media endpoints answer ICE checks from this machine only (the server listens on loopback). */
  mediaThisMachineOnly: boolean;
  /** Sessions that nobody ever joined are removed after this long. */
  unusedSessionTimeoutMs: number;
  /** Who hears of recordings (OPENVIDU_RECORDING_NOTIFICATION); default publisher_moderator, as openvidu-server. */
  recordingNotification?: RecordingNotification;
  /** A recording nobody publishes to stops after this long (OPENVIDU_RECORDING_AUTOSTOP_TIMEOUT); default 120 s. */
  recordingAutostopTimeoutMs?: number;
}

export class OpenViduCore {
  readonly sessions = new Map<string, Session>();
  private readonly tokens = new Map<string, Connection>();
  /** Every open media endpoint, so that closing the server closes every peer connection. */
  private readonly endpoints = new Set<PublisherEndpoint | SubscriberEndpoint>();
  private readonly gcTimer: NodeJS.Timeout;
  readonly recordings: Recordings;

  constructor(readonly options: CoreOptions) {
    this.recordings = new Recordings({
      notification: options.recordingNotification ?? 'publisher_moderator',
      autostopTimeoutMs: options.recordingAutostopTimeoutMs ?? 120_000,
      closeIfEmpty: (session) => this.closeIfEmpty(session),
    });
    this.gcTimer = setInterval(() => this.collectUnusedSessions(), Math.min(60_000, options.unusedSessionTimeoutMs));
    this.gcTimer.unref();
  }

  // ---- sessions and connections (REST and /api) ----

  createSession(body: unknown): Session {
    const b = isObject(body) ? body : {};
    const mediaMode = b.mediaMode ?? 'ROUTED';
    const recordingMode = b.recordingMode ?? 'MANUAL';
    const forcedVideoCodec = b.forcedVideoCodec ?? 'MEDIA_SERVER_PREFERRED';
    if (mediaMode !== 'ROUTED' && mediaMode !== 'RELAYED') throw new HttpError(400, 'mediaMode must be ROUTED or RELAYED');
    if (recordingMode !== 'MANUAL' && recordingMode !== 'ALWAYS') throw new HttpError(400, 'recordingMode must be MANUAL or ALWAYS');
    if (typeof forcedVideoCodec !== 'string') throw new HttpError(400, 'forcedVideoCodec must be a string');
    if (b.allowTranscoding !== undefined && b.allowTranscoding !== null && typeof b.allowTranscoding !== 'boolean') {
      throw new HttpError(400, 'allowTranscoding must be a boolean');
    }
    let sessionId: string;
    const custom = b.customSessionId;
    if (custom !== undefined && custom !== null && custom !== '') {
      if (typeof custom !== 'string' || !VALID_CUSTOM_ID.test(custom)) {
        throw new HttpError(400, 'customSessionId may only contain letters, digits, "-" and "_" (at most 100)');
      }
      if (this.sessions.has(custom)) throw new HttpError(409, `Session ${custom} already exists`);
      sessionId = custom;
    } else {
      do sessionId = newSessionId();
      while (this.sessions.has(sessionId));
    }
    const session = new Session(sessionId, {
      mediaMode: mediaMode as string,
      recordingMode: recordingMode as string,
      customSessionId: typeof custom === 'string' && custom ? custom : undefined,
      forcedVideoCodec,
      allowTranscoding: (b.allowTranscoding as boolean | undefined) ?? false,
      defaultRecordingProperties: {
        ...DEFAULT_RECORDING_PROPERTIES,
        ...(isObject(b.defaultRecordingProperties) ? b.defaultRecordingProperties : {}),
      },
      mediaNode: b.mediaNode ?? undefined,
    });
    this.sessions.set(sessionId, session);
    return session;
  }

  getSession(sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new HttpError(404, `Session ${sessionId} not found`);
    return session;
  }

  createConnection(session: Session, body: unknown): Connection {
    const b = isObject(body) ? body : {};
    const type = b.type ?? 'WEBRTC';
    if (type === 'IPCAM') throw new HttpError(501, 'IP cameras (type IPCAM) need Kurento: not supported by the local OpenVidu server');
    if (type !== 'WEBRTC') throw new HttpError(400, 'type must be WEBRTC or IPCAM');
    const role = b.role ?? 'PUBLISHER';
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new HttpError(400, 'role must be PUBLISHER, SUBSCRIBER or MODERATOR');
    }
    const data = b.data ?? '';
    if (typeof data !== 'string') throw new HttpError(400, 'data must be a string');
    const record = b.record ?? true;
    if (typeof record !== 'boolean') throw new HttpError(400, 'record must be a boolean');
    const customIceServers = b.customIceServers ?? [];
    if (!Array.isArray(customIceServers)) throw new HttpError(400, 'customIceServers must be an array');
    let connectionId: string;
    do connectionId = newConnectionId();
    while (session.connections.has(connectionId));
    let token: string;
    do token = newToken();
    while (this.tokens.has(token));
    const connection = new Connection(connectionId, session, token, {
      role: role as Role,
      serverData: data,
      record,
      kurentoOptions: b.kurentoOptions ?? null,
      customIceServers,
    });
    session.connections.set(connectionId, connection);
    this.tokens.set(token, connection);
    return connection;
  }

  getConnection(session: Session, connectionId: string): Connection {
    const connection = session.connections.get(connectionId);
    if (!connection) throw new HttpError(404, `Connection ${connectionId} not found in session ${session.sessionId}`);
    return connection;
  }

  updateConnection(connection: Connection, body: unknown): Connection {
    const b = isObject(body) ? body : {};
    if (b.role !== undefined) {
      if (typeof b.role !== 'string' || !(ROLES as readonly string[]).includes(b.role)) throw new HttpError(400, 'role must be PUBLISHER, SUBSCRIBER or MODERATOR');
      if (b.role !== connection.props.role) {
        connection.props.role = b.role as Role;
        connection.notify('connectionPropertyChanged', { property: 'role', newValue: b.role });
      }
    }
    if (b.record !== undefined) {
      if (typeof b.record !== 'boolean') throw new HttpError(400, 'record must be a boolean');
      if (b.record !== connection.props.record) {
        connection.props.record = b.record;
        // openvidu-browser reads this value as a string (`newValue === 'true'`), as openvidu-server sends it.
        connection.notify('connectionPropertyChanged', { property: 'record', newValue: String(b.record) });
      }
    }
    return connection;
  }

  /** REST DELETE of a connection: evicts an active one, invalidates the token of a pending one. */
  deleteConnection(connection: Connection): void {
    if (connection.status === 'active') this.evict(connection, 'forceDisconnectByServer');
    else this.forget(connection);
  }

  /** Closes a session: everyone is evicted, every token invalidated. */
  closeSession(session: Session, reason: EndReason = 'sessionClosedByServer'): void {
    if (session.closed) return;
    // openvidu-server stops the recording first (SessionManager.closeSessionAndEmptyCollections).
    this.recordings.onSessionClosing(session, reason === 'openviduServerStopped' ? 'openviduServerStopped' : 'sessionClosedByServer');
    session.closed = true;
    for (const connection of [...session.connections.values()]) {
      if (connection.status === 'active') {
        connection.notify('participantEvicted', { connectionId: connection.connectionId, reason });
        this.detach(connection);
        connection.peer?.close();
      }
      this.forget(connection);
    }
    this.sessions.delete(session.sessionId);
  }

  sendSignal(session: Session, body: unknown): void {
    const b = isObject(body) ? body : {};
    if (b.to !== undefined && b.to !== null && (!Array.isArray(b.to) || !b.to.every((t) => typeof t === 'string'))) {
      throw new HttpError(400, '"to" must be an array of connection ids');
    }
    if (b.type !== undefined && b.type !== null && typeof b.type !== 'string') throw new HttpError(400, '"type" must be a string');
    if (b.data !== undefined && b.data !== null && typeof b.data !== 'string') throw new HttpError(400, '"data" must be a string');
    const to = (b.to as string[] | undefined) ?? [];
    const recipients = to.length > 0 ? to.map((id) => session.connections.get(id)) : session.activeConnections;
    if (recipients.length === 0) throw new HttpError(406, `Session ${session.sessionId} has no connection to send the signal to`);
    if (recipients.some((c) => !c || c.status !== 'active')) throw new HttpError(406, '"to" names a connection that is not active in the session');
    const type = b.type ? `signal:${b.type}` : 'signal';
    for (const connection of recipients) connection!.notify('sendMessage', { data: (b.data as string | undefined) ?? '', type });
  }

  // ---- signaling ----

  /** joinRoom: consumes the single-use token and makes its connection active. */
  join(sessionId: string, token: string, clientData: string, platform: string, ip: string | null, peer: Peer): Connection {
    const session = this.sessions.get(sessionId);
    if (!session || session.closed) throw new RpcError(Code.ROOM_NOT_FOUND, `Unable to join session. Session ${sessionId} cannot be found`);
    const tokenParam = tokenValue(token);
    const connection = this.tokens.get(tokenParam);
    if (!connection || connection.session !== session || connection.status !== 'pending') {
      throw new RpcError(Code.USER_UNAUTHORIZED, `Unable to join session ${sessionId}. Token ${token} is not valid`);
    }
    this.tokens.delete(tokenParam);
    connection.status = 'active';
    connection.activeAt = Date.now();
    connection.clientData = clientData;
    connection.platform = platform;
    connection.ip = ip;
    connection.peer = peer;
    session.everActive = true;
    for (const other of session.activeConnections) {
      if (other !== connection) other.notify('participantJoined', { id: connection.connectionId, createdAt: connection.activeAt, metadata: connection.metadata });
    }
    return connection;
  }

  async publish(connection: Connection, options: StreamOptions, sdpOffer: unknown, loopback = false): Promise<{ stream: Stream; sdpAnswer: string }> {
    if (connection.role === 'SUBSCRIBER') throw new RpcError(Code.USER_UNAUTHORIZED, 'Unable to publish video. The user does not have a valid token');
    if (connection.stream) throw new RpcError(Code.GENERIC, `Connection ${connection.connectionId} is already publishing a stream (one stream per connection)`);
    if (this.mediaRefused.has(connection.session.sessionId)) {
      // openvidu-server's answer when Kurento cannot make an SDP answer (OpenViduException MEDIA_SDP_ERROR_CODE).
      throw new RpcError(Code.MEDIA_SDP_ERROR, `Media negotiation failed: the media server refused the offer of ${connection.connectionId}`);
    }
    const { endpoint, sdpAnswer } = await this.media(() => PublisherEndpoint.create(this.mediaOptions(), sdpOffer, loopback));
    if (connection.status !== 'active' || connection.stream) {
      await endpoint.close();
      throw new RpcError(Code.USER_NOT_FOUND, 'The connection left while its stream was being published');
    }
    this.blockIfBlocked(connection, endpoint);
    return { stream: this.publishSource(connection, options, endpoint, loopback), sdpAnswer };
  }

  /** Sessions whose publishes the media server refuses, for tests (testControl `refuse-media`). */
  private readonly mediaRefused = new Set<string>();

  /** From now on the media server refuses (`true`) or accepts again the publishes of `sessionId`. */
  refuseMedia(sessionId: string, refuse: boolean): void {
    if (refuse) this.mediaRefused.add(sessionId);
    else this.mediaRefused.delete(sessionId);
  }

  /** Connections whose media path is closed, for tests (testControl `block-media`). */
  private readonly mediaBlocked = new Set<string>();

  /**
   * From now on (`true`) no media packet passes between the server and `connection`'s browser, on its endpoints
   * now and those it negotiates later (reconnections): the media ports closed by a firewall in a running call.
   */
  blockMedia(connection: Connection, block: boolean): void {
    if (!block) {
      this.mediaBlocked.delete(connection.connectionId);
      return;
    }
    this.mediaBlocked.add(connection.connectionId);
    if (connection.stream?.endpoint instanceof PublisherEndpoint) connection.stream.endpoint.block();
    for (const subscription of connection.subscriptions.values()) subscription.endpoint.block();
  }

  private blockIfBlocked(connection: Connection, endpoint: PublisherEndpoint | SubscriberEndpoint): void {
    if (this.mediaBlocked.has(connection.connectionId)) endpoint.block();
  }

  /** Makes `source` the connection's stream and tells the others (participantPublished). */
  publishSource(connection: Connection, options: StreamOptions, source: MediaSource, loopback = false): Stream {
    const stream = new Stream(newStreamId(connection.connectionId, options.typeOfVideo), connection, options, source, loopback);
    connection.stream = stream;
    this.recordings.onPublished(connection.session);
    for (const other of connection.session.activeConnections) {
      if (other !== connection) other.notify('participantPublished', { id: connection.connectionId, streams: [stream.toClientJson()] });
    }
    return stream;
  }

  /** Finds the stream a subscriber names: by stream id (receiveVideoFrom) or by connection id (unsubscribe). */
  findStream(session: Session, streamOrConnectionId: string): Stream {
    const publisher = session.connections.get(connectionIdOfStream(streamOrConnectionId));
    if (!publisher || publisher.status !== 'active') {
      throw new RpcError(Code.USER_NOT_FOUND, `User '${streamOrConnectionId}' not found in session '${session.sessionId}'`);
    }
    const stream = publisher.stream;
    if (!stream || (streamOrConnectionId.startsWith('str_') && stream.streamId !== streamOrConnectionId)) {
      throw new RpcError(Code.USER_NOT_STREAMING, `User '${publisher.connectionId}' is not publishing stream '${streamOrConnectionId}'`);
    }
    return stream;
  }

  async subscribe(connection: Connection, streamId: string, sdpOffer: unknown): Promise<string> {
    const stream = this.findStream(connection.session, streamId);
    const { endpoint, sdpAnswer } = await this.media(() => SubscriberEndpoint.create(this.mediaOptions(), stream.endpoint, sdpOffer));
    if (connection.status !== 'active' || stream.connection.stream !== stream) {
      await endpoint.close();
      throw new RpcError(Code.USER_NOT_STREAMING, 'The stream or the subscriber went away while subscribing');
    }
    this.blockIfBlocked(connection, endpoint);
    this.unsubscribe(connection, stream.connection.connectionId);
    const subscription: Subscription = { stream, endpoint, createdAt: Date.now() };
    connection.subscriptions.set(stream.connection.connectionId, subscription);
    endpoint.onClosed(() => {
      if (connection.subscriptions.get(stream.connection.connectionId) === subscription) {
        connection.subscriptions.delete(stream.connection.connectionId);
      }
    });
    return sdpAnswer;
  }

  unsubscribe(connection: Connection, publisherConnectionId: string): void {
    const subscription = connection.subscriptions.get(publisherConnectionId);
    if (!subscription) return;
    connection.subscriptions.delete(publisherConnectionId);
    void subscription.endpoint.close();
  }

  /** Tears down a connection's stream and tells everyone (including the owner when forced). */
  unpublish(connection: Connection, reason: EndReason): void {
    const stream = connection.stream;
    if (!stream) throw new RpcError(Code.USER_NOT_STREAMING, `Connection ${connection.connectionId} is not publishing`);
    connection.stream = undefined;
    this.dropSubscriptionsTo(connection);
    void stream.endpoint.close();
    for (const other of connection.session.activeConnections) {
      if (other !== connection || reason !== 'unpublish') {
        other.notify('participantUnpublished', { connectionId: connection.connectionId, reason });
      }
    }
  }

  /** A stream re-negotiated by its publisher (after an ICE failure): new endpoint, same subscribers. */
  async reconnectPublisher(stream: Stream, sdpOffer: unknown): Promise<string> {
    if (!(stream.endpoint instanceof PublisherEndpoint)) throw new RpcError(Code.GENERIC, 'Only a stream published by a browser can be renegotiated');
    const { endpoint, sdpAnswer } = await this.media(() => PublisherEndpoint.create(this.mediaOptions(), sdpOffer, stream.loopback));
    if (stream.connection.stream !== stream) {
      await endpoint.close();
      throw new RpcError(Code.USER_NOT_STREAMING, 'The stream was unpublished while reconnecting');
    }
    this.blockIfBlocked(stream.connection, endpoint);
    const old = stream.endpoint;
    stream.endpoint = endpoint;
    for (const subscriber of old.subscribers) subscriber.moveTo(endpoint);
    old.subscribers.clear();
    void old.close();
    endpoint.requestKeyframe();
    return sdpAnswer;
  }

  /** Someone leaves the session on their own (leaveRoom) or through the network (networkDisconnect). */
  leave(connection: Connection, reason: EndReason): void {
    if (connection.status !== 'active') return;
    this.detach(connection);
    for (const other of connection.session.activeConnections) other.notify('participantLeft', { connectionId: connection.connectionId, reason });
    this.forget(connection);
    this.closeIfEmpty(connection.session);
  }

  /** Someone is thrown out: they get participantEvicted, the others participantLeft. */
  evict(connection: Connection, reason: EndReason): void {
    if (connection.status !== 'active') return;
    connection.notify('participantEvicted', { connectionId: connection.connectionId, reason });
    const peer = connection.peer;
    this.leave(connection, reason);
    peer?.close();
  }

  // ---- internals ----

  private detach(connection: Connection): void {
    const stream = connection.stream;
    connection.stream = undefined;
    if (stream) {
      this.dropSubscriptionsTo(connection);
      void stream.endpoint.close();
    }
    for (const publisherId of [...connection.subscriptions.keys()]) this.unsubscribe(connection, publisherId);
    connection.status = 'closed';
  }

  private dropSubscriptionsTo(publisher: Connection): void {
    for (const other of publisher.session.connections.values()) this.unsubscribe(other, publisher.connectionId);
  }

  private forget(connection: Connection): void {
    connection.status = 'closed';
    connection.peer = undefined;
    this.tokens.delete(connection.token);
    connection.session.connections.delete(connection.connectionId);
  }

  private closeIfEmpty(session: Session): void {
    if (session.closed || session.activeConnections.length > 0) return;
    // A recording keeps the session until its automatic stop, as openvidu-server's recorder participant does.
    if (this.recordings.keepsOpen(session)) return;
    // openvidu-server closes a session when its last participant leaves ("lastParticipantLeft").
    session.closed = true;
    for (const connection of [...session.connections.values()]) this.forget(connection);
    this.sessions.delete(session.sessionId);
  }

  private collectUnusedSessions(): void {
    const limit = Date.now() - this.options.unusedSessionTimeoutMs;
    for (const session of [...this.sessions.values()]) {
      if (!session.everActive && session.createdAt < limit && session.activeConnections.length === 0) this.closeSession(session);
    }
  }

  private mediaOptions(): MediaOptions {
    return { address: this.options.mediaAddress ?? defaultMediaAddress(), thisMachineOnly: this.options.mediaThisMachineOnly };
  }

  private async media<T extends { endpoint: PublisherEndpoint | SubscriberEndpoint }>(create: () => Promise<T>): Promise<T> {
    try {
      const created = await create();
      const endpoint = created.endpoint;
      this.endpoints.add(endpoint);
      endpoint.onClosed(() => this.endpoints.delete(endpoint));
      return created;
    } catch (error) {
      if (error instanceof RpcError) throw error;
      throw new RpcError(Code.MEDIA_SDP_ERROR, `Media negotiation failed: ${(error as Error).message}`);
    }
  }

  /** Every peer connection the media path holds, for tests (cleanup checks) and the benchmark. */
  mediaStats(): { publishers: number; subscribers: number; peerConnections: number; packetsReceived: number } {
    let publishers = 0;
    let subscribers = 0;
    let packetsReceived = 0;
    for (const session of this.sessions.values()) {
      for (const c of session.connections.values()) {
        if (c.stream) {
          publishers += 1;
          packetsReceived += c.stream.endpoint.packetsReceived;
        }
        subscribers += c.subscriptions.size;
      }
    }
    return { publishers, subscribers, peerConnections: this.endpoints.size, packetsReceived };
  }

  /**
   * Closes every session with openvidu-server's reason for a graceful stop (SessionManager.close()), which tells
   * clients "the server restarts, come back", unlike sessionClosedByServer (closed on purpose through REST).
   */
  close(): void {
    clearInterval(this.gcTimer);
    this.recordings.close();
    for (const session of [...this.sessions.values()]) this.closeSession(session, 'openviduServerStopped');
  }

  /** Closes every session and waits until every peer connection is closed. */
  async closeAll(): Promise<void> {
    this.close();
    await Promise.all([...this.endpoints].map((endpoint) => endpoint.close()));
  }

  get openEndpoints(): number {
    return this.endpoints.size;
  }
}

/** joinRoom's `token` is the whole token URL; its `token` query parameter is the token proper. */
export function tokenValue(token: string): string {
  if (token.startsWith('tok_')) return token;
  const query = token.indexOf('?');
  if (query < 0) return token;
  return new URLSearchParams(token.slice(query + 1)).get('token') ?? token;
}
