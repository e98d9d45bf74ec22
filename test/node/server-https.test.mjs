// The local server on HTTPS, as a phone on the LAN meets it: a page at a host name that is not this machine's
// loopback (Chromium maps lan-device.test to 127.0.0.1, as DNS would map a LAN name to the server), so that the
// camera works only because the page is https, with the server's own certificate (trusted by its key, as a device
// that installed it). Two such pages hold <ov-room> and each plays the other's video through wss:// signaling.
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { localCertificate } from '../../build/server/certificate.js';
import { CHROME_FLAGS, ensureChrome } from '../../scripts/chrome.mjs';
import { closedPort } from './doctor-support.mjs';
import { startServer } from './server-support.mjs';

const LAN_NAME = 'lan-device.test';
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LAN</title>
<script type="module" src="/dist/openvidu-elements.bundle.js"></script></head>
<body><ov-room token-url="/api" session-id="lan" no-prejoin></ov-room></body></html>`;

/** In the page: how many <video> elements, in any shadow root, play frames. */
function playingVideos() {
  const videos = [];
  const walk = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (element instanceof HTMLVideoElement) videos.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  walk(document);
  return videos.filter((video) => video.videoWidth > 0 && !video.paused && video.readyState >= 2).length;
}

describe('local OpenVidu server: HTTPS for other devices', () => {
  it('pages at a LAN name over https get the camera, join over wss:// and play each other', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'server-https-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'index.html'), PAGE);
    const certificate = await localCertificate(join(dir, 'certificate'), ['localhost', '127.0.0.1', LAN_NAME]);
    const port = await closedPort();
    // As `npm start -- --https --public-url https://lan-device.test:<port>` would run it.
    const server = await startServer(t, {
      port,
      tls: { cert: certificate.cert, key: certificate.key },
      publicUrl: `https://${LAN_NAME}:${port}`,
      static: { '/': dir, '/dist/': DIST },
    });
    assert.equal(server.url, `https://127.0.0.1:${port}`);

    const spki = new X509Certificate(certificate.cert).publicKey.export({ type: 'spki', format: 'der' });
    const browser = await puppeteer.launch({
      executablePath: ensureChrome(),
      headless: true,
      args: [
        ...CHROME_FLAGS,
        `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`,
        // Trusts exactly this certificate's key, as a device that installed the certificate would.
        `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`,
      ],
    });
    t.after(() => browser.close());
    const pages = [];
    for (let i = 0; i < 2; i += 1) {
      const page = await browser.newPage();
      await page.goto(`https://${LAN_NAME}:${port}/`);
      pages.push(page);
    }
    for (const page of pages) {
      // A tab in the background receives no video (video only for what is on screen): the one checked is in front.
      await page.bringToFront();
      assert.deepEqual(await page.evaluate(() => ({ secure: isSecureContext, camera: !!navigator.mediaDevices })), { secure: true, camera: true });
      await page.waitForFunction(() => document.querySelector('ov-room').state.status === 'joined', { timeout: 20000, polling: 100 });
      // Its own camera and the other participant's video (polling by time: a tab in the background gets no animation frames).
      await page.waitForFunction(`(${playingVideos})() >= 2`, { timeout: 20000, polling: 100 });
    }
    const state = await server.testControl({ action: 'state' });
    assert.deepEqual(state.sessions.find((s) => s.sessionId === 'lan').connections.map((c) => c.status), ['active', 'active']);
  });

  it('offers its certificate for download at /local-certificate.crt (DER, what phones install)', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'server-https-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const certificate = await localCertificate(dir, ['127.0.0.1']);
    const server = await startServer(t, { tls: { cert: certificate.cert, key: certificate.key } });
    const answer = await new Promise((resolve, reject) => {
      get(`${server.url}/local-certificate.crt`, { ca: certificate.cert }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ type: res.headers['content-type'], body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    assert.equal(answer.type, 'application/x-x509-ca-cert');
    assert.ok(answer.body.equals(new X509Certificate(certificate.cert).raw));
  });
});
