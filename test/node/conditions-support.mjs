// What the tests of a browser's own conditions share (browser-conditions: Chromium started in them;
// firefox-conditions: Firefox): the page that runs one element from the CDN bundle, and how they read what it shows.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
export const TIMEOUT = 20000;

// One element from the bundle, configured from the query; what it reports is kept in `window.reported`.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>conditions</title>
<script type="module" src="/dist/openvidu-elements.bundle.js"></script>
<script type="module" src="/dist/openvidu-elements.diagnostics.js"></script></head>
<body><script type="module">
  const query = new URLSearchParams(location.search);
  window.reported = { errors: [], diagnostics: undefined };
  const element = document.createElement(query.get('element'));
  element.setAttribute('token-url', query.get('tokenUrl') ?? '/api');
  element.setAttribute('session-id', query.get('session'));
  if (element.localName === 'ov-room') {
    element.setAttribute('participant-name', 'Ana');
    element.setAttribute('no-prejoin', '');
  }
  element.addEventListener('ov-error', (event) => window.reported.errors.push(event.detail));
  element.addEventListener('ov-diagnostics-complete', (event) => (window.reported.diagnostics = event.detail));
  document.body.append(element);
</script></body></html>`;

/** A directory holding the page as index.html (the caller removes it), and the static routes that serve it. */
export async function conditionsPage(name) {
  const dir = await mkdtemp(join(tmpdir(), `${name}-`));
  await writeFile(join(dir, 'index.html'), PAGE);
  return { dir, statics: { '/': dir, '/dist/': DIST } };
}

/** The first ov-error with `code` the page's element fired. */
export async function reportedError(page, code) {
  await page.waitForFunction((wanted) => window.reported.errors.some((e) => e.code === wanted), { timeout: TIMEOUT, polling: 100 }, code);
  return page.evaluate((wanted) => window.reported.errors.find((e) => e.code === wanted), code);
}

/** The text of the room's notice about `code`, once it shows. */
export async function noticeText(page, code) {
  const selector = `[part="notice"][data-code="${code}"]`;
  await page.waitForFunction((s) => document.querySelector('ov-room').shadowRoot.querySelector(s), { timeout: TIMEOUT, polling: 100 }, selector);
  return page.evaluate((s) => document.querySelector('ov-room').shadowRoot.querySelector(s).innerText, selector);
}

/** The check's result and each step as shown: status, code and text. */
export async function diagnosticsResult(page) {
  await page.waitForFunction(() => window.reported.diagnostics, { timeout: 60000, polling: 200 });
  return page.evaluate(async () => {
    const element = document.querySelector('ov-diagnostics');
    await element.updateComplete;
    const shown = [...element.shadowRoot.querySelectorAll('[part~="step"]')].map((item) => ({
      id: item.dataset.step,
      status: item.dataset.status,
      code: item.dataset.code,
      text: item.innerText,
    }));
    return { detail: window.reported.diagnostics, shown };
  });
}

export const roomState = (page) =>
  page.evaluate(() => {
    const { status, local } = document.querySelector('ov-room').state;
    return { status, publishing: local?.publishing, microphoneOn: local?.microphoneOn, cameraOn: local?.cameraOn };
  });

/** The stream the server has from `session`'s one participant, or null. */
export async function streamOf(server, session) {
  const state = await server.testControl({ action: 'state' });
  return state.sessions.find((s) => s.sessionId === session)?.connections.find((c) => c.status === 'active')?.stream ?? null;
}

/** The stream the server has from `session`'s one participant, once it is published. */
export async function publishedStream(server, session) {
  for (const deadline = Date.now() + TIMEOUT; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const stream = await streamOf(server, session);
    if (stream) return stream;
  }
  throw new Error(`nothing published in ${session}`);
}
