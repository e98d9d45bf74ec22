// The tutorial application-server endpoints at /api, locally and against an upstream "real" deployment (a second
// instance of this server), and the static files `npm start` serves.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { joinRaw, rest, SECRET, startServer } from './server-support.mjs';

async function post(url, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('local OpenVidu server: /api tutorial endpoints', () => {
  it('answer the session id and the token as plain text, like openvidu-basic-node', async (t) => {
    const server = await startServer(t);
    const created = await post(`${server.url}/api/sessions`, { customSessionId: 'tutorial' });
    assert.equal(created.status, 200);
    assert.equal(created.text, 'tutorial');
    assert.match(created.headers.get('content-type'), /^text\/plain/);
    assert.equal(created.headers.get('access-control-allow-origin'), '*');
    assert.equal((await post(`${server.url}/api/sessions`, { customSessionId: 'tutorial' })).text, 'tutorial');
    const tokenResponse = await post(`${server.url}/api/sessions/tutorial/connections`, {});
    assert.equal(tokenResponse.status, 200);
    assert.match(tokenResponse.text, new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(server.url).port}\\?sessionId=tutorial&token=tok_`));
    const random = await post(`${server.url}/api/sessions`, {});
    assert.match(random.text, /^ses_/);
  });

  it('the token works for joinRoom; unknown sessions get 404; bad input 400', async (t) => {
    const server = await startServer(t);
    await post(`${server.url}/api/sessions`, { customSessionId: 'use' });
    assert.equal((await post(`${server.url}/api/sessions/nope/connections`, {})).status, 404);
    assert.equal((await post(`${server.url}/api/sessions`, { customSessionId: 'bad id' })).status, 400);
    const bad = await fetch(`${server.url}/api/sessions`, { method: 'POST', body: '{oops' });
    assert.equal(bad.status, 400);
    assert.equal((await fetch(`${server.url}/api/nothing`)).status, 404);
    const { result } = await joinRaw(server, 'use', t);
    assert.equal(result.session, 'use');
  });

  it('answer CORS preflights for any origin', async (t) => {
    const server = await startServer(t);
    const response = await fetch(`${server.url}/api/sessions`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('access-control-allow-methods'), /POST/);
    assert.equal(response.headers.get('access-control-allow-headers'), 'content-type');
  });

  it('with an upstream deployment, create sessions and tokens there', async (t) => {
    const deployment = await startServer(t, { secret: 'UPSTREAM_SECRET' });
    const local = await startServer(t, { upstream: { url: `${deployment.url}/`, secret: 'UPSTREAM_SECRET' } });
    const created = await post(`${local.url}/api/sessions`, { customSessionId: 'remote' });
    assert.equal(created.text, 'remote');
    assert.equal((await post(`${local.url}/api/sessions`, { customSessionId: 'remote' })).text, 'remote');
    const tokenResponse = await post(`${local.url}/api/sessions/remote/connections`, { role: 'MODERATOR' });
    assert.match(tokenResponse.text, new RegExp(`^ws://127\\.0\\.0\\.1:${new URL(deployment.url).port}\\?sessionId=remote&token=tok_`));
    assert.equal((await rest(deployment, 'GET', '/sessions/remote?pendingConnections=true', undefined, 'UPSTREAM_SECRET')).json.connections.content[0].role, 'MODERATOR');
    assert.equal((await rest(local, 'GET', '/sessions/remote', undefined, SECRET)).status, 404);
    assert.equal((await post(`${local.url}/api/sessions/nope/connections`, {})).status, 404);
  });

  it('with a wrong upstream secret or an unreachable upstream, answer 502 with the reason', async (t) => {
    const deployment = await startServer(t, { secret: 'UPSTREAM_SECRET' });
    const wrong = await startServer(t, { upstream: { url: deployment.url, secret: 'WRONG' } });
    const denied = await post(`${wrong.url}/api/sessions`, {});
    assert.equal(denied.status, 502);
    assert.match(denied.text, /401/);
    const gone = await startServer(t, { upstream: { url: 'http://127.0.0.1:9/', secret: 'x' } });
    const unreachable = await post(`${gone.url}/api/sessions`, {});
    assert.equal(unreachable.status, 502);
    assert.match(unreachable.text, /cannot be reached/);
  });
});

describe('local OpenVidu server: static files', () => {
  it('serves mounted directories with content types, index.html, and nothing outside them', async (t) => {
    const root = await mkdtemp(join(tmpdir(), 'ov-static-'));
    t.after(() => rm(root, { recursive: true, force: true }));
    await mkdir(join(root, 'demo'));
    await mkdir(join(root, 'dist'));
    await writeFile(join(root, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
    await writeFile(join(root, 'demo', '.env'), 'SECRET=1');
    await writeFile(join(root, 'dist', 'bundle.js'), 'export {};');
    await writeFile(join(root, 'outside.txt'), 'secret');
    const server = await startServer(t, { static: { '/': join(root, 'demo'), '/dist/': join(root, 'dist') } });
    const index = await fetch(`${server.url}/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type'), /text\/html/);
    assert.match(await index.text(), /<title>demo<\/title>/);
    const bundle = await fetch(`${server.url}/dist/bundle.js`);
    assert.match(bundle.headers.get('content-type'), /javascript/);
    assert.equal(await bundle.text(), 'export {};');
    assert.equal((await fetch(`${server.url}/.env`)).status, 404);
    assert.equal((await fetch(`${server.url}/%2e%2e/outside.txt`)).status, 404);
    assert.equal((await fetch(`${server.url}/dist/..%2f..%2foutside.txt`)).status, 404);
    assert.equal((await fetch(`${server.url}/missing.js`)).status, 404);
    assert.equal((await fetch(`${server.url}/`, { method: 'DELETE' })).status, 404);
  });
});
