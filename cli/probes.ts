// Network probes for the doctor, on Node's own modules only (the package's bin runs without devDependencies, and
// Node 20 has no global WebSocket). Each probe has a deadline, and releases its socket whatever happens.
import { createHash, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect, type DetailedPeerCertificate } from 'node:tls';

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** Rejects with a TimeoutError after `ms`, and runs `cleanup` whichever way `work` ends. */
function deadline<T>(ms: number, work: (settle: { resolve: (value: T) => void; reject: (error: unknown) => void }) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let cleanup: () => void = () => {};
    const timer = setTimeout(() => finish(() => reject(new TimeoutError(ms))), ms);
    let done = false;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      cleanup();
      settle();
    };
    cleanup = work({
      resolve: (value) => finish(() => resolve(value)),
      reject: (error) => finish(() => reject(error instanceof Error ? error : new Error(String(error)))),
    });
    if (done) cleanup(); // settled before `cleanup` was known
  });
}

/** Every address a host name resolves to (an IP address resolves to itself). */
export async function resolveHost(hostname: string, timeoutMs: number): Promise<string[]> {
  if (isIP(hostname)) return [hostname];
  return deadline<string[]>(timeoutMs, ({ resolve, reject }) => {
    lookup(hostname, { all: true }).then((list) => resolve([...new Set(list.map((entry) => entry.address))]), reject);
    return () => {};
  });
}

/** Opens and closes a TCP connection; resolves with the address that answered and how long it took. */
export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<{ address: string; ms: number }> {
  const started = performance.now();
  return deadline(timeoutMs, ({ resolve, reject }) => {
    const socket = netConnect({ host, port });
    socket.once('connect', () => resolve({ address: socket.remoteAddress ?? host, ms: Math.round(performance.now() - started) }));
    socket.once('error', reject);
    return () => socket.destroy();
  });
}

export interface TlsResult {
  /** Verified against this machine's trusted authorities (and NODE_EXTRA_CA_CERTS). */
  authorized: boolean;
  /** OpenSSL's reason when not authorized, e.g. DEPTH_ZERO_SELF_SIGNED_CERT. */
  authorizationError?: string;
  /** The server's certificate, linked to its issuers as far as Node could build the chain. */
  certificate: DetailedPeerCertificate;
  /** Subjects of that chain, the server's certificate first. */
  chain: string[];
  protocol: string | null;
}

/** A TLS handshake that accepts any certificate, so that the certificate can be examined and named. */
export function tlsHandshake(host: string, port: number, timeoutMs: number): Promise<TlsResult> {
  return deadline(timeoutMs, ({ resolve, reject }) => {
    const socket = tlsConnect({ host, port, servername: isIP(host) ? undefined : host, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate(true);
      // Node gives OpenSSL's code here (typed as an Error).
      const reason: unknown = socket.authorizationError;
      resolve({
        authorized: socket.authorized,
        authorizationError: typeof reason === 'string' ? reason : (reason as { code?: string } | null)?.code,
        certificate,
        chain: chainSubjects(certificate),
        protocol: socket.getProtocol(),
      });
    });
    socket.once('error', reject);
    return () => socket.destroy();
  });
}

/** The readable name in a certificate's subject or issuer: its common name, else its organization. */
export function nameOf(dn: DetailedPeerCertificate['subject'] | undefined): string | undefined {
  const value = dn?.CN ?? dn?.O;
  return Array.isArray(value) ? value.join(', ') : value;
}

function chainSubjects(certificate: DetailedPeerCertificate): string[] {
  const subjects: string[] = [];
  const seen = new Set<string>();
  // A self-signed certificate is its own issuer: stop where the chain loops.
  for (let current: DetailedPeerCertificate | undefined = certificate; current?.raw && !seen.has(current.fingerprint256); current = current.issuerCertificate) {
    seen.add(current.fingerprint256);
    subjects.push(nameOf(current.subject) ?? '(no name)');
  }
  return subjects;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/**
 * One HTTP(S) request that accepts any certificate (the certificate is judged on its own step, and the rest is
 * still worth checking), with a deadline. Bodies are read up to 1 MB.
 */
export function fetchInsecure(url: URL, options: HttpOptions): Promise<HttpAnswer> {
  return deadline(options.timeoutMs, ({ resolve, reject }) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: options.method ?? 'GET', headers: options.headers, rejectUnauthorized: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 1024 * 1024) chunks.push(chunk);
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(options.body);
    return () => req.destroy();
  });
}

export type UpgradeResult =
  | { upgraded: true; pong: boolean; answer?: string }
  | { upgraded: false; status: number; headers: IncomingHttpHeaders; body: string };

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * Opens a WebSocket by hand (RFC 6455) on `url`, then sends one JSON-RPC `ping` as openvidu-browser does first and
 * waits for its answer: an upgrade that works but leads somewhere else than OpenVidu's signaling shows too.
 */
export function webSocketPing(url: URL, timeoutMs: number, origin?: string): Promise<UpgradeResult> {
  return deadline(timeoutMs, ({ resolve, reject }) => {
    const key = randomBytes(16).toString('base64');
    const send = url.protocol === 'https:' || url.protocol === 'wss:' ? httpsRequest : httpRequest;
    const target = new URL(url);
    target.protocol = target.protocol === 'wss:' ? 'https:' : target.protocol === 'ws:' ? 'http:' : target.protocol;
    const headers: Record<string, string> = {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Key': key,
      'Sec-WebSocket-Version': '13',
    };
    if (origin) headers.Origin = origin;
    const req = send(target, { headers, rejectUnauthorized: false, agent: false });
    let socket: import('node:net').Socket | undefined;
    req.once('upgrade', (res, upgraded) => {
      socket = upgraded;
      const expected = createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
      if (res.headers['sec-websocket-accept'] !== expected) {
        resolve({ upgraded: false, status: 101, headers: res.headers, body: 'Sec-WebSocket-Accept does not match the key' });
        return;
      }
      let buffer = Buffer.alloc(0);
      upgraded.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        const text = readTextFrame(buffer);
        if (text === undefined) return;
        let pong = false;
        try {
          const message = JSON.parse(text) as { id?: unknown; result?: { value?: unknown } };
          pong = message.id === 0 && message.result?.value === 'pong';
        } catch {
          // not JSON-RPC
        }
        resolve({ upgraded: true, pong, answer: text.slice(0, 200) });
      });
      upgraded.once('error', reject);
      upgraded.write(maskedTextFrame(JSON.stringify({ jsonrpc: '2.0', method: 'ping', params: { interval: 5000 }, id: 0 })));
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => resolve({ upgraded: false, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8').slice(0, 500) }));
    });
    req.once('error', reject);
    req.end();
    return () => {
      req.destroy();
      socket?.destroy();
    };
  });
}

/** A client frame: text, final, masked (RFC 6455 §5.2). */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x81, 0x80 | length]) : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
  return Buffer.concat([header, mask, masked]);
}

/** The payload of the first complete unmasked text frame in `buffer`, or undefined while it is incomplete. */
function readTextFrame(buffer: Buffer): string | undefined {
  if (buffer.length < 2) return undefined;
  let length = buffer[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return undefined;
  return buffer.subarray(offset, offset + length).toString('utf8');
}

/**
 * A STUN Binding request (RFC 5389) over UDP, resent a few times as STUN clients do; resolves with the address the
 * server saw this machine at. A TURN server answers Binding requests on its port, so this tells whether it is
 * reachable at all.
 */
export function stunBinding(host: string, port: number, timeoutMs: number): Promise<{ mappedAddress?: string; ms: number }> {
  const started = performance.now();
  return deadline(timeoutMs, ({ resolve, reject }) => {
    const family = isIP(host) === 6 ? 'udp6' : 'udp4';
    const socket = createSocket(family);
    const transactionId = randomBytes(12);
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), transactionId]);
    const resends: NodeJS.Timeout[] = [];
    socket.on('message', (message) => {
      // A Binding success response (0x0101) for our transaction.
      if (message.length < 20 || message.readUInt16BE(0) !== 0x0101 || !message.subarray(8, 20).equals(transactionId)) return;
      resolve({ mappedAddress: mappedAddress(message), ms: Math.round(performance.now() - started) });
    });
    // A closed UDP port on a reachable host answers with ICMP "port unreachable", which a connected socket reports.
    socket.on('error', reject);
    socket.connect(port, host, () => {
      const sendOnce = (): void => socket.send(request, (error) => error && reject(error));
      sendOnce();
      for (const after of [300, 900, 2100]) if (after < timeoutMs) resends.push(setTimeout(sendOnce, after));
    });
    return () => {
      for (const timer of resends) clearTimeout(timer);
      socket.close();
    };
  });
}

/** XOR-MAPPED-ADDRESS (or the older MAPPED-ADDRESS) of a STUN response, as "ip:port" (IPv4). */
function mappedAddress(message: Buffer): string | undefined {
  let offset = 20;
  while (offset + 4 <= message.length) {
    const type = message.readUInt16BE(offset);
    const length = message.readUInt16BE(offset + 2);
    const value = message.subarray(offset + 4, offset + 4 + length);
    if ((type === 0x0020 || type === 0x0001) && value.length >= 8 && value[1] === 0x01) {
      const xor = type === 0x0020;
      const port = value.readUInt16BE(2) ^ (xor ? 0x2112 : 0);
      const ip = [...value.subarray(4, 8)].map((byte, i) => byte ^ (xor ? [0x21, 0x12, 0xa4, 0x42][i] : 0)).join('.');
      return `${ip}:${port}`;
    }
    offset += 4 + length + ((4 - (length % 4)) % 4);
  }
  return undefined;
}
