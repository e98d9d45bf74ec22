// Errors that come from the browser's own conditions, which a test page cannot make for itself: Chromium started
// without a camera, or without any device, or with a microphone that will not start, a page on plain http at a
// host name that is not loopback (not a secure context), and an https page whose token endpoint is plain http
// (mixed content). Each runs <ov-room> or <ov-diagnostics> from the CDN bundle against the local server, and reads
// what the person sees and the app receives.
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { localCertificate } from '../../build/server/certificate.js';
import { CHROME_FLAGS, ensureChrome } from '../../scripts/chrome.mjs';
import { startLocalOpenVidu } from '../../build/server/index.js';
import { closedPort } from './doctor-support.mjs';
import { TIMEOUT, conditionsPage, diagnosticsResult, noticeText, publishedStream, reportedError, roomState, streamOf } from './conditions-support.mjs';

/** Resolves to 127.0.0.1 in these browsers, as a LAN name would to the server: http there is not a secure context. */
const LAN_NAME = 'insecure.test';
const FAKE_DEVICES = '--use-fake-device-for-media-stream=device-count=2';

let dir;
let server;
let secureServer;
let spkiHash;
let counter = 0;

before(async () => {
  let statics;
  ({ dir, statics } = await conditionsPage('browser-conditions'));
  // The server answers pages at the LAN name too (it refuses foreign host names), and its tokens name it.
  const port = await closedPort();
  server = await startLocalOpenVidu({ host: '127.0.0.1', port, publicUrl: `http://${LAN_NAME}:${port}`, secret: 'CONDITIONS', quiet: true, static: statics });
  const certificate = await localCertificate(join(dir, 'certificate'), ['localhost', '127.0.0.1']);
  secureServer = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, secret: 'CONDITIONS', quiet: true, static: statics, tls: { cert: certificate.cert, key: certificate.key } });
  spkiHash = createHash('sha256').update(new X509Certificate(certificate.cert).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
});

after(async () => {
  await secureServer?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Chromium with the tests' flags, its fake devices replaced by `devices` (none: no flag at all), and `extra` flags. */
async function chromium(t, devices, extra = []) {
  const flags = CHROME_FLAGS.filter((flag) => flag !== FAKE_DEVICES);
  assert.equal(flags.length, CHROME_FLAGS.length - 1, `CHROME_FLAGS no longer has ${FAKE_DEVICES}`);
  const browser = await puppeteer.launch({
    executablePath: ensureChrome(),
    headless: true,
    args: [...flags, ...(devices ? [devices] : []), ...extra, `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`, `--ignore-certificate-errors-spki-list=${spkiHash}`],
  });
  t.after(() => browser.close());
  return browser;
}

/** Opens `element` at `origin` (the plain server's by default) in a new page of `browser`. */
async function open(browser, element, { origin = server.url, tokenUrl } = {}) {
  const page = await browser.newPage();
  const session = `conditions-${++counter}`;
  const query = new URLSearchParams({ element, session, ...(tokenUrl ? { tokenUrl } : {}) });
  await page.goto(`${origin}/?${query}`);
  return { page, session };
}

describe('errors of the browser\'s own conditions', { timeout: 120000 }, () => {
  it('Chromium without a camera: the room joins with the microphone (CAMERA_NOT_FOUND), the check warns', async (t) => {
    const browser = await chromium(t, '--use-fake-device-for-media-stream=device-count=0');
    const { page, session } = await open(browser, 'ov-room');
    const error = await reportedError(page, 'CAMERA_NOT_FOUND');
    assert.equal(error.fatal, false);
    assert.equal(error.message, 'No camera was found, so you take part with your microphone only.');
    const text = await noticeText(page, 'CAMERA_NOT_FOUND');
    assert.ok(text.includes(error.message) && text.includes(error.remedy), text);
    await page.waitForFunction(() => document.querySelector('ov-room').state.local?.publishing, { timeout: TIMEOUT, polling: 100 });
    assert.deepEqual(await roomState(page), { status: 'joined', publishing: true, microphoneOn: true, cameraOn: false });
    const stream = await streamOf(server, session);
    assert.deepEqual({ hasAudio: stream.hasAudio, hasVideo: stream.hasVideo }, { hasAudio: true, hasVideo: false });

    const check = await open(browser, 'ov-diagnostics');
    const { detail, shown } = await diagnosticsResult(check.page);
    const devices = detail.steps.find((step) => step.id === 'devices');
    assert.deepEqual({ status: devices.status, code: devices.code }, { status: 'warning', code: 'CAMERA_NOT_FOUND' });
    const row = shown.find((step) => step.id === 'devices');
    assert.deepEqual({ status: row.status, code: row.code }, { status: 'warning', code: 'CAMERA_NOT_FOUND' });
    assert.ok(row.text.includes(devices.message), row.text);
    assert.equal(detail.ok, true, JSON.stringify(detail.steps.filter((step) => step.status === 'failed')));
  });

  it('Chromium without any camera or microphone: DEVICE_NOT_FOUND; the room joins to watch, the check fails its devices step', async (t) => {
    const browser = await chromium(t, undefined);
    const { page, session } = await open(browser, 'ov-room');
    const error = await reportedError(page, 'DEVICE_NOT_FOUND');
    assert.equal(error.fatal, false);
    const text = await noticeText(page, 'DEVICE_NOT_FOUND');
    assert.ok(text.includes('No camera or microphone was found.') && text.includes(error.remedy), text);
    await page.waitForFunction(() => document.querySelector('ov-room').state.status === 'joined', { timeout: TIMEOUT, polling: 100 });
    assert.equal((await roomState(page)).publishing, false);
    assert.equal(await streamOf(server, session), null);

    const check = await open(browser, 'ov-diagnostics');
    const { detail, shown } = await diagnosticsResult(check.page);
    const devices = detail.steps.find((step) => step.id === 'devices');
    assert.deepEqual({ status: devices.status, code: devices.code }, { status: 'failed', code: 'DEVICE_NOT_FOUND' });
    const row = shown.find((step) => step.id === 'devices');
    assert.equal(row.code, 'DEVICE_NOT_FOUND');
    assert.ok(row.text.includes(devices.message) && row.text.includes(devices.remedy), row.text);
    // The network is still checked, with a generated picture.
    const media = detail.steps.find((step) => step.id === 'media');
    assert.deepEqual({ status: media.status, video: media.details.video }, { status: 'passed', video: 'generated' });
  });

  it('Chromium whose microphone is listed but will not start: DEVICE_IN_USE; the room joins with the camera, the check fails its devices step', async (t) => {
    // The audio service cannot open any input stream, as when another program holds the sound card: getUserMedia
    // rejects with NotReadableError ("Could not start audio source"), every run.
    const browser = await chromium(t, FAKE_DEVICES, ['--fail-audio-stream-creation']);
    const { page, session } = await open(browser, 'ov-room');
    const error = await reportedError(page, 'DEVICE_IN_USE');
    assert.equal(error.fatal, false);
    assert.equal(error.message, 'The camera or microphone is in use by another application.');
    assert.match(error.details.reason, /NotReadableError/);
    const text = await noticeText(page, 'DEVICE_IN_USE');
    assert.ok(text.includes(error.message) && text.includes(error.remedy) && text.includes('Try again'), text);
    await page.waitForFunction(() => document.querySelector('ov-room').state.local?.publishing, { timeout: TIMEOUT, polling: 100 });
    assert.deepEqual(await roomState(page), { status: 'joined', publishing: true, microphoneOn: false, cameraOn: true });
    const stream = await publishedStream(server, session);
    assert.deepEqual({ hasAudio: stream.hasAudio, hasVideo: stream.hasVideo }, { hasAudio: false, hasVideo: true });
    assert.deepEqual(await page.evaluate(() => window.reported.errors.map((e) => e.code)), ['DEVICE_IN_USE']);

    const check = await open(browser, 'ov-diagnostics');
    const { detail, shown } = await diagnosticsResult(check.page);
    const devices = detail.steps.find((step) => step.id === 'devices');
    assert.deepEqual({ status: devices.status, code: devices.code }, { status: 'failed', code: 'DEVICE_IN_USE' });
    const row = shown.find((step) => step.id === 'devices');
    assert.equal(row.code, 'DEVICE_IN_USE');
    assert.ok(row.text.includes(devices.message) && row.text.includes(devices.remedy), row.text);
  });

  it('Chromium without a camera whose microphone will not start: DEVICE_IN_USE, not "microphone only"; the room joins to watch', async (t) => {
    const browser = await chromium(t, '--use-fake-device-for-media-stream=device-count=0', ['--fail-audio-stream-creation']);
    const { page, session } = await open(browser, 'ov-room');
    const text = await noticeText(page, 'DEVICE_IN_USE');
    const error = await reportedError(page, 'DEVICE_IN_USE');
    assert.ok(text.includes(error.message) && text.includes(error.remedy), text);
    await page.waitForFunction(() => document.querySelector('ov-room').state.status === 'joined', { timeout: TIMEOUT, polling: 100 });
    assert.deepEqual(await roomState(page), { status: 'joined', publishing: false, microphoneOn: false, cameraOn: false });
    assert.equal(await streamOf(server, session), null);
    assert.deepEqual(await page.evaluate(() => window.reported.errors.map((e) => e.code)), ['DEVICE_IN_USE']);
  });

  it('a page on plain http at a LAN name: INSECURE_CONTEXT (the room joins to watch), and no screen to share: SCREEN_SHARE_UNSUPPORTED', async (t) => {
    const browser = await chromium(t, FAKE_DEVICES);
    const origin = server.url.replace('127.0.0.1', LAN_NAME);
    const { page } = await open(browser, 'ov-room', { origin });
    assert.deepEqual(await page.evaluate(() => ({ secure: isSecureContext, mediaDevices: !!navigator.mediaDevices })), { secure: false, mediaDevices: false });
    const error = await reportedError(page, 'INSECURE_CONTEXT');
    assert.equal(error.fatal, false);
    const text = await noticeText(page, 'INSECURE_CONTEXT');
    assert.ok(text.includes(error.message) && text.includes(error.remedy), text);
    await page.waitForFunction(() => document.querySelector('ov-room').state.status === 'joined', { timeout: TIMEOUT, polling: 100 });
    assert.equal((await roomState(page)).publishing, false);
    // No Share screen button is offered; an app that calls startScreenShare() anyway is told why nothing happens.
    assert.equal(await page.evaluate(() => document.querySelector('ov-room').state.canShareScreen), false);
    await page.evaluate(() => document.querySelector('ov-room').startScreenShare());
    const unsupported = await reportedError(page, 'SCREEN_SHARE_UNSUPPORTED');
    assert.equal(unsupported.message, 'This browser cannot share the screen.');
    const screenText = await noticeText(page, 'SCREEN_SHARE_UNSUPPORTED');
    assert.ok(screenText.includes(unsupported.message) && screenText.includes(unsupported.remedy), screenText);

    const check = await open(browser, 'ov-diagnostics', { origin });
    const { detail, shown } = await diagnosticsResult(check.page);
    const step = detail.steps.find((s) => s.id === 'browser');
    assert.deepEqual({ status: step.status, code: step.code }, { status: 'failed', code: 'INSECURE_CONTEXT' });
    const row = shown.find((s) => s.id === 'browser');
    assert.ok(row.text.includes(step.message) && row.text.includes(step.remedy), row.text);
  });

  it('an https page with an http token endpoint at a LAN name: TOKEN_ENDPOINT_BLOCKED_MIXED_CONTENT, as the browser blocks it', async (t) => {
    const browser = await chromium(t, FAKE_DEVICES);
    const tokenUrl = `${server.url.replace('127.0.0.1', LAN_NAME)}/api`;
    const { page } = await open(browser, 'ov-room', { origin: secureServer.url, tokenUrl });
    const error = await reportedError(page, 'TOKEN_ENDPOINT_BLOCKED_MIXED_CONTENT');
    assert.equal(error.fatal, true);
    assert.ok(error.message.includes(`${tokenUrl}`), error.message);
    await page.waitForFunction(() => document.querySelector('ov-room').shadowRoot.querySelector('[part="error"]'), { timeout: TIMEOUT, polling: 100 });
    const view = await page.evaluate(() => document.querySelector('ov-room').shadowRoot.querySelector('[part="error"]').innerText);
    assert.ok(view.includes(error.message) && view.includes(error.remedy), view);
    // What the room spares the person: the browser itself refuses that request, and says why.
    const warnings = [];
    page.on('console', (message) => warnings.push(message.text()));
    const outcome = await page.evaluate((url) => fetch(url, { method: 'POST' }).then(() => 'answered', (e) => e.name), `${tokenUrl}/sessions`);
    assert.equal(outcome, 'TypeError');
    assert.ok(warnings.some((text) => text.includes('Mixed Content')), warnings.join('\n'));
  });
});
