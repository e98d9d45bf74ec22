// A local OpenVidu-2-compatible server for development and tests on one machine: signaling at /openvidu, a werift
// SFU, the REST API at /openvidu/api, the tutorial app-server endpoints at /api, and the demo pages.
// Production runs on a real OpenVidu deployment.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { handleAppServer, type Upstream } from './app-server.js';
import { Bots, isBot } from './bots.js';
import { OpenViduCore } from './core.js';
import { allowCors, isForeignRequest, requestOrigin, sendText } from './http-util.js';
import type { RecordingNotification } from './recordings.js';
import { API_PREFIX, handleRest } from './rest.js';
import { Signaling } from './signaling.js';
import { serveStatic, type StaticMounts } from './static.js';

export type { Upstream } from './app-server.js';
export type { StaticMounts } from './static.js';

export interface LocalOpenViduOptions {
  /** Address to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Port; 0 picks a free one. Default 4443, OpenVidu's own default. */
  port?: number;
  /** The REST API secret (Basic auth OPENVIDUAPP:<secret>). Default MY_SECRET, as in OpenVidu's tutorials. */
  secret?: string;
  /** The URL clients reach this server at, for tokens. Default: taken from each request's Host header. */
  publicUrl?: string;
  /**
   * The IPv4 address media flows on. Default: this machine's first network address (browsers pair no candidate
   * with a loopback one by default), 127.0.0.1 on a machine that has none.
   */
  mediaAddress?: string;
  /** URL prefix → directory to serve. Default: demo/ at / and dist/ at /dist/. `false` serves no files. */
  static?: StaticMounts | false;
  /** A real OpenVidu deployment the /api endpoints create sessions and tokens on instead of this server. */
  upstream?: Upstream;
  /** How long a participant whose WebSocket dropped may take to reconnect. Default 5000 ms. */
  reconnectionGraceMs?: number;
  /** A joined WebSocket silent (no ping) this long is closed. Default 15000 ms (three missed pings). */
  pingTimeoutMs?: number;
  /** Sessions nobody joined are removed after this long. Default 15 minutes. */
  unusedSessionTimeoutMs?: number;
  /**
   * Serve HTTPS and WSS with this certificate and key (PEM). The certificate is also offered for download at
   * `/local-certificate.crt`, so that a phone can install it.
   */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /**
   * Synthetic participants to start with: this many bots join `botsSession` and publish a looped video and voice
   * (bots.ts). A development aid: a big room without a browser per participant.
   */
  bots?: number;
  /** The session the bots join (created if needed). Default `demo`, the demo page's default session. */
  botsSession?: string;
  /**
   * Who hears that the session is recorded (OPENVIDU_RECORDING_NOTIFICATION): `publisher_moderator` (default, as
   * openvidu-server), `all`, `moderator`, `none`.
   */
  recordingNotification?: RecordingNotification;
  /** A recording with nobody publishing stops after this long (OPENVIDU_RECORDING_AUTOSTOP_TIMEOUT). Default 120 s. */
  recordingAutostopTimeoutMs?: number;
  /** No log lines at all. */
  quiet?: boolean;
  log?: (line: string) => void;
}

/** What tests can ask of the server with `executeServerCommand('ov-server', payload)`. */
export type TestControlPayload =
  | { action: 'token'; sessionId?: string; role?: string; data?: string }
  | { action: 'drop-socket'; connectionId: string; reconnect?: boolean }
  | { action: 'ignore-pings'; connectionId: string }
  | { action: 'refuse-reconnections'; sessionId: string; mode?: 'refuse' | 'hang' | 'accept' }
  | { action: 'refuse-media'; sessionId: string; mode?: 'refuse' | 'accept' }
  | { action: 'block-media'; connectionId: string; mode?: 'block' | 'allow' }
  | { action: 'expire-grace' }
  | { action: 'state' }
  | { action: 'signal'; sessionId: string; to?: string[]; type?: string; data?: string }
  | { action: 'force-disconnect'; connectionId: string }
  | { action: 'force-unpublish'; connectionId: string }
  | { action: 'close-session'; sessionId: string }
  | { action: 'add-bots'; sessionId: string; count: number }
  | { action: 'remove-bots'; sessionId: string };

export interface LocalOpenVidu {
  /** e.g. http://127.0.0.1:4443 */
  url: string;
  host: string;
  port: number;
  secret: string;
  core: OpenViduCore;
  bots: Bots;
  close(): Promise<void>;
  testControl(payload: unknown): Promise<unknown>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const DEFAULT_STATIC: StaticMounts = { '/': `${REPO_ROOT}demo`, '/dist/': `${REPO_ROOT}dist` };

export async function startLocalOpenVidu(options: LocalOpenViduOptions = {}): Promise<LocalOpenVidu> {
  const host = options.host ?? '127.0.0.1';
  const secret = options.secret ?? 'MY_SECRET';
  const log = options.quiet ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  const mounts = options.static === false ? {} : (options.static ?? DEFAULT_STATIC);
  let baseUrl = '';

  // On loopback (the default) only pages of this machine may use the server; see isForeignRequest.
  const loopbackOnly = host === 'localhost' || host === '::1' || host.startsWith('127.');
  const unusedSessionTimeoutMs = options.unusedSessionTimeoutMs ?? 15 * 60_000;
  const core = new OpenViduCore({
    mediaAddress: options.mediaAddress,
    mediaThisMachineOnly: loopbackOnly,
    unusedSessionTimeoutMs,
    recordingNotification: options.recordingNotification,
    recordingAutostopTimeoutMs: options.recordingAutostopTimeoutMs,
  });
  const bots = new Bots(core);
  const botsSession = options.botsSession ?? 'demo';
  if (options.bots !== undefined && (!Number.isInteger(options.bots) || options.bots < 0)) {
    throw new Error(`bots must be a whole number (0 for none), not ${options.bots}`);
  }
  const signaling = new Signaling(core, {
    reconnectionGraceMs: options.reconnectionGraceMs ?? 5000,
    pingTimeoutMs: options.pingTimeoutMs ?? 15000,
    // A STUN server that answers nothing keeps openvidu-browser from asking public ones (OPENVIDU.md §2.4 #7).
    defaultIceServers: [{ url: `stun:${options.mediaAddress ?? '127.0.0.1'}:3478` }],
    log,
  });

  const publicUrl = (req: IncomingMessage): string => options.publicUrl ?? requestOrigin(req, baseUrl).origin;
  const certificateDownload = options.tls ? Buffer.from(new X509Certificate(options.tls.cert).raw) : undefined;
  const tokenUrl = (req: IncomingMessage, sessionId: string, token: string): string => {
    const origin = new URL(publicUrl(req));
    const ws = origin.protocol === 'https:' ? 'wss' : 'ws';
    return `${ws}://${origin.host}?sessionId=${encodeURIComponent(sessionId)}&token=${token}`;
  };

  const publicHostname = options.publicUrl ? new URL(options.publicUrl).hostname : undefined;
  const foreign = (req: IncomingMessage): boolean => loopbackOnly && isForeignRequest(req, publicHostname);
  const FOREIGN = 'This development server only answers pages on this machine (it listens on loopback).';

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (foreign(req)) return sendText(res, 403, FOREIGN);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendText(res, 400, 'Bad request URL');
    }
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
      allowCors(req, res);
      if (req.method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        return;
      }
      return handleRest(core, { secret, tokenUrl, publicUrl, unusedSessionTimeoutMs }, req, res, url);
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      return handleAppServer(core, { tokenUrl, upstream: options.upstream }, req, res, url);
    }
    if (url.pathname === '/openvidu') return sendText(res, 426, `This is the OpenVidu signaling WebSocket: connect with ${options.tls ? 'wss' : 'ws'}://`);
    if (url.pathname === '/local-certificate.crt' && certificateDownload) {
      res.writeHead(200, { 'Content-Type': 'application/x-x509-ca-cert', 'Content-Length': certificateDownload.length });
      res.end(certificateDownload);
      return;
    }
    if (await serveStatic(mounts, req, res, url)) return;
    sendText(res, 404, `Not found: ${url.pathname}`);
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    onRequest(req, res).catch((error) => {
      log(`HTTP ${req.method} ${req.url} failed: ${(error as Error).stack ?? error}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  };
  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createServer(handler);
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('upgrade', (req, socket, head) => {
    let path = '';
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      // handled below
    }
    if (foreign(req)) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n${FOREIGN}`);
    } else if (path === '/openvidu' || path === '/openvidu/') {
      signaling.handleUpgrade(req, socket, head);
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      void signaling.close();
      core.close();
      reject(error);
    };
    server.once('error', onError);
    server.listen(options.port ?? 4443, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  baseUrl = `${options.tls ? 'https' : 'http'}://${urlHost}:${address.port}`;
  if (options.bots) {
    try {
      bots.add(botsSession, options.bots);
    } catch (error) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await signaling.close();
      await core.closeAll();
      throw error;
    }
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      // Everyone is told the session ended (participantEvicted, openviduServerStopped, as openvidu-server does on a
      // graceful stop), so that clients stop reconnecting to a session that will be gone; then the sockets close.
      await core.closeAll();
      await signaling.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })());

  async function testControl(payload: unknown): Promise<unknown> {
    const p = (payload ?? {}) as Record<string, unknown>;
    const id = (key: string): string => {
      if (typeof p[key] !== 'string') throw new Error(`testControl ${String(p.action)}: "${key}" is required`);
      return p[key] as string;
    };
    const connectionById = (connectionId: string) => {
      for (const session of core.sessions.values()) {
        const c = session.connections.get(connectionId);
        if (c) return c;
      }
      throw new Error(`No connection ${connectionId}`);
    };
    switch (p.action) {
      case 'token': {
        const wanted = typeof p.sessionId === 'string' ? p.sessionId : undefined;
        const session = (wanted && core.sessions.get(wanted)) || core.createSession(wanted ? { customSessionId: wanted } : {});
        const connection = core.createConnection(session, { role: p.role, data: p.data });
        const origin = new URL(options.publicUrl ?? baseUrl);
        return {
          sessionId: session.sessionId,
          connectionId: connection.connectionId,
          token: `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}?sessionId=${encodeURIComponent(session.sessionId)}&token=${connection.token}`,
        };
      }
      case 'drop-socket':
        signaling.dropSocket(id('connectionId'), p.reconnect !== false);
        return { ok: true };
      case 'ignore-pings':
        signaling.ignorePings(id('connectionId'));
        return { ok: true };
      case 'refuse-reconnections':
        signaling.refuseReconnections(id('sessionId'), p.mode === 'hang' || p.mode === 'accept' ? p.mode : 'refuse');
        return { ok: true };
      case 'refuse-media':
        core.refuseMedia(id('sessionId'), p.mode !== 'accept');
        return { ok: true };
      case 'block-media':
        core.blockMedia(connectionById(id('connectionId')), p.mode !== 'allow');
        return { ok: true };
      case 'expire-grace':
        return { expired: signaling.expireGracePeriods() };
      case 'state':
        return {
          sessions: [...core.sessions.values()].map((s) => ({
            sessionId: s.sessionId,
            connections: [...s.connections.values()].map((c) => ({
              connectionId: c.connectionId,
              status: c.status,
              role: c.role,
              clientData: c.clientData,
              serverData: c.props.serverData,
              stream: c.stream ? { streamId: c.stream.streamId, ...c.stream.options } : null,
              subscriptions: [...c.subscriptions.keys()],
              // What each subscription sends: the kinds the subscriber's offer asked for, and RTP packets so far.
              received: Object.fromEntries(
                [...c.subscriptions].map(([publisherId, s]) => [publisherId, { kinds: s.endpoint.kinds, packets: { ...s.endpoint.packetsForwarded } }]),
              ),
              bot: isBot(c),
            })),
          })),
          media: core.mediaStats(),
          signaling: signaling.stats(),
        };
      case 'signal':
        core.sendSignal(core.getSession(id('sessionId')), p);
        return { ok: true };
      case 'force-disconnect':
        core.evict(connectionById(id('connectionId')), 'forceDisconnectByServer');
        return { ok: true };
      case 'force-unpublish':
        core.unpublish(connectionById(id('connectionId')), 'forceUnpublishByServer');
        return { ok: true };
      case 'close-session':
        core.closeSession(core.getSession(id('sessionId')));
        return { ok: true };
      case 'add-bots':
        return { sessionId: id('sessionId'), bots: bots.add(id('sessionId'), p.count as number) };
      case 'remove-bots':
        return { removed: bots.remove(id('sessionId')) };
      default:
        throw new Error(`Unknown testControl action ${JSON.stringify(p.action)}`);
    }
  }

  return { url: baseUrl, host, port: address.port, secret, core, bots, close, testControl };
}
