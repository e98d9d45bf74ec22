// Errors of a browser's own conditions that only Firefox can be put in here: a camera and no microphone. Chromium's
// fake devices always list three microphones (its media devices manager hard-codes them under
// --use-fake-device-for-media-stream, the only switch that gives it a camera here). Firefox's
// media.audio_loopback_dev names the microphone to use; naming one that is not there leaves its fake camera alone
// (enumerateDevices lists only it), as on a computer whose microphone is unplugged. <ov-room> and <ov-diagnostics>
// from the CDN bundle run against the local server.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { ensureFirefox, firefoxPrefsForThisMachine } from '../../scripts/firefox.mjs';
import { startLocalOpenVidu } from '../../build/server/index.js';
import { TIMEOUT, conditionsPage, publishedStream } from './conditions-support.mjs';

let dir;
let server;

before(async () => {
  let statics;
  ({ dir, statics } = await conditionsPage('firefox-conditions'));
  server = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, secret: 'FIREFOX', quiet: true, static: statics });
});

after(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("errors of Firefox's own conditions", { timeout: 120000 }, () => {
  it('Firefox with a camera and no microphone: MICROPHONE_NOT_FOUND; the room joins with the camera, the check warns', async (t) => {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: ensureFirefox(),
      headless: true,
      extraPrefsFirefox: { ...firefoxPrefsForThisMachine(), 'media.audio_loopback_dev': 'A microphone that is not there' },
    });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const session = 'firefox-no-microphone';
    await page.goto(`${server.url}/?${new URLSearchParams({ element: 'ov-room', session })}`);
    // What the browser offers: a camera, no microphone.
    const kinds = await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).map((d) => d.kind).filter((k) => k !== 'audiooutput'));
    assert.deepEqual(kinds, ['videoinput']);

    await page.waitForFunction(() => window.reported.errors.some((e) => e.code === 'MICROPHONE_NOT_FOUND'), { timeout: TIMEOUT, polling: 100 });
    const error = await page.evaluate(() => window.reported.errors.find((e) => e.code === 'MICROPHONE_NOT_FOUND'));
    assert.equal(error.fatal, false);
    assert.equal(error.message, 'No microphone was found, so the others cannot hear you.');
    const selector = '[part="notice"][data-code="MICROPHONE_NOT_FOUND"]';
    await page.waitForFunction((s) => document.querySelector('ov-room').shadowRoot.querySelector(s), { timeout: TIMEOUT, polling: 100 }, selector);
    const text = await page.evaluate((s) => document.querySelector('ov-room').shadowRoot.querySelector(s).innerText, selector);
    assert.ok(text.includes(error.message) && text.includes(error.remedy), text);
    await page.waitForFunction(() => document.querySelector('ov-room').state.local?.publishing, { timeout: TIMEOUT, polling: 100 });
    const local = await page.evaluate(() => {
      const { status, local } = document.querySelector('ov-room').state;
      return { status, microphoneOn: local.microphoneOn, cameraOn: local.cameraOn };
    });
    assert.deepEqual(local, { status: 'joined', microphoneOn: false, cameraOn: true });
    const stream = await publishedStream(server, session);
    assert.deepEqual({ hasAudio: stream.hasAudio, hasVideo: stream.hasVideo }, { hasAudio: false, hasVideo: true });
    assert.deepEqual(await page.evaluate(() => window.reported.errors.map((e) => e.code)), ['MICROPHONE_NOT_FOUND']);

    const check = await browser.newPage();
    await check.goto(`${server.url}/?${new URLSearchParams({ element: 'ov-diagnostics', session: `${session}-check` })}`);
    await check.waitForFunction(() => window.reported.diagnostics, { timeout: 60000, polling: 200 });
    const devices = await check.evaluate(async () => {
      const element = document.querySelector('ov-diagnostics');
      await element.updateComplete;
      const step = window.reported.diagnostics.steps.find((s) => s.id === 'devices');
      const row = element.shadowRoot.querySelector('[part~="step"][data-step="devices"]');
      return { status: step.status, code: step.code, message: step.message, shown: { status: row.dataset.status, code: row.dataset.code, text: row.innerText } };
    });
    assert.deepEqual({ status: devices.status, code: devices.code }, { status: 'warning', code: 'MICROPHONE_NOT_FOUND' });
    assert.deepEqual({ status: devices.shown.status, code: devices.shown.code }, { status: 'warning', code: 'MICROPHONE_NOT_FOUND' });
    assert.ok(devices.shown.text.includes(devices.message), devices.shown.text);
  });
});
