// JSON-RPC 2.0 framing in Kurento's dialect (OPENVIDU.md §3.2): results carry the RPC session id, non-object
// results are wrapped as {value}, errors carry OpenVidu's numeric codes.

/** Error codes of openvidu-server (OpenViduException.Code) and of Kurento's transport, plus JSON-RPC's own. */
export const Code = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  USER_NOT_STREAMING: 105,
  USER_NOT_FOUND: 102,
  ROOM_NOT_FOUND: 202,
  ROOM_CLOSED: 203,
  MEDIA_SDP_ERROR: 302,
  USER_UNAUTHORIZED: 401,
  USER_METADATA_FORMAT_INVALID: 500,
  SIGNAL_FORMAT_INVALID: 600,
  SIGNAL_TO_INVALID: 601,
  TRANSPORT_ERROR: 803,
  GENERIC: 999,
  RECONNECTION_ERROR: 40007,
} as const;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export type RequestId = number | string;

export interface Request {
  id: RequestId;
  method: string;
  params: Record<string, unknown>;
}

export type Parsed =
  | { kind: 'request'; request: Request }
  | { kind: 'notification'; method: string }
  | { kind: 'response' }
  | { kind: 'invalid'; id: RequestId | null; error: RpcError };

/** Parses one WebSocket text frame. Never throws. */
export function parseMessage(text: string): Parsed {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: 'invalid', id: null, error: new RpcError(Code.PARSE_ERROR, 'Parse error: the message is not JSON') };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { kind: 'invalid', id: null, error: new RpcError(Code.INVALID_REQUEST, 'Invalid request: not a JSON-RPC object') };
  }
  const m = message as Record<string, unknown>;
  const id = typeof m.id === 'number' || typeof m.id === 'string' ? m.id : null;
  if ('result' in m || 'error' in m) return { kind: 'response' };
  if (typeof m.method !== 'string' || m.method === '') {
    return { kind: 'invalid', id, error: new RpcError(Code.INVALID_REQUEST, 'Invalid request: "method" must be a string') };
  }
  if (m.params !== undefined && m.params !== null && (typeof m.params !== 'object' || Array.isArray(m.params))) {
    return { kind: 'invalid', id, error: new RpcError(Code.INVALID_PARAMS, 'Invalid params: "params" must be an object') };
  }
  if (id === null) return { kind: 'notification', method: m.method };
  return { kind: 'request', request: { id, method: m.method, params: (m.params ?? {}) as Record<string, unknown> } };
}

export function resultFrame(id: RequestId, result: unknown, rpcSessionId: string | undefined): string {
  const body =
    typeof result === 'object' && result !== null && !Array.isArray(result) ? { ...result } : { value: result ?? null };
  if (rpcSessionId) (body as Record<string, unknown>).sessionId = rpcSessionId;
  return JSON.stringify({ jsonrpc: '2.0', id, result: body });
}

export function errorFrame(id: RequestId | null, error: RpcError): string {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.data !== undefined) body.data = error.data;
  return JSON.stringify({ jsonrpc: '2.0', id, error: body });
}

export function notificationFrame(method: string, params: unknown): string {
  return JSON.stringify({ jsonrpc: '2.0', method, params });
}

// Typed access to request params: a wrong type is an OpenVidu-style error, never a crash.
export function str(params: Record<string, unknown>, key: string): string {
  const value = params[key];
  if (typeof value !== 'string') throw new RpcError(Code.INVALID_PARAMS, `Param "${key}" is missing or not a string`);
  return value;
}

export function optStr(params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new RpcError(Code.INVALID_PARAMS, `Param "${key}" is not a string`);
  return value;
}

export function optBool(params: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = params[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new RpcError(Code.INVALID_PARAMS, `Param "${key}" is not a boolean`);
  return value;
}

export function optNum(params: Record<string, unknown>, key: string, fallback: number): number {
  const value = params[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RpcError(Code.INVALID_PARAMS, `Param "${key}" is not a number`);
  return value;
}
