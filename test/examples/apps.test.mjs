// The framework examples, as built by scripts/examples.mjs, served by the local server (which also answers their
// /api token requests) and driven in one Chromium: each joins a session that a bot is in, shows the bot's video in
// the app's own layout, and shows what its ov-joined, ov-participant-joined and ov-error handlers heard.
// Needs `npm run build` and `node scripts/examples.mjs` (npm test runs both first).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startLocalOpenVidu } from '../../build/server/index.js';
import { CHROME_FLAGS, ensureChrome } from '../../scripts/chrome.mjs';
import { EXAMPLES, exampleDist } from '../../scripts/examples.mjs';

describe('framework examples in Chromium against the local server', () => {
  let openvidu;
  let browser;

  before(async () => {
    const missing = EXAMPLES.filter((name) => !existsSync(`${exampleDist(name)}index.html`));
    assert.deepEqual(missing, [], 'build the examples first: node scripts/examples.mjs');
    const mounts = Object.fromEntries(EXAMPLES.map((name) => [`/examples/${name}/`, exampleDist(name)]));
    openvidu = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, quiet: true, static: mounts });
    browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
  });

  after(async () => {
    await browser?.close();
    await openvidu?.close();
  });

  /** Opens the example with these query parameters; collects page errors. */
  async function open(name, query) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Resource errors by address (the console names none); the browser's own favicon request is no app's.
    page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()));
    page.on('response', (response) => response.status() >= 400 && !response.url().endsWith('/favicon.ico') && errors.push(`${response.status()} ${response.url()}`));
    await page.goto(`${openvidu.url}/examples/${name}/?${new URLSearchParams(query)}`);
    const log = () => page.$$eval('[data-testid="log"] li', (items) => items.map((li) => li.textContent));
    const waitForLine = (line) =>
      page
        .waitForFunction((text) => [...document.querySelectorAll('[data-testid="log"] li')].some((li) => li.textContent.startsWith(text)), { timeout: 30_000 }, line)
        .catch(async (error) => assert.fail(`${name}: ${error.message} waiting for a line starting "${line}"; the log shows ${JSON.stringify(await log())}, page errors ${JSON.stringify(errors)}`));
    return { page, errors, log, waitForLine };
  }

  for (const name of EXAMPLES) {
    it(`${name}: joins, plays the other participant's video in the app's layout, and its handlers ran`, async () => {
      const session = `${name}-${Date.now().toString(36)}`;
      const [bot] = openvidu.bots.add(session, 1);
      const { page, errors, log, waitForLine } = await open(name, { session, name: `Ana (${name})` });
      await waitForLine(`Joined ${session}`);
      await waitForLine(`${bot.name} joined`);
      // The app rendered an <ov-video> for the bot from its ov-participant-joined handler, in its own markup
      // (light DOM, not the room's built-in layout), and it plays.
      await page.waitForFunction(
        () => {
          const remote = [...document.querySelectorAll('ov-room ov-video')].find((tile) => tile.shownParticipant && !tile.shownParticipant.isLocal);
          const video = remote?.shadowRoot?.querySelector('video');
          return !!video && video.videoWidth > 0 && !video.paused && video.currentTime > 0;
        },
        { timeout: 30_000 },
      );
      // The composable controls in the app's layout are connected to the room: the camera toggle is pressed.
      const camera = await page.waitForFunction(() => document.querySelector('ov-toggle[source="camera"]')?.shadowRoot?.querySelector('button[aria-pressed="true"]'), { timeout: 30_000 });
      assert.ok(camera);
      assert.ok(await page.$eval('ov-chat', (chat) => !!chat.shadowRoot?.querySelector('textarea, input')));
      // Each handler ran once per event (Angular's directive outputs only type $event; the element's event is the one heard).
      const heard = await log();
      assert.deepEqual([heard.filter((line) => line === `Joined ${session}`).length, heard.filter((line) => line === `${bot.name} joined`).length], [1, 1], JSON.stringify(heard));
      assert.deepEqual(errors, []);
      await page.close();
      openvidu.bots.remove(session);
    });

    it(`${name}: its ov-error handler shows the failure`, async () => {
      // The local server refuses this session id, so the app's tokenProvider throws.
      const { page, waitForLine } = await open(name, { session: 'not a valid id!', name: 'Ana' });
      await waitForLine('Error TOKEN_PROVIDER_FAILED');
      await page.close();
    });
  }
});
