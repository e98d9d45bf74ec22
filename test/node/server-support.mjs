// Helpers for the node tests of the local OpenVidu server (demo/server, built to build/server): start a server on
// a free loopback port, speak its JSON-RPC over a raw WebSocket, and make real SDP offers with werift.
import { once } from 'node:events';
import WebSocket from 'ws';
import { MediaStreamTrack, RTCPeerConnection } from 'werift';
import { startLocalOpenVidu } from '../../build/server/index.js';

export const SECRET = 'NODE_TEST_SECRET';

/** Starts a quiet server on a free port; `t.after` stops it. */
export async function startServer(t, options = {}) {
  const server = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, secret: SECRET, quiet: true, static: false, ...options });
  t.after(() => server.close());
  return server;
}

export async function rest(server, method, path, body, secret = SECRET) {
  const response = await fetch(`${server.url}/openvidu/api${path}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from(`OPENVIDUAPP:${secret}`).toString('base64')}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

/** A session (custom id) and one token for it, through the REST API. */
export async function token(server, sessionId, props = {}) {
  const created = await rest(server, 'POST', '/sessions', { customSessionId: sessionId });
  if (created.status !== 200 && created.status !== 409) throw new Error(`POST /sessions → ${created.status}`);
  const connection = await rest(server, 'POST', `/sessions/${sessionId}/connection`, props);
  if (connection.status !== 200) throw new Error(`POST /connection → ${connection.status}`);
  return connection.json;
}

/** A raw JSON-RPC client as openvidu-browser's transport behaves: ids from 0, responses matched by id. */
export class RpcClient {
  static async open(server, sessionId = 'x', t) {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/openvidu?sessionId=${encodeURIComponent(sessionId)}`);
    await once(ws, 'open');
    const client = new RpcClient(ws);
    t?.after(() => client.close());
    return client;
  }

  constructor(ws) {
    this.ws = ws;
    this.nextId = 0;
    this.pending = new Map();
    this.notifications = [];
    this.waiters = [];
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => {});
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.id !== undefined && message.id !== null && this.pending.has(message.id)) {
        this.pending.get(message.id)(message);
        this.pending.delete(message.id);
      } else if (message.method) {
        this.notifications.push(message);
        for (const waiter of [...this.waiters]) waiter();
      } else {
        this.notifications.push(message); // errors without id (parse errors)
        for (const waiter of [...this.waiters]) waiter();
      }
    });
  }

  /** Sends a request and resolves with the whole response message ({result} or {error}). */
  request(method, params) {
    const id = this.nextId++;
    const message = { jsonrpc: '2.0', method, id };
    if (params !== undefined) message.params = params;
    return this.sendRaw(JSON.stringify(message), id);
  }

  sendRaw(text, id) {
    return new Promise((resolve) => {
      if (id !== undefined) this.pending.set(id, resolve);
      this.ws.send(text);
      if (id === undefined) resolve(undefined);
    });
  }

  /** Resolves with the first message (notification, or error without id) matching `predicate`. */
  next(predicate) {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.notifications.find(predicate);
        if (!found) return false;
        this.notifications.splice(this.notifications.indexOf(found), 1);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(found);
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }

  notification(method) {
    return this.next((m) => m.method === method);
  }

  close() {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    return this.closed;
  }
}

/** Joins with a fresh token; resolves with {client, result, connectionId}. */
export async function joinRaw(server, sessionId, t, { role = 'PUBLISHER', metadata = '' } = {}) {
  const { token: tok, connectionId } = await token(server, sessionId, { role });
  const client = await RpcClient.open(server, sessionId, t);
  await client.request('ping', { interval: 5000 });
  const response = await client.request('joinRoom', {
    token: tok,
    session: sessionId,
    platform: 'node test',
    sdkVersion: '2.32.2',
    metadata,
    secret: '',
    recorder: false,
    stt: false,
  });
  if (!response.result) throw new Error(`joinRoom failed: ${JSON.stringify(response.error)}`);
  return { client, result: response.result, connectionId };
}

/** A real SDP offer (send-only or send-receive VP8 + Opus, or receive-only), made by werift; `t.after` closes the peer connection. */
export async function makeOffer(t, direction = 'sendonly') {
  const pc = new RTCPeerConnection({ iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: '127.0.0.1' }, iceAdditionalHostAddresses: ['127.0.0.1'] });
  t.after(() => pc.close());
  if (direction === 'sendonly' || direction === 'sendrecv') {
    pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction });
    pc.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction });
  } else {
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.addTransceiver('video', { direction: 'recvonly' });
  }
  await pc.setLocalDescription(await pc.createOffer());
  return { pc, sdp: pc.localDescription.sdp };
}

/** Polls `predicate` until it holds; fails after `timeoutMs`, so a regression fails instead of hanging. */
export async function until(predicate, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
