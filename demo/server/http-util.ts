// Small HTTP helpers shared by the REST API, the app-server endpoints and the static files.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './core.js';

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a request body as JSON; an empty body is `{}`. Bad JSON or a huge body is a 400/413 HttpError. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

/** CORS open to any origin, as the OpenVidu tutorial application servers do. */
export function allowCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'Content-Type, Authorization');
  res.setHeader('Access-Control-Max-Age', '600');
}

/** The origin clients reach this server at, from the request (Host; TLS or X-Forwarded-Proto) or a fixed public URL. */
export function requestOrigin(req: IncomingMessage, fallback: string): URL {
  const host = req.headers.host;
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const proto = encrypted || req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  if (typeof host === 'string' && /^[a-zA-Z0-9.\-]+(:\d{1,5})?$|^\[[0-9a-fA-F:.]+\](:\d{1,5})?$/.test(host)) {
    return new URL(`${proto}://${host}`);
  }
  return new URL(fallback);
}

/** The decoded segments of a URL path, or undefined when a `%` escape is malformed. */
export function decodePathParts(path: string): string[] | undefined {
  try {
    return path.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
}

const isLoopbackName = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/**
 * For a server that listens on loopback only: whether a request comes from elsewhere than a page on this
 * machine. A website the developer happens to visit must not mint tokens or watch the camera through it, even
 * by DNS rebinding (a foreign Host header).
 */
export function isForeignRequest(req: IncomingMessage, extraHostname?: string): boolean {
  const allowed = (hostname: string) => isLoopbackName(hostname) || hostname === extraHostname;
  const hostHeader = req.headers.host;
  if (hostHeader) {
    try {
      if (!allowed(new URL(`http://${hostHeader}`).hostname)) return true;
    } catch {
      return true;
    }
  }
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    try {
      return !allowed(new URL(origin).hostname);
    } catch {
      return true;
    }
  }
  return false;
}
