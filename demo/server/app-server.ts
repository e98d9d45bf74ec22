// The application-server endpoints of OpenVidu's tutorials (openvidu-basic-node and friends) at /api:
//   POST /api/sessions                      body: SessionProperties   → plain-text session id
//   POST /api/sessions/{id}/connections     body: ConnectionProperties → plain-text token
// With an upstream deployment configured (OPENVIDU_URL + OPENVIDU_SECRET), they create sessions and tokens there
// through its REST API instead, so the demo pages can run against a real OpenVidu.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, type OpenViduCore } from './core.js';
import { allowCors, readJson, sendEmpty, sendText, decodePathParts } from './http-util.js';

export interface Upstream {
  /** e.g. https://openvidu.example.com/ */
  url: string;
  secret: string;
}

export interface AppServerOptions {
  tokenUrl: (req: IncomingMessage, sessionId: string, token: string) => string;
  upstream?: Upstream;
}

async function upstreamFetch(upstream: Upstream, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const base = upstream.url.endsWith('/') ? upstream.url : `${upstream.url}/`;
  let response: Response;
  try {
    response = await fetch(new URL(`openvidu/api/${path}`, base), {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`OPENVIDUAPP:${upstream.secret}`).toString('base64')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body ?? {}),
    });
  } catch (error) {
    throw new HttpError(502, `OpenVidu deployment at ${upstream.url} cannot be reached: ${(error as Error).message}`);
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    // error pages are not JSON
  }
  return { status: response.status, json };
}

async function createSession(core: OpenViduCore, options: AppServerOptions, body: unknown): Promise<string> {
  const requested = (body as { customSessionId?: unknown } | null)?.customSessionId;
  if (options.upstream) {
    const { status, json } = await upstreamFetch(options.upstream, 'sessions', body);
    if (status === 200 && typeof json.id === 'string') return json.id;
    // 409: the session already exists; openvidu-node-client then answers its id, and so do the tutorials.
    if (status === 409 && typeof requested === 'string') return requested;
    throw new HttpError(status === 401 ? 502 : status, `OpenVidu deployment answered ${status} creating a session${json.message ? `: ${json.message}` : ''}`);
  }
  try {
    return core.createSession(body).sessionId;
  } catch (error) {
    if (error instanceof HttpError && error.status === 409 && typeof requested === 'string') return requested;
    throw error;
  }
}

async function createToken(core: OpenViduCore, options: AppServerOptions, req: IncomingMessage, sessionId: string, body: unknown): Promise<string> {
  if (options.upstream) {
    const { status, json } = await upstreamFetch(options.upstream, `sessions/${encodeURIComponent(sessionId)}/connection`, body);
    if (status === 200 && typeof json.token === 'string') return json.token;
    throw new HttpError(status === 401 ? 502 : status, `OpenVidu deployment answered ${status} creating a connection${json.message ? `: ${json.message}` : ''}`);
  }
  const session = core.getSession(sessionId);
  const connection = core.createConnection(session, body);
  return options.tokenUrl(req, session.sessionId, connection.token);
}

export async function handleAppServer(core: OpenViduCore, options: AppServerOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  allowCors(req, res);
  if (req.method === 'OPTIONS') return sendEmpty(res, 204);
  const parts = decodePathParts(url.pathname);
  if (!parts) return sendText(res, 400, 'Malformed percent-encoding in the path');
  try {
    if (req.method === 'POST' && parts.length === 2 && parts[1] === 'sessions') {
      return sendText(res, 200, await createSession(core, options, await readJson(req)));
    }
    if (req.method === 'POST' && parts.length === 4 && parts[1] === 'sessions' && parts[3] === 'connections') {
      return sendText(res, 200, await createToken(core, options, req, parts[2], await readJson(req)));
    }
    sendText(res, 404, `No endpoint ${req.method} ${url.pathname}. Use POST /api/sessions and POST /api/sessions/{sessionId}/connections`);
  } catch (error) {
    if (error instanceof HttpError) return sendText(res, error.status, error.message);
    sendText(res, 500, `Internal error: ${(error as Error).message}`);
  }
}
