// examples/nextjs, a Next.js App Router app, built with `next build` and served by `next start` on loopback: the
// server-rendered HTML carries the <ov-room> tag (the package was imported on the server), and in Chromium the page
// hydrates into a room that joins the local server and plays a bot's video. Needs `npm run build` (dist/, build/).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startLocalOpenVidu } from '../../build/server/index.js';
import { CHROME_FLAGS, ensureChrome } from '../../scripts/chrome.mjs';

const EXAMPLE = new URL('../../examples/nextjs/', import.meta.url).pathname;
const NEXT_BIN = createRequire(`${EXAMPLE}package.json`).resolve('next/dist/bin/next');
const SECRET = 'nextjs-example-secret';
const SESSION = `nextjs-${Date.now().toString(36)}`;
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

/** Runs `next <args>` in the example; resolves with its output once `ready(output)` is true, rejects if it exits first. */
function next(args, env, ready) {
  const child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: EXAMPLE, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const settled = new Promise((resolve, reject) => {
    const check = () => ready && ready(output) && resolve(output);
    child.stdout.on('data', (data) => ((output += data), check()));
    child.stderr.on('data', (data) => (output += data));
    child.on('exit', (code) => (code === 0 && !ready ? resolve(output) : reject(new Error(`next ${args[0]} exited with ${code}:\n${output}`))));
  });
  return { child, settled };
}

describe('examples/nextjs: a server-rendered page that hydrates into a room', () => {
  let openvidu;
  let server;
  let url;
  let browser;
  let bot;

  before(async () => {
    await next(['build'], {}).settled;
    openvidu = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, secret: SECRET, quiet: true });
    [bot] = openvidu.bots.add(SESSION, 1);
    server = next(['start', '-H', '127.0.0.1', '-p', '0'], { OPENVIDU_URL: openvidu.url, OPENVIDU_SECRET: SECRET }, (out) => /https?:\/\/127\.0\.0\.1:\d+/.test(out));
    url = (await server.settled).match(/https?:\/\/127\.0\.0\.1:\d+/)[0];
    browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
  }, { timeout: 240_000 });

  after(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await once(server.child, 'exit');
    }
    await openvidu?.close();
  });

  it('the server sends the page with the <ov-room> tag and its attributes', async () => {
    const html = await (await fetch(`${url}/?session=${SESSION}`)).text();
    assert.match(html, new RegExp(`<ov-room[^>]* session-id="${SESSION}"`));
    assert.match(html, /<ov-room[^>]* no-prejoin=""/);
    // Rendered with the package imported on the server, and a status the browser will change.
    assert.match(html, /knows <!-- -->\d+<!-- --> error codes/);
    assert.match(html, /Joining…/);
  });

  it('in Chromium the room joins, plays the bot\'s video and the page\'s handlers run', async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    // Every ov-error, from before hydration on: a room upgraded before React set its tokenProvider must not fail.
    await page.evaluateOnNewDocument(() => {
      window.ovErrors = [];
      document.addEventListener('ov-error', (event) => window.ovErrors.push(event.detail.code), true);
    });
    await page.goto(`${url}/?session=${SESSION}&name=Ana`);
    // What the app's ov-joined and ov-participant-joined handlers wrote.
    const status = () => page.evaluate(() => ({ app: document.querySelector('[data-testid="app-status"]')?.textContent, room: document.querySelector('ov-room')?.state?.status, errors: window.ovErrors }));
    await page
      .waitForFunction((name) => document.querySelector('[data-testid="app-status"]')?.textContent === `Joined. Others: ${name}`, { timeout: 30_000 }, bot.name)
      .catch(async (error) => assert.fail(`${error.message}; the page shows ${JSON.stringify(await status())}, page errors ${JSON.stringify(errors)}`));
    // The bot's tile plays: a remote <ov-video> with frames, inside the room's and the layout's shadow roots.
    await page.waitForFunction(
      () => {
        const tiles = (root) => [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [...(el.localName === 'ov-video' ? [el] : []), ...tiles(el.shadowRoot)] : []));
        const room = document.querySelector('ov-room');
        const remote = tiles(room.shadowRoot).find((tile) => tile.shownParticipant && !tile.shownParticipant.isLocal);
        const video = remote?.shadowRoot?.querySelector('video');
        return !!video && video.videoWidth > 0 && !video.paused && video.currentTime > 0;
      },
      { timeout: 30_000 },
    );
    const names = await page.evaluate(() => document.querySelector('ov-room').state.participants.map((p) => p.name));
    assert.deepEqual(names.sort(), ['Ana', bot.name].sort());
    assert.deepEqual(await page.evaluate(() => window.ovErrors), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
