// The signaling endpoint `/openvidu`: openvidu-browser's JSON-RPC over WebSocket (OPENVIDU.md §3).
// A socket's requests keep their order per lane (see laneOf): one lane per media endpoint, so that an
// onIceCandidate never overtakes the publishVideo or receiveVideoFrom it belongs to, while a publish and a
// subscription are negotiated side by side, as openvidu-server does; `ping` is answered at once. An RPC session
// outlives its socket for a grace period so that the client can come back with `connect`; after that the others
// get participantLeft(networkDisconnect).
import type { IncomingMessage } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { type Connection, type OpenViduCore, type Peer, type StreamOptions } from './core.js';
import { connectionIdOfStream, newRpcSessionId } from './ids.js';
import { PublisherEndpoint } from './media.js';
import {
  Code,
  errorFrame,
  notificationFrame,
  optBool,
  optNum,
  optStr,
  parseMessage,
  type Request,
  resultFrame,
  RpcError,
  str,
} from './rpc.js';

export const SERVER_VERSION = '2.32.1';
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface SignalingOptions {
  /** How long a joined participant whose socket dropped may take to come back with `connect`. */
  reconnectionGraceMs: number;
  /** A joined socket that sends no ping for this long is closed (then the grace period starts). */
  pingTimeoutMs: number;
  /** ICE servers handed to clients that have none of their own (one loopback entry keeps them offline). */
  defaultIceServers: { url: string; username?: string; credential?: string }[];
  log: (line: string) => void;
}

/**
 * The lane of a request: requests of one socket on the same lane are handled one after the other, lanes side by
 * side. A media endpoint's lane holds its negotiation (publishVideo, receiveVideoFrom, reconnectStream), its ICE
 * candidates and its end (unpublishVideo, unsubscribeFromVideo); the publisher's endpoint is named by the own
 * connection id, a subscription's by its publisher's. Everything else shares the `session` lane.
 */
export function laneOf(request: Request, ownConnectionId: string | undefined): string {
  const { method, params } = request;
  const endpoint = (connectionId: unknown) => (typeof connectionId !== 'string' ? 'session' : connectionId === ownConnectionId ? 'publisher' : `subscription:${connectionId}`);
  const ofStream = (streamId: unknown) => (typeof streamId === 'string' ? connectionIdOfStream(streamId) : undefined);
  switch (method) {
    case 'publishVideo':
    case 'unpublishVideo':
      return 'publisher';
    case 'receiveVideoFrom':
    case 'unsubscribeFromVideo':
      return endpoint(ofStream(params.sender));
    case 'onIceCandidate':
      return endpoint(params.endpointName);
    case 'reconnectStream':
      return endpoint(ofStream(params.stream));
    default:
      return 'session';
  }
}

class Socket {
  rpc: RpcSession | undefined;
  /** The last request of each busy lane (see laneOf). */
  private readonly lanes = new Map<string, Promise<void>>();
  ignorePings = false;
  lastPingAt = Date.now();
  closed = false;
  constructor(
    readonly ws: WebSocket,
    readonly ip: string | null,
  ) {}

  send(frame: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /** Runs `work` after the requests already on `lane`. */
  enqueue(lane: string, work: () => Promise<void>): void {
    const next = (this.lanes.get(lane) ?? Promise.resolve()).then(work);
    this.lanes.set(lane, next);
    void next.then(() => {
      if (this.lanes.get(lane) === next) this.lanes.delete(lane);
    });
  }
}

/** The server side of one openvidu-browser `OpenVidu` object: survives WebSocket reconnections. */
class RpcSession implements Peer {
  socket: Socket | undefined;
  connection: Connection | undefined;
  graceTimer: NodeJS.Timeout | undefined;
  closeTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    private readonly owner: Signaling,
  ) {}

  notify(method: string, params: unknown): void {
    this.socket?.send(notificationFrame(method, params));
  }

  /** The core is done with this participant: close its socket soon (the client normally closes it first). */
  close(): void {
    this.owner.forgetRpc(this);
    const socket = this.socket;
    if (!socket) return;
    this.closeTimer = setTimeout(() => socket.ws.close(1000, 'Session closed'), 2000);
    this.closeTimer.unref();
  }
}

export class Signaling {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private readonly rpcSessions = new Map<string, RpcSession>();
  private readonly watchdog: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly core: OpenViduCore,
    private readonly options: SignalingOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
    this.watchdog = setInterval(() => this.checkPings(), Math.max(50, Math.floor(options.pingTimeoutMs / 3)));
    this.watchdog.unref();
  }

  /** Takes over an HTTP upgrade to `/openvidu`. */
  handleUpgrade(request: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    if (this.closing) {
      socket.destroy(); // a client reconnecting while the server stops would keep close() waiting
      return;
    }
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const refusal = query.get('reconnect') === 'true' ? this.unreachableSessions.get(query.get('sessionId') ?? '') : undefined;
    if (refusal === 'refuse') {
      socket.destroy(); // as if the server were gone
      return;
    }
    if (refusal === 'hang') {
      // as if the network swallowed the answer: the client's socket stays CONNECTING
      this.hungUpgrades.add(socket);
      socket.once('close', () => this.hungUpgrades.delete(socket));
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
  }

  /** Sessions whose clients cannot reconnect, for tests of a server that went away mid-call. */
  private readonly unreachableSessions = new Map<string, 'refuse' | 'hang'>();
  private readonly hungUpgrades = new Set<import('node:stream').Duplex>();

  /**
   * Refuses the reconnecting WebSockets of a session's clients at once (`refuse`), or leaves them unanswered
   * (`hang`), or (`accept`) lets them in again.
   */
  refuseReconnections(sessionId: string, mode: 'refuse' | 'hang' | 'accept'): void {
    if (mode === 'accept') this.unreachableSessions.delete(sessionId);
    else this.unreachableSessions.set(sessionId, mode);
  }

  private accept(ws: WebSocket, request: IncomingMessage): void {
    const socket = new Socket(ws, request.socket.remoteAddress ?? null);
    this.sockets.add(socket);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.send(errorFrame(null, new RpcError(Code.INVALID_REQUEST, 'Binary frames are not JSON-RPC')));
        return;
      }
      this.onMessage(socket, data.toString());
    });
    ws.on('error', () => {
      // a too-big frame or a broken connection: 'close' follows and cleans up
    });
    ws.on('close', () => this.onClose(socket));
  }

  private onMessage(socket: Socket, text: string): void {
    const parsed = parseMessage(text);
    if (parsed.kind === 'invalid') {
      socket.send(errorFrame(parsed.id, parsed.error));
      return;
    }
    if (parsed.kind !== 'request') return; // notifications and responses from a client need no answer
    const request = parsed.request;
    if (request.method === 'ping') {
      this.ping(socket, request);
      return;
    }
    socket.enqueue(laneOf(request, socket.rpc?.connection?.connectionId), () => this.dispatch(socket, request));
  }

  private ping(socket: Socket, request: Request): void {
    if (socket.ignorePings) return;
    socket.lastPingAt = Date.now();
    socket.send(resultFrame(request.id, 'pong', socket.rpc?.id));
  }

  private async dispatch(socket: Socket, request: Request): Promise<void> {
    if (socket.closed) return;
    try {
      const result = await this.handle(socket, request);
      socket.send(resultFrame(request.id, result ?? {}, socket.rpc?.id));
    } catch (error) {
      const rpcError =
        error instanceof RpcError ? error : new RpcError(Code.GENERIC, `Internal error in ${request.method}: ${(error as Error)?.message ?? error}`);
      if (!(error instanceof RpcError)) this.options.log(`${request.method} failed: ${(error as Error)?.stack ?? error}`);
      socket.send(errorFrame(request.id, rpcError));
    }
  }

  private joined(socket: Socket): Connection {
    const connection = socket.rpc?.connection;
    if (!connection || connection.status !== 'active') {
      throw new RpcError(
        Code.TRANSPORT_ERROR,
        "No connection found for this WebSocket. Method 'Session.connect()' must be the first operation called in any session",
      );
    }
    return connection;
  }

  private moderator(connection: Connection, what: string): void {
    if (connection.role !== 'MODERATOR') throw new RpcError(Code.USER_UNAUTHORIZED, `Unable to ${what}. The user does not have a valid token`);
  }

  private async handle(socket: Socket, { method, params }: Request): Promise<unknown> {
    switch (method) {
      case 'joinRoom':
        return this.joinRoom(socket, params);
      case 'connect':
        return this.reconnect(socket, params);
      case 'echo':
        return {};
      case 'publishVideo':
        return this.publishVideo(this.joined(socket), params);
      case 'unpublishVideo':
        this.core.unpublish(this.joined(socket), 'unpublish');
        return {};
      case 'receiveVideoFrom': {
        const connection = this.joined(socket);
        const sdpAnswer = await this.core.subscribe(connection, str(params, 'sender'), params.sdpOffer);
        return { sdpAnswer };
      }
      case 'unsubscribeFromVideo': {
        const connection = this.joined(socket);
        const sender = str(params, 'sender');
        const publisherId = sender.lastIndexOf('con_') >= 0 ? sender.slice(sender.lastIndexOf('con_')) : sender;
        this.core.unsubscribe(connection, publisherId);
        return {};
      }
      case 'onIceCandidate':
        return this.onIceCandidate(this.joined(socket), params);
      case 'sendMessage':
        return this.sendMessage(this.joined(socket), params);
      case 'streamPropertyChanged':
        return this.streamPropertyChanged(this.joined(socket), params);
      case 'videoData': {
        const connection = this.joined(socket);
        const stream = connection.stream;
        if (stream) {
          const width = optNum(params, 'width', NaN);
          const height = optNum(params, 'height', NaN);
          if (Number.isFinite(width) && Number.isFinite(height)) stream.options.videoDimensions = JSON.stringify({ width, height });
        }
        return {};
      }
      case 'leaveRoom': {
        const connection = this.joined(socket);
        const rpc = socket.rpc!;
        this.core.leave(connection, 'disconnect');
        rpc.close();
        return {};
      }
      case 'forceDisconnect': {
        const connection = this.joined(socket);
        this.moderator(connection, 'force disconnect');
        const target = connection.session.connections.get(str(params, 'connectionId'));
        if (!target || target.status !== 'active') {
          throw new RpcError(Code.USER_NOT_FOUND, `Connection ${String(params.connectionId)} not found in session ${connection.session.sessionId}`);
        }
        this.core.evict(target, 'forceDisconnectByUser');
        return {};
      }
      case 'forceUnpublish': {
        const connection = this.joined(socket);
        this.moderator(connection, 'force unpublish');
        const stream = this.core.findStream(connection.session, str(params, 'streamId'));
        this.core.unpublish(stream.connection, 'forceUnpublishByUser');
        return {};
      }
      case 'reconnectStream':
        return this.reconnectStream(this.joined(socket), params);
      case 'applyFilter':
      case 'execFilterMethod':
      case 'removeFilter':
      case 'addFilterEventListener':
      case 'removeFilterEventListener':
        this.joined(socket);
        throw new RpcError(Code.GENERIC, `${method}: Kurento filters are not supported by the local OpenVidu server`);
      case 'subscribeToSpeechToText':
      case 'unsubscribeFromSpeechToText':
      case 'sessionStatus':
        this.joined(socket);
        throw new RpcError(Code.GENERIC, `${method} is an OpenVidu Pro feature, not supported by the local OpenVidu server`);
      default:
        throw new RpcError(Code.METHOD_NOT_FOUND, `Method not found: ${method}`);
    }
  }

  private joinRoom(socket: Socket, params: Record<string, unknown>): unknown {
    if (socket.rpc?.connection) throw new RpcError(Code.GENERIC, 'This WebSocket has already joined a session');
    const token = str(params, 'token');
    const sessionId = str(params, 'session');
    const metadata = params.metadata ?? '';
    if (typeof metadata !== 'string') {
      throw new RpcError(Code.USER_METADATA_FORMAT_INVALID, `Unable to join session ${sessionId}. The metadata received from the client-side has an invalid format`);
    }
    const platform = optStr(params, 'platform') ?? '';
    const rpc = new RpcSession(newRpcSessionId(), this);
    const connection = this.core.join(sessionId, token, metadata, platform, socket.ip, rpc);
    rpc.connection = connection;
    rpc.socket = socket;
    socket.rpc = rpc;
    this.rpcSessions.set(rpc.id, rpc);
    const session = connection.session;
    const custom = connection.props.customIceServers;
    return {
      id: connection.connectionId,
      finalUserId: connection.connectionId,
      createdAt: connection.activeAt,
      metadata: connection.metadata,
      value: session.activeConnections.filter((c) => c !== connection).map((c) => c.toClientJson()),
      session: session.sessionId,
      version: SERVER_VERSION,
      mediaServer: 'kurento',
      videoSimulcast: false,
      record: connection.props.record,
      role: connection.role,
      customIceServers: custom.length > 0 ? custom : this.options.defaultIceServers,
      // Only while recorded, and only for the roles OPENVIDU_RECORDING_NOTIFICATION tells (openvidu-browser then
      // fires recordingStarted as the join completes).
      ...this.core.recordings.joinRoomFields(connection),
    };
  }

  private reconnect(socket: Socket, params: Record<string, unknown>): unknown {
    const rpcId = params.sessionId;
    const rpc = typeof rpcId === 'string' ? this.rpcSessions.get(rpcId) : undefined;
    if (!rpc || rpc.connection?.status !== 'active') throw new RpcError(Code.RECONNECTION_ERROR, 'reconnection error');
    // A socket already bound to a participant cannot take over another one (it would leave a ghost behind).
    if (socket.rpc && socket.rpc !== rpc) throw new RpcError(Code.RECONNECTION_ERROR, 'reconnection error');
    clearTimeout(rpc.graceTimer);
    rpc.graceTimer = undefined;
    const previous = rpc.socket;
    if (previous && previous !== socket) {
      previous.rpc = undefined;
      previous.ws.terminate();
    }
    rpc.socket = socket;
    socket.rpc = rpc;
    return 'reconnection successful';
  }

  private async publishVideo(connection: Connection, params: Record<string, unknown>): Promise<unknown> {
    const hasVideo = optBool(params, 'hasVideo', true);
    const options: StreamOptions = {
      hasAudio: optBool(params, 'hasAudio', true),
      hasVideo,
      audioActive: optBool(params, 'audioActive', true),
      videoActive: optBool(params, 'videoActive', true),
      typeOfVideo: hasVideo ? (optStr(params, 'typeOfVideo') ?? 'CAMERA') : undefined,
      frameRate: optNum(params, 'frameRate', -1),
      videoDimensions: optStr(params, 'videoDimensions') ?? '',
      filter: {},
    };
    if (typeof params.sdpOffer !== 'string') throw new RpcError(Code.INVALID_PARAMS, 'Param "sdpOffer" is missing or not a string');
    const loopback = optBool(params, 'doLoopback', false);
    const { stream, sdpAnswer } = await this.core.publish(connection, options, params.sdpOffer, loopback);
    return { sdpAnswer, id: stream.streamId, createdAt: stream.createdAt };
  }

  private async onIceCandidate(connection: Connection, params: Record<string, unknown>): Promise<unknown> {
    const endpointName = str(params, 'endpointName');
    const candidate = str(params, 'candidate');
    const sdpMid = optStr(params, 'sdpMid');
    const sdpMLineIndex = optNum(params, 'sdpMLineIndex', 0);
    const own = connection.stream?.endpoint;
    const endpoint =
      endpointName === connection.connectionId
        ? own instanceof PublisherEndpoint
          ? own
          : undefined
        : connection.subscriptions.get(endpointName)?.endpoint;
    // A candidate for an endpoint that is gone (unsubscribed meanwhile) is dropped, as openvidu-server does.
    if (endpoint && candidate) await endpoint.addIceCandidate({ candidate, sdpMid, sdpMLineIndex }).catch(() => {});
    return {};
  }

  private sendMessage(connection: Connection, params: Record<string, unknown>): unknown {
    const raw = str(params, 'message');
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      throw new RpcError(Code.SIGNAL_FORMAT_INVALID, 'Signal "message" is not a JSON object');
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw new RpcError(Code.SIGNAL_FORMAT_INVALID, 'Signal "message" is not a JSON object');
    }
    const m = message as Record<string, unknown>;
    const to = m.to ?? [];
    if (!Array.isArray(to) || !to.every((id) => typeof id === 'string')) {
      throw new RpcError(Code.SIGNAL_FORMAT_INVALID, 'Signal "to" must be an array of connection ids');
    }
    const session = connection.session;
    const recipients = to.length > 0 ? to.map((id) => session.connections.get(id as string)) : session.activeConnections;
    if (recipients.some((c) => !c || c.status !== 'active')) {
      throw new RpcError(Code.SIGNAL_TO_INVALID, 'Signal "to" field invalid format: some connection ids are not in the session');
    }
    const type = typeof m.type === 'string' && m.type ? m.type : 'signal';
    const data = typeof m.data === 'string' ? m.data : m.data === undefined || m.data === null ? '' : JSON.stringify(m.data);
    const params_ = { data, type, from: connection.connectionId };
    for (const recipient of new Set(recipients)) recipient!.notify('sendMessage', params_);
    return {};
  }

  private streamPropertyChanged(connection: Connection, params: Record<string, unknown>): unknown {
    const streamId = str(params, 'streamId');
    const property = str(params, 'property');
    const reason = optStr(params, 'reason') ?? '';
    if (!('newValue' in params)) throw new RpcError(Code.INVALID_PARAMS, 'Param "newValue" is missing');
    const newValue = params.newValue;
    const stream = connection.stream;
    if (!stream || stream.streamId !== streamId) {
      throw new RpcError(Code.USER_NOT_STREAMING, `Stream ${streamId} is not published by connection ${connection.connectionId}`);
    }
    if ((property === 'audioActive' || property === 'videoActive') && typeof newValue === 'boolean') stream.options[property] = newValue;
    if (property === 'videoDimensions' && typeof newValue === 'string') stream.options.videoDimensions = newValue;
    // openvidu-server forwards JsonElement.toString(): booleans arrive as "true"/"false", strings JSON-quoted.
    const notification = { connectionId: connection.connectionId, streamId, property, newValue: JSON.stringify(newValue ?? null), reason };
    for (const other of connection.session.activeConnections) if (other !== connection) other.notify('streamPropertyChanged', notification);
    return {};
  }

  private async reconnectStream(connection: Connection, params: Record<string, unknown>): Promise<unknown> {
    const streamId = str(params, 'stream');
    const sdpOffer = params.sdpString ?? params.sdpOffer;
    if (typeof sdpOffer !== 'string') throw new RpcError(Code.INVALID_PARAMS, 'Param "sdpString" is missing or not a string');
    const own = connection.stream;
    if (own?.streamId === streamId) {
      // As publishVideo's answer: openvidu-browser sets the stream's id and creation time from it after a
      // publisher's renegotiation too, and without them its stream id became undefined.
      return { sdpAnswer: await this.core.reconnectPublisher(own, sdpOffer), id: own.streamId, createdAt: own.createdAt };
    }
    return { sdpAnswer: await this.core.subscribe(connection, streamId, sdpOffer) };
  }

  private onClose(socket: Socket): void {
    socket.closed = true;
    this.sockets.delete(socket);
    if (this.closing) return;
    const rpc = socket.rpc;
    if (!rpc || rpc.socket !== socket) return;
    rpc.socket = undefined;
    clearTimeout(rpc.closeTimer);
    if (rpc.connection?.status !== 'active') {
      this.forgetRpc(rpc);
      return;
    }
    rpc.graceTimer = setTimeout(() => this.networkDisconnect(rpc), this.options.reconnectionGraceMs);
    rpc.graceTimer.unref();
  }

  /** The participant did not come back in time (or a test cut it off): the others see it leave. */
  networkDisconnect(rpc: RpcSession): void {
    clearTimeout(rpc.graceTimer);
    this.forgetRpc(rpc);
    const connection = rpc.connection;
    if (connection) this.core.leave(connection, 'networkDisconnect');
    if (rpc.socket) {
      rpc.socket.rpc = undefined;
      rpc.socket.ws.terminate();
      rpc.socket = undefined;
    }
  }

  forgetRpc(rpc: RpcSession): void {
    clearTimeout(rpc.graceTimer);
    this.rpcSessions.delete(rpc.id);
  }

  private checkPings(): void {
    const limit = Date.now() - this.options.pingTimeoutMs;
    for (const socket of this.sockets) {
      if (socket.rpc?.connection && socket.lastPingAt < limit) socket.ws.terminate();
    }
  }

  // ---- test control ----

  private rpcOf(connectionId: string): RpcSession {
    for (const rpc of this.rpcSessions.values()) if (rpc.connection?.connectionId === connectionId) return rpc;
    throw new Error(`No signaling session for connection ${connectionId}`);
  }

  /** Cuts a participant's WebSocket server-side, as a network failure would. */
  dropSocket(connectionId: string, allowReconnect: boolean): void {
    const rpc = this.rpcOf(connectionId);
    if (!allowReconnect) {
      this.networkDisconnect(rpc);
      return;
    }
    rpc.socket?.ws.terminate();
  }

  /** The participant's current socket stops answering pings (its client then reconnects). */
  ignorePings(connectionId: string): void {
    const socket = this.rpcOf(connectionId).socket;
    if (socket) socket.ignorePings = true;
  }

  /** Ends every running reconnection grace period now. */
  expireGracePeriods(): number {
    const waiting = [...this.rpcSessions.values()].filter((rpc) => rpc.graceTimer !== undefined);
    for (const rpc of waiting) this.networkDisconnect(rpc);
    return waiting.length;
  }

  stats(): { sockets: number; rpcSessions: number } {
    return { sockets: this.sockets.size, rpcSessions: this.rpcSessions.size };
  }

  /** Closes every socket: politely first (queued notifications still go out), then for good after 1 s. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.watchdog);
    for (const socket of this.hungUpgrades) socket.destroy();
    for (const rpc of this.rpcSessions.values()) {
      clearTimeout(rpc.graceTimer);
      clearTimeout(rpc.closeTimer);
    }
    this.rpcSessions.clear();
    const open = [...this.sockets];
    await Promise.all(
      open.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.ws.readyState === WebSocket.CLOSED) return resolve();
            const timer = setTimeout(() => socket.ws.terminate(), 1000);
            socket.ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            socket.ws.close(1001, 'Server shutting down');
          }),
      ),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
