// On loopback, the local server answers pages of this machine only: a website the developer visits must not
// mint tokens or open the signaling socket through it (nor by DNS rebinding, with a foreign Host header).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import WebSocket from 'ws';
import { startServer } from './server-support.mjs';

function post(server, path, headers) {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ customSessionId: 'origin' }));
  });
}

function openSocket(server, headers) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/openvidu?sessionId=origin`, { headers });
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      ws.terminate();
      resolve(res.statusCode);
    });
    ws.once('error', () => resolve('error'));
  });
}

describe('local OpenVidu server: only pages on this machine', () => {
  it('serves /api to loopback pages, any port (a Vite dev server on localhost:5173 included)', async (t) => {
    const server = await startServer(t);
    assert.equal((await post(server, '/api/sessions', { Origin: 'http://localhost:5173' })).status, 200);
    assert.equal((await post(server, '/api/sessions', { Origin: 'http://127.0.0.1:8080' })).status, 200);
    assert.equal((await post(server, '/api/sessions', {})).status, 200); // no Origin: curl, an app server
  });

  it('refuses a foreign website and a foreign Host (DNS rebinding) with 403', async (t) => {
    const server = await startServer(t);
    const fromWebsite = await post(server, '/api/sessions', { Origin: 'https://evil.example' });
    assert.equal(fromWebsite.status, 403);
    assert.match(fromWebsite.body, /only answers pages on this machine/);
    assert.equal((await post(server, '/api/sessions', { Host: 'rebind.evil.example:4443' })).status, 403);
  });

  it('refuses the signaling WebSocket to a foreign website', async (t) => {
    const server = await startServer(t);
    assert.equal(await openSocket(server, { Origin: 'http://localhost:3000' }), 'open');
    assert.equal(await openSocket(server, { Origin: 'https://evil.example' }), 403);
  });

  it('answers 400 to a malformed %-escape instead of failing', async (t) => {
    const server = await startServer(t);
    assert.equal((await post(server, '/api/sessions/%E0%A4%A/connections', {})).status, 400);
  });
});
