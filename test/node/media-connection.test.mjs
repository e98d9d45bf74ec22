// MEDIA_CONNECTION_FAILED through a real cause: in a running call the media path between Ana's browser and the
// local server goes dark (testControl `block-media`: no ICE check answered, no RTP, RTCP or DTLS either way, on her
// peer connections now and on those openvidu-browser renegotiates after), as when a firewall closes the media
// ports mid-call. Chromium then reports iceConnectionState 'disconnected' (never 'failed') and connectionState
// 'failed'; openvidu-browser renegotiates in vain; Ana reads the notice and the app receives the ov-error. When
// the path opens again, openvidu-browser's next renegotiation brings her media back to Ben and the notice goes.
// Its own file: the failure takes about 25 s of Chromium's timers, and files run in parallel.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, ensureChrome } from '../../scripts/chrome.mjs';
import { startLocalOpenVidu } from '../../build/server/index.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
/** Chromium's own timers decide: disconnected after ~6 s, a renegotiation 4 s later, which fails ~16 s after that. */
const FAILURE_TIMEOUT = 60000;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>media connection</title>
<script type="module" src="/dist/openvidu-elements.bundle.js"></script></head>
<body><script type="module">
  const query = new URLSearchParams(location.search);
  window.reported = [];
  const room = document.createElement('ov-room');
  room.setAttribute('token-url', '/api');
  room.setAttribute('session-id', query.get('session'));
  room.setAttribute('participant-name', query.get('name'));
  room.setAttribute('no-prejoin', '');
  room.addEventListener('ov-error', (event) => window.reported.push(event.detail));
  document.body.append(room);
</script></body></html>`;

let dir;
let server;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'media-connection-'));
  await writeFile(join(dir, 'index.html'), PAGE);
  server = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, secret: 'MEDIA', quiet: true, static: { '/': dir, '/dist/': DIST } });
});

after(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function connections(session) {
  const state = await server.testControl({ action: 'state' });
  return state.sessions.find((s) => s.sessionId === session)?.connections.filter((c) => c.status === 'active') ?? [];
}

/** Polls the server's state until `found` returns something. */
async function serverState(session, found, timeout = 20000) {
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const result = await found(await connections(session));
    if (result) return result;
  }
  throw new Error(`the server never had what was waited for in ${session}`);
}

describe('the media path goes dark in a running call', { timeout: 150000 }, () => {
  it("MEDIA_CONNECTION_FAILED: Ana reads that her media connection failed; her video reaches Ben again when the path opens", async (t) => {
    const browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
    t.after(() => browser.close());
    const session = 'media-dark';
    const open = async (name) => {
      const page = await browser.newPage();
      await page.goto(`${server.url}/?${new URLSearchParams({ session, name })}`);
      return page;
    };
    const ana = await open('Ana');
    const ben = await open('Ben');
    // Both publish and each receives the other.
    const [anaId, benId] = await serverState(session, (list) => {
      const byName = (name) => list.find((c) => c.clientData.includes(name));
      const a = byName('Ana');
      const b = byName('Ben');
      return a?.stream && b?.stream && a.subscriptions.includes(b.connectionId) && b.subscriptions.includes(a.connectionId) ? [a.connectionId, b.connectionId] : undefined;
    });
    const fromAna = async () => (await connections(session)).find((c) => c.connectionId === benId)?.received[anaId]?.packets.video ?? 0;
    const flowing = await fromAna();
    await serverState(session, async () => (await fromAna()) > flowing);

    await server.testControl({ action: 'block-media', connectionId: anaId });
    const started = Date.now();
    await ana.waitForFunction(() => window.reported.some((e) => e.code === 'MEDIA_CONNECTION_FAILED'), { timeout: FAILURE_TIMEOUT, polling: 250 });
    const failedAfter = Date.now() - started;
    const error = await ana.evaluate(() => window.reported.find((e) => e.code === 'MEDIA_CONNECTION_FAILED'));
    assert.equal(error.fatal, false);
    assert.match(error.message, /^The media connection for (Ana|Ben) failed\.$/);
    assert.match(error.remedy, /media ports/);
    const selector = '[part="notice"][data-code="MEDIA_CONNECTION_FAILED"]';
    await ana.waitForFunction((s) => document.querySelector('ov-room').shadowRoot.querySelector(s), { timeout: 5000, polling: 100 }, selector);
    // Her own stream and her view of Ben fail alike; the notice names the last one reported.
    const text = await ana.evaluate((s) => document.querySelector('ov-room').shadowRoot.querySelector(s).innerText, selector);
    const reported = await ana.evaluate(() => window.reported.filter((e) => e.code === 'MEDIA_CONNECTION_FAILED'));
    assert.ok(reported.some((e) => text.includes(e.message) && text.includes(e.remedy)), `${text}\n${JSON.stringify(reported)}`);
    // Still in the call: nothing the signaling saw went wrong.
    assert.equal(await ana.evaluate(() => document.querySelector('ov-room').state.status), 'joined');
    t.diagnostic(`MEDIA_CONNECTION_FAILED ${(failedAfter / 1000).toFixed(1)} s after the media path went dark`);

    // The path opens again: openvidu-browser's next renegotiation carries Ana's video to Ben again.
    await server.testControl({ action: 'block-media', connectionId: anaId, mode: 'allow' });
    const reopened = Date.now();
    const before = await fromAna();
    await serverState(session, async () => (await fromAna()) > before + 30, 60000);
    t.diagnostic(`Ana's video reached Ben again ${((Date.now() - reopened) / 1000).toFixed(1)} s after the path opened`);
    // Connected again: the notice goes by itself, and the failure was told once per stream, not at every retry.
    await ana.waitForFunction((s) => !document.querySelector('ov-room').shadowRoot.querySelector(s), { timeout: 30000, polling: 250 }, selector);
    const told = await ana.evaluate(() => window.reported.filter((e) => e.code === 'MEDIA_CONNECTION_FAILED').length);
    assert.ok(told <= 2, `MEDIA_CONNECTION_FAILED told ${told} times for two streams`);
  });
});
