// The OpenVidu 2 REST API at /openvidu/api (OPENVIDU.md §4.2), with Basic auth OPENVIDUAPP:<secret>. Field
// names and status codes follow openvidu-server, so openvidu-node-client and openvidu-java-client work unchanged.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { type Connection, HttpError, type OpenViduCore } from './core.js';
import { readJson, sendEmpty, sendJson, sendText, decodePathParts } from './http-util.js';
import { SERVER_VERSION } from './signaling.js';

export const API_PREFIX = '/openvidu/api';

export interface RestOptions {
  secret: string;
  /** Builds the token URL (ws://host:port?sessionId=…&token=…) for a request. */
  tokenUrl: (req: IncomingMessage, sessionId: string, token: string) => string;
  publicUrl: (req: IncomingMessage) => string;
  /** Sessions nobody joined are removed after this long (GET /config reports it). */
  unusedSessionTimeoutMs: number;
}

function authorized(req: IncomingMessage, secret: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Basic ')) return false;
  const given = Buffer.from(Buffer.from(header.slice(6), 'base64').toString('utf8'));
  const expected = Buffer.from(`OPENVIDUAPP:${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function connectionJson(rest: RestOptions, req: IncomingMessage, connection: Connection): Record<string, unknown> {
  return { ...connection.toRestJson(), token: rest.tokenUrl(req, connection.session.sessionId, connection.token) };
}

function sessionJson(rest: RestOptions, req: IncomingMessage, core: OpenViduCore, sessionId: string, pending: boolean): Record<string, unknown> {
  const session = core.getSession(sessionId);
  const json = session.toRestJson(pending);
  const content = (json.connections as { content: Record<string, unknown>[] }).content;
  for (const c of content) c.token = rest.tokenUrl(req, sessionId, session.connections.get(c.connectionId as string)!.token);
  return json;
}

const NOT_SUPPORTED = 'Broadcasting needs OpenVidu with Kurento and Docker: not supported by the local OpenVidu server';

/** /recordings…: their paths do not follow the /kind/:id pattern of the others (`/recordings/stop/{id}`). */
async function handleRecordings(core: OpenViduCore, req: IncomingMessage, res: ServerResponse, method: string, parts: string[]): Promise<void> {
  const { recordings } = core;
  const [, first, second] = parts;
  if (method === 'POST' && first === 'start' && parts.length === 2) return sendJson(res, 200, recordings.start(core.sessions, await readJson(req)).toJson());
  if (method === 'POST' && first === 'stop' && parts.length === 3) return sendJson(res, 200, recordings.stopById(second));
  if (method === 'GET' && parts.length === 1) {
    const items = [...recordings.all.values()].map((recording) => recording.toJson());
    return sendJson(res, 200, { count: items.length, items });
  }
  if (method === 'GET' && parts.length === 2) return sendJson(res, 200, recordings.get(first).toJson());
  if (method === 'DELETE' && parts.length === 2) {
    recordings.delete(first);
    return sendEmpty(res, 204);
  }
  throw new HttpError(404, `No REST operation ${method} ${API_PREFIX}/${parts.join('/')}`);
}

export async function handleRest(core: OpenViduCore, rest: RestOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (!authorized(req, rest.secret)) {
    res.setHeader('WWW-Authenticate', 'Basic realm="OpenVidu"');
    sendJson(res, 401, { status: 401, error: 'Unauthorized', message: 'Basic auth OPENVIDUAPP:<OPENVIDU_SECRET> required' });
    return;
  }
  const path = url.pathname.slice(API_PREFIX.length).replace(/\/+$/, '');
  const parts = decodePathParts(path);
  if (!parts) return sendJson(res, 400, { status: 400, error: 'Bad Request', message: 'Malformed percent-encoding in the path' });
  const method = req.method ?? 'GET';
  const pending = url.searchParams.get('pendingConnections') === 'true';
  const route = `${method} /${parts.map((p, i) => (i % 2 === 1 ? ':' : p)).join('/')}`;
  try {
    if (parts[0] === 'recordings') return await handleRecordings(core, req, res, method, parts);
    switch (route) {
      case 'POST /sessions': {
        const session = core.createSession(await readJson(req));
        return sendJson(res, 200, sessionJson(rest, req, core, session.sessionId, pending));
      }
      case 'GET /sessions': {
        const content = [...core.sessions.keys()].map((id) => sessionJson(rest, req, core, id, pending));
        return sendJson(res, 200, { numberOfElements: content.length, content });
      }
      case 'GET /sessions/:':
        return sendJson(res, 200, sessionJson(rest, req, core, parts[1], pending));
      case 'DELETE /sessions/:':
        core.closeSession(core.getSession(parts[1]));
        return sendEmpty(res, 204);
      case 'POST /sessions/:/connection': {
        const session = core.getSession(parts[1]);
        const connection = core.createConnection(session, await readJson(req));
        return sendJson(res, 200, connectionJson(rest, req, connection));
      }
      case 'GET /sessions/:/connection': {
        const session = core.getSession(parts[1]);
        const content = [...session.connections.values()].map((c) => connectionJson(rest, req, c));
        return sendJson(res, 200, { numberOfElements: content.length, content });
      }
      case 'GET /sessions/:/connection/:': {
        const connection = core.getConnection(core.getSession(parts[1]), parts[3]);
        return sendJson(res, 200, connectionJson(rest, req, connection));
      }
      case 'PATCH /sessions/:/connection/:': {
        const connection = core.getConnection(core.getSession(parts[1]), parts[3]);
        core.updateConnection(connection, await readJson(req));
        return sendJson(res, 200, connectionJson(rest, req, connection));
      }
      case 'DELETE /sessions/:/connection/:': {
        core.deleteConnection(core.getConnection(core.getSession(parts[1]), parts[3]));
        return sendEmpty(res, 204);
      }
      case 'DELETE /sessions/:/stream/:': {
        const session = core.getSession(parts[1]);
        const owner = [...session.connections.values()].find((c) => c.stream?.streamId === parts[3]);
        if (!owner) throw new HttpError(404, `Stream ${parts[3]} not found in session ${session.sessionId}`);
        core.unpublish(owner, 'forceUnpublishByServer');
        return sendEmpty(res, 204);
      }
      case 'POST /tokens': {
        const body = (await readJson(req)) as Record<string, unknown> | null;
        if (typeof body?.session !== 'string') throw new HttpError(400, '"session" is required');
        const session = core.getSession(body.session);
        const connection = core.createConnection(session, { role: body.role, data: body.data, record: body.record, kurentoOptions: body.kurentoOptions, customIceServers: body.customIceServers });
        const json = connectionJson(rest, req, connection);
        return sendJson(res, 200, { ...json, id: json.token, object: 'token', session: session.sessionId, data: connection.props.serverData });
      }
      case 'POST /signal': {
        const body = (await readJson(req)) as Record<string, unknown> | null;
        if (typeof body?.session !== 'string') throw new HttpError(400, '"session" is required');
        core.sendSignal(core.getSession(body.session), body);
        return sendEmpty(res, 200);
      }
      case 'GET /config': {
        // The fields of openvidu-server CE 2.32 (ConfigRestController.getConfig), with this server's values, and
        // LOCAL_SERVER, which no real deployment sends, so that tools (the doctor) can tell them apart.
        const publicUrl = new URL(rest.publicUrl(req));
        const garbageSeconds = Math.round(rest.unusedSessionTimeoutMs / 1000);
        return sendJson(res, 200, {
          VERSION: SERVER_VERSION,
          DOMAIN_OR_PUBLIC_IP: publicUrl.hostname.replace(/^\[|\]$/g, ''),
          HTTPS_PORT: Number(publicUrl.port) || (publicUrl.protocol === 'https:' ? 443 : 80),
          OPENVIDU_PUBLICURL: publicUrl.origin,
          OPENVIDU_CDR: false,
          OPENVIDU_STREAMS_VIDEO_MAX_RECV_BANDWIDTH: 0,
          OPENVIDU_STREAMS_VIDEO_MIN_RECV_BANDWIDTH: 0,
          OPENVIDU_STREAMS_VIDEO_MAX_SEND_BANDWIDTH: 0,
          OPENVIDU_STREAMS_VIDEO_MIN_SEND_BANDWIDTH: 0,
          OPENVIDU_STREAMS_FORCED_VIDEO_CODEC: 'VP8',
          OPENVIDU_STREAMS_ALLOW_TRANSCODING: false,
          OPENVIDU_WEBRTC_SIMULCAST: false,
          OPENVIDU_SESSIONS_GARBAGE_INTERVAL: Math.min(60, garbageSeconds),
          OPENVIDU_SESSIONS_GARBAGE_THRESHOLD: garbageSeconds,
          // Recordings are reported, not written (recordings.ts).
          OPENVIDU_RECORDING: true,
          OPENVIDU_RECORDING_VERSION: SERVER_VERSION,
          OPENVIDU_RECORDING_PATH: '',
          OPENVIDU_RECORDING_PUBLIC_ACCESS: false,
          OPENVIDU_RECORDING_NOTIFICATION: core.recordings.notification,
          OPENVIDU_RECORDING_CUSTOM_LAYOUT: '',
          OPENVIDU_RECORDING_AUTOSTOP_TIMEOUT: Math.round(core.recordings.autostopTimeoutMs / 1000),
          OPENVIDU_WEBHOOK: false,
          LOCAL_SERVER: true,
        });
      }
      case 'GET /health':
        return sendJson(res, 200, { status: 'UP' });
      default:
        if (parts[0] === 'broadcast') return sendJson(res, 501, { status: 501, error: 'Not Implemented', message: NOT_SUPPORTED });
        return sendJson(res, 404, { status: 404, error: 'Not Found', message: `No REST operation ${method} ${API_PREFIX}${path}` });
    }
  } catch (error) {
    if (error instanceof HttpError) return sendJson(res, error.status, { status: error.status, message: error.message });
    if (!res.headersSent) sendText(res, 500, `Internal error: ${(error as Error).message}`);
  }
}
