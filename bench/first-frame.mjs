// Speed: time from the tag entering the page to the first remote video frame, for <ov-room> loaded from the CDN
// bundle, next to a hand-written openvidu-browser page doing the minimum (token, connect, subscribe, attach a
// <video>, publish camera + microphone as <ov-room> does), both against the same local server in the same run.
// Run after `npm run build` (bench/run.mjs does). Prints medians, min–max, and the ratio ours / hand-written.
// Not a test: it asserts nothing. FIRST_FRAME_ITERATIONS=n changes the count (default 7); FIRST_FRAME_DEBUG=1
// prints each iteration with when the own publish finished and when the remote <video> appeared.
//
// Each iteration: a publisher page (hand-written openvidu-browser, camera + microphone at 640x480) in a fresh
// session, then the measured subscriber page in its own incognito context, alternating ours / hand-written.
// Both subscriber pages start with their script already loaded (module fetch, parse and evaluation are reported
// apart); the clock starts in the page just before the tag is inserted (ours) or just before the first request
// for a token (hand-written), and stops at the first remote frame: the remote <video> reports a size
// (videoWidth > 0, polled every 5 ms) or its first requestVideoFrameCallback, whichever comes first.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, ensureChrome } from '../scripts/chrome.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ITERATIONS = Number(process.env.FIRST_FRAME_ITERATIONS ?? 7);
const BUDGET_MS = 85_000; // no iteration starts after this, so the whole run stays under 2 minutes
const STEP_TIMEOUT_MS = 15_000;
const BUNDLE = '/dist/openvidu-elements.bundle.js';
const OPENVIDU_BROWSER = '/build/vendor/openvidu-browser.js';

const { startLocalOpenVidu } = await import('../build/server/index.js').catch(() => {
  console.error('build/server/index.js is missing: run `npm run build` first.');
  process.exit(1);
});

// The pages. Each loads its script and reports how long fetching, parsing and evaluating it took.

const loader = (src) => `<!doctype html><meta charset="utf-8"><title>bench</title>
<body style="margin:0">
<script type="module">
  const t0 = performance.now();
  window.lib = await import(${JSON.stringify(src)});
  window.loadMs = performance.now() - t0;
  window.ready = true;
</script>`;

const PAGES = {
  '/bench/ours.html': loader(BUNDLE),
  '/bench/hand.html': loader(OPENVIDU_BROWSER),
};

const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

/** Serves the two pages, dist/ and build/vendor/ from the repository, on a free loopback port. */
function startStaticServer() {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (PAGES[path]) {
      response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      response.end(PAGES[path]);
      return;
    }
    const file = resolve(ROOT, `.${path}`);
    if (!(file.startsWith(resolve(ROOT, 'dist')) || file.startsWith(resolve(ROOT, 'build/vendor')))) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((c) => server.close(c)) }));
  });
}

// In-page code (serialized by puppeteer: no closures over Node variables).

/** Publishes camera + microphone in `sessionId` and resolves once video packets leave for the server. */
async function publishInPage(apiUrl, sessionId) {
  const { OpenVidu } = window.lib;
  const post = async (path, body) => {
    const answer = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!answer.ok) throw new Error(`POST ${path} → ${answer.status}`);
    return answer.text();
  };
  const id = await post('/sessions', { customSessionId: sessionId });
  const token = await post(`/sessions/${encodeURIComponent(id)}/connections`, {});
  const OV = new OpenVidu();
  OV.enableProdMode();
  const session = OV.initSession();
  window.session = session;
  await session.connect(token, { clientData: 'Publisher' });
  const publisher = await OV.initPublisherAsync(undefined, { publishAudio: true, publishVideo: true, resolution: '640x480', frameRate: 30 });
  window.publisher = publisher;
  await session.publish(publisher);
  const pc = publisher.stream.getRTCPeerConnection();
  for (const deadline = performance.now() + 10_000; performance.now() < deadline; ) {
    const stats = await pc.getStats();
    let sent = 0;
    stats.forEach((s) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video') sent += s.framesEncoded ?? 0;
    });
    if (sent > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the publisher sent no video frame within 10 s');
}

/**
 * The measured part, for both subscribers: `start()` begins the join and returns a function that finds the remote
 * <video> (or undefined while there is none). Resolves with the milliseconds from just before `start()` to the
 * first remote frame.
 */
async function measureInPage(kind, apiUrl, sessionId, timeoutMs) {
  const firstFrame = (findVideo, t0) =>
    new Promise((resolvePromise, reject) => {
      let watched;
      let done = false;
      const finish = (t) => {
        if (done) return;
        done = true;
        clearInterval(poll);
        resolvePromise(t - t0);
      };
      const poll = setInterval(() => {
        if (performance.now() - t0 > timeoutMs) {
          done = true;
          clearInterval(poll);
          reject(new Error(`no remote frame after ${timeoutMs} ms`));
          return;
        }
        const video = findVideo();
        if (!video) return;
        window.marks ??= {};
        window.marks.video ??= performance.now() - t0;
        if (video.srcObject) window.marks.srcObject ??= performance.now() - t0;
        if (video.videoWidth > 0) return finish(performance.now());
        if (video !== watched && video.requestVideoFrameCallback) {
          watched = video;
          video.requestVideoFrameCallback(() => finish(performance.now()));
        }
      }, 5);
    });

  if (kind === 'ours') {
    const room = document.createElement('ov-room');
    room.setAttribute('token-url', apiUrl);
    room.setAttribute('session-id', sessionId);
    room.setAttribute('participant-name', 'Subscriber');
    room.setAttribute('no-prejoin', '');
    room.style.height = '480px';
    window.room = room;
    const findVideo = () =>
      [...(room.shadowRoot?.querySelectorAll('ov-video') ?? [])]
        .find((tile) => tile.shownParticipant && !tile.shownParticipant.isLocal)
        ?.shadowRoot?.querySelector('video') ?? undefined;
    const t0 = performance.now();
    room.addEventListener('ov-joined', () => (window.joinedMs = performance.now() - t0));
    document.body.append(room);
    return firstFrame(findVideo, t0);
  }

  // The hand-written page: what a minimal openvidu-browser app does.
  const { OpenVidu } = window.lib;
  let remoteVideo;
  const t0 = performance.now();
  const post = async (path, body) => {
    const answer = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!answer.ok) throw new Error(`POST ${path} → ${answer.status}`);
    return answer.text();
  };
  const measured = firstFrame(() => remoteVideo, t0);
  const id = await post('/sessions', { customSessionId: sessionId });
  const token = await post(`/sessions/${encodeURIComponent(id)}/connections`, {});
  const OV = new OpenVidu();
  OV.enableProdMode();
  const session = OV.initSession();
  window.session = session;
  session.on('streamCreated', (event) => {
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    document.body.append(video);
    session.subscribe(event.stream, undefined).addVideoElement(video);
    remoteVideo = video;
  });
  await session.connect(token, { clientData: 'Subscriber' });
  // Publish camera + microphone, as <ov-room> does.
  OV.initPublisherAsync(undefined, { publishAudio: true, publishVideo: true, resolution: '640x480', frameRate: 30 })
    .then((publisher) => {
      window.publisher = publisher;
      return session.publish(publisher);
    })
    .then(() => (window.joinedMs = performance.now() - t0))
    .catch(() => {});
  return measured;
}

/** Leaves the session (so the server frees it at once instead of after a reconnection grace) and stops devices. */
async function leaveInPage() {
  if (window.room) window.room.remove();
  if (window.session) {
    try {
      window.session.disconnect();
    } catch {}
  }
  window.publisher?.stream?.getMediaStream()?.getTracks().forEach((t) => t.stop());
  await new Promise((r) => setTimeout(r, 50));
}

// The run.

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Rejects after STEP_TIMEOUT_MS: page.evaluate has no timeout of its own. */
const bounded = (promise, what) => {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS + 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

async function openPage(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => process.env.FIRST_FRAME_DEBUG && console.error(`[page] ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.ready === true);
  return { page, context };
}

async function closePage(opened) {
  if (!opened) return;
  await bounded(opened.page.evaluate(leaveInPage), 'leaving').catch(() => {});
  await opened.context.close().catch(() => {});
}

let ov;
let files;
let browser;
try {
  const started = Date.now();
  ov = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, secret: 'BENCH_SECRET', quiet: true });
  files = await startStaticServer();
  browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
  const apiUrl = `${ov.url}/api`;
  const results = { hand: [], ours: [] };
  const loads = { hand: [], ours: [] };
  const failures = [];

  // One warm-up round of each, not counted: the first WebRTC call of a fresh browser and server pays one-time costs.
  const plan = ['hand', 'ours'];
  for (let i = 0; i < ITERATIONS; i++) plan.push(...(i % 2 ? ['ours', 'hand'] : ['hand', 'ours']));
  let round = 0;
  for (const kind of plan) {
    if (Date.now() - started > BUDGET_MS) break;
    const warmUp = round < 2;
    round += 1;
    const sessionId = `bench-${round}-${Date.now().toString(36)}`;
    let publisher;
    let subscriber;
    try {
      publisher = await openPage(browser, `${files.url}/bench/hand.html`);
      await bounded(publisher.page.evaluate(publishInPage, apiUrl, sessionId), 'publishing');
      subscriber = await openPage(browser, `${files.url}/bench/${kind}.html`);
      const ms = await bounded(subscriber.page.evaluate(measureInPage, kind, apiUrl, sessionId, STEP_TIMEOUT_MS), 'the first remote frame');
      if (!warmUp) {
        results[kind].push(ms);
        if (process.env.FIRST_FRAME_DEBUG) {
          const [joined, marks] = await subscriber.page.evaluate(() => [window.joinedMs, window.marks]);
          const r = (v) => Math.round(v ?? NaN);
          console.log(`  [${kind}] first frame ${r(ms)} ms; published (ov-joined) ${r(joined)}, <video> found ${r(marks?.video)}, srcObject ${r(marks?.srcObject)}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
        loads[kind].push(await subscriber.page.evaluate(() => window.loadMs));
      }
    } catch (error) {
      failures.push(`${kind}: ${error.message.split('\n')[0]}`);
    } finally {
      await closePage(subscriber);
      await closePage(publisher);
    }
  }

  const line = (label, values) =>
    values.length
      ? `  ${label.padEnd(37)}${`${Math.round(median(values))} ms`.padStart(8)}   (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`
      : `  ${label.padEnd(37)}     n/a`;
  const n = Math.min(results.hand.length, results.ours.length);
  console.log(`time to first remote frame (median of ${n === ITERATIONS ? n : `${results.hand.length} / ${results.ours.length}`}, min–max)`);
  console.log(line('hand-written openvidu-browser page', results.hand));
  console.log(line('<ov-room> from the CDN bundle', results.ours));
  if (results.hand.length && results.ours.length) {
    console.log(`  ratio ours / hand-written            ${(median(results.ours) / median(results.hand)).toFixed(2)}x`);
  }
  console.log('  both subscribers also publish camera + microphone (640x480), as <ov-room> does; one publisher page');
  console.log('  per fresh session; clock from tag insertion / first token request to the first remote frame;');
  console.log('  one uncounted warm-up round of each first');
  console.log('module load before the clock starts (fetch + parse + evaluate, fresh incognito context; median)');
  console.log(line(`openvidu-browser ESM (unminified)`, loads.hand));
  console.log(line(`${BUNDLE.slice(1)}`, loads.ours));
  if (failures.length) console.log(`failed iterations (${failures.length}): ${[...new Set(failures)].join('; ')}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s in all)`);
} finally {
  await browser?.close().catch(() => {});
  await files?.close().catch(() => {});
  await ov?.close().catch(() => {});
}
// Everything is closed, but werift's DTLS retransmission timers (Flight5.transmit, node:timers/promises) of
// handshakes cut short can keep the event loop alive for about 30 s more: do not wait for them.
process.exit(process.exitCode ?? 0);
