/**
 * How a room gets its OpenVidu tokens: from the application server's endpoint (two conventions), from an app's
 * own function, or a literal token. OpenVidu tokens are single-use, so every join asks afresh; screen sharing
 * needs a second connection, so every source can produce a second token.
 */
import { OvError, describeError } from './errors.js';

export const TOKEN_CONVENTIONS = ['tutorial', 'single-request'] as const;
/**
 * - `tutorial`: OpenVidu's tutorial application servers (openvidu-basic-node, -java, -python …):
 *   `POST {url}/sessions` then `POST {url}/sessions/{id}/connections`.
 * - `single-request`: `POST {url}` with `{sessionId, participantName, kind}` answering `{token}` or
 *   `{camera, screen}`.
 */
export type TokenConvention = (typeof TOKEN_CONVENTIONS)[number];

export const TOKEN_KINDS = ['camera', 'screen'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface TokenRequest {
  readonly sessionId: string;
  readonly participantName: string;
  /** Which connection the token is for: the camera, or the second connection that shares the screen. */
  readonly kind: TokenKind;
}

/** A token, or both tokens at once. */
export type TokenAnswer = string | { readonly camera: string; readonly screen?: string };
/** `signal` aborts when the room no longer needs the token (it left, its inputs changed, it timed out). */
export type TokenProvider = (request: TokenRequest, options: { readonly signal?: AbortSignal }) => Promise<TokenAnswer>;

/** The parts of `RequestInit` an app may set for the token endpoint (auth headers, cookies). */
export type TokenRequestInit = Pick<RequestInit, 'headers' | 'credentials' | 'mode' | 'cache' | 'referrerPolicy'>;

export interface TokenSourceOptions {
  readonly token?: string;
  readonly tokenProvider?: TokenProvider;
  readonly tokenUrl?: string;
  readonly convention?: TokenConvention;
  readonly requestInit?: TokenRequestInit;
}

/**
 * Obtains tokens, keeping a screen token that came along with a camera token for its one use, and using a
 * literal token once only (a second join with it would be refused).
 */
export class TokenSource {
  private spareScreenToken?: { readonly sessionId: string; readonly token: string };
  private literalTokenUsed = false;

  constructor(private options: TokenSourceOptions) {}

  /** Takes new options; a new literal token may be used once again, a new endpoint drops the spare token. */
  update(options: TokenSourceOptions): void {
    if (options.token !== this.options.token) this.literalTokenUsed = false;
    if (options.tokenUrl !== this.options.tokenUrl || options.convention !== this.options.convention) this.spareScreenToken = undefined;
    this.options = options;
  }

  /** Throws an OvError when the options cannot produce a token at all. */
  static check(options: TokenSourceOptions, sessionId: string | undefined): void {
    if (!options.token && !options.tokenProvider && !options.tokenUrl) throw new OvError('NO_TOKEN_SOURCE');
    if (!options.token && !sessionId) throw new OvError('NO_SESSION_ID');
  }

  async get(request: TokenRequest, signal?: AbortSignal): Promise<string> {
    const spare = this.spareScreenToken;
    if (request.kind === 'screen' && spare?.sessionId === request.sessionId) {
      this.spareScreenToken = undefined;
      return spare.token;
    }
    const { token, tokenProvider, tokenUrl, convention = 'tutorial', requestInit } = this.options;
    let answer: TokenAnswer;
    if (token && request.kind === 'camera' && !this.literalTokenUsed) {
      this.literalTokenUsed = true;
      answer = token;
    } else if (tokenProvider) {
      try {
        answer = await tokenProvider(request, { signal });
      } catch (error) {
        signal?.throwIfAborted();
        throw new OvError('TOKEN_PROVIDER_FAILED', { reason: describeError(error) }, { cause: error });
      }
    } else if (tokenUrl) {
      answer =
        convention === 'single-request'
          ? await singleRequest(tokenUrl, request, requestInit, signal)
          : await tutorialRequests(tokenUrl, request, requestInit, signal);
    } else {
      throw new OvError(token ? 'TOKEN_ALREADY_USED' : 'NO_TOKEN_SOURCE');
    }
    signal?.throwIfAborted();
    const tokens = typeof answer === 'string' ? { camera: answer } : answer;
    const chosen = request.kind === 'screen' ? (tokens.screen ?? tokens.camera) : tokens.camera;
    if (request.kind === 'camera' && tokens.screen) this.spareScreenToken = { sessionId: request.sessionId, token: validateToken(tokens.screen) };
    return validateToken(chosen);
  }
}

/** Checks that a token is an OpenVidu 2 token (a ws:// or wss:// URL) and says clearly what it is if not. */
export function validateToken(token: unknown): string {
  const text = typeof token === 'string' ? token.trim() : '';
  if (/^wss?:\/\/[^\s]+$/i.test(text)) {
    try {
      new URL(text);
      return text;
    } catch {
      // falls through to the error below
    }
  }
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text)) throw new OvError('TOKEN_IS_OPENVIDU_3');
  throw new OvError('TOKEN_NOT_OPENVIDU', { token: abbreviate(typeof token === 'string' ? token : describeError(token ?? '')) });
}

async function tutorialRequests(
  baseUrl: string,
  request: TokenRequest,
  init: TokenRequestInit | undefined,
  signal?: AbortSignal,
): Promise<TokenAnswer> {
  const base = baseUrl.replace(/\/+$/, '');
  const sessionAnswer = await postJson(`${base}/sessions`, { customSessionId: request.sessionId }, init, signal);
  const sessionId = pickString(sessionAnswer.value, ['sessionId', 'id', 'customSessionId']);
  if (!sessionId) throw noToken(sessionAnswer);
  const connectionAnswer = await postJson(`${base}/sessions/${encodeURIComponent(sessionId)}/connections`, {}, init, signal);
  return tokensFrom(connectionAnswer);
}

async function singleRequest(
  url: string,
  request: TokenRequest,
  init: TokenRequestInit | undefined,
  signal?: AbortSignal,
): Promise<TokenAnswer> {
  return tokensFrom(await postJson(url, { ...request }, init, signal));
}

interface Answer {
  readonly url: string;
  readonly text: string;
  readonly value: unknown;
}

async function postJson(url: string, body: unknown, init: TokenRequestInit | undefined, signal?: AbortSignal): Promise<Answer> {
  const absolute = new URL(url, globalThis.location?.href).href;
  const origin = globalThis.location?.origin ?? '';
  if (globalThis.location?.protocol === 'https:' && absolute.startsWith('http:') && !isLoopback(absolute)) {
    throw new OvError('TOKEN_ENDPOINT_BLOCKED_MIXED_CONTENT', { url: absolute });
  }
  const headers = new Headers(init?.headers);
  if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await fetch(absolute, { ...init, method: 'POST', headers, body: JSON.stringify(body), signal });
  } catch (error) {
    signal?.throwIfAborted();
    throw new OvError('TOKEN_ENDPOINT_UNREACHABLE', { url: absolute, origin }, { cause: error });
  }
  const text = await response.text();
  signal?.throwIfAborted();
  if (!response.ok) {
    throw new OvError('TOKEN_ENDPOINT_HTTP_ERROR', {
      url: absolute,
      status: response.status,
      serverMessage: serverMessage(text) || response.statusText || 'no message',
    });
  }
  return { url: absolute, text, value: parseAnswer(text) };
}

/** Answers may be plain text (the tutorial servers) or JSON (a string or an object). */
function parseAnswer(text: string): unknown {
  const trimmed = text.trim();
  if (/^["{[]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}

function tokensFrom(answer: Answer): TokenAnswer {
  const { value } = answer;
  // openvidu-call's backend answers {cameraToken, screenToken}; OpenVidu's Connection JSON has {token}.
  const camera = pickString(value, ['token', 'camera', 'cameraToken', 'webcam']);
  if (!camera) throw noToken(answer);
  const screen = pickString(value, ['screen', 'screenToken']);
  return screen && typeof value === 'object' ? { camera, screen } : camera;
}

function pickString(value: unknown, fields: readonly string[]): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object') {
    for (const field of fields) {
      const candidate = (value as Record<string, unknown>)[field];
      if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
    }
  }
  return undefined;
}

function noToken(answer: Answer): OvError {
  return new OvError('TOKEN_ANSWER_WITHOUT_TOKEN', { url: answer.url, answer: abbreviate(answer.text) || '(empty)' });
}

/** The useful part of an error body: a JSON message field, or text without HTML tags. */
function serverMessage(text: string): string {
  const value = parseAnswer(text);
  const fromJson = typeof value === 'object' ? pickString(value, ['message', 'error', 'detail', 'title']) : undefined;
  if (fromJson) return abbreviate(fromJson);
  return abbreviate(text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '));
}

function abbreviate(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}
