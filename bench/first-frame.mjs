// Speed: time from the tag entering the page to the first remote video frame, for <ov-room> loaded from the CDN
// bundle, next to hand-written openvidu-browser pages, all against the same local server in the same run.
// Run after `npm run build` (bench/run.mjs does). Prints medians with their interquartile range, the ratios to the
// hand-written page, and where the time goes (a timeline of the join, median per step). Not a test: it asserts
// nothing. FIRST_FRAME_ROUNDS=n changes the count (default 15); FIRST_FRAME_VARIANTS=ours,… picks variants (the
// default leaves out subscribeFirst; hand is always measured, it is the baseline);
// FIRST_FRAME_DEBUG=1 prints every measurement; FIRST_FRAME_PROFILE=ours (or any variant) samples that variant's
// JavaScript during each join and prints where its main thread spent the time (self time per function).
//
// The variants, by their FIRST_FRAME_VARIANTS names (every subscriber also publishes camera + microphone, 640x480):
// - hand: the minimal openvidu-browser app: token, connect, subscribe to what is there, then start the camera and
//   publish it;
// - ours: <ov-room> (no lobby);
// - cameraFirst: a hand-written page that starts the camera while it fetches the token and publishes as soon as
//   it is connected, as <ov-room> does (so that the others see it sooner);
// - subscribeFirst: the same, but the publish waits until the subscriptions found on joining are answered by the
//   server (at most 1 s);
// - afterFirstFrame: the same, but the publish waits for the first remote frame (at most 1 s).
//
// Each round: a publisher page (hand-written, camera + microphone) in a fresh session, then one subscriber page
// per variant in its own incognito context, one after the other (the order turns every round), each leaving before
// the next joins, so all variants of a round watch the same publisher. The clock starts in the page just before
// the tag is inserted (ours) or just before the first token request (hand), and stops at the first remote frame:
// the remote <video> reports a size (videoWidth > 0, polled every 5 ms) or its first requestVideoFrameCallback,
// whichever comes first. The pages' WebSocket, fetch, getUserMedia and RTCPeerConnection are wrapped (not changed)
// to time each step of the join.
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, ensureChrome } from '../scripts/chrome.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.FIRST_FRAME_ROUNDS ?? 15);
const BUDGET_MS = 6 * 60_000; // no round starts after this
const STEP_TIMEOUT_MS = 15_000;
const BUNDLE = '/dist/openvidu-elements.bundle.js';
const OPENVIDU_BROWSER = '/build/vendor/openvidu-browser.js';

const VARIANTS = {
  hand: { label: 'hand-written openvidu-browser page', page: 'hand' },
  ours: { label: '<ov-room> from the CDN bundle', page: 'ours' },
  // FIRST_FRAME_OTHER_BUNDLE=path: <ov-room> from another build of the bundle (say, of main), to compare a change.
  other: { label: '<ov-room> from FIRST_FRAME_OTHER_BUNDLE', page: 'other' },
  cameraFirst: { label: 'hand, camera first (as <ov-room>)', page: 'hand' },
  subscribeFirst: { label: 'hand, camera first, publish once answered', page: 'hand' },
  afterFirstFrame: { label: 'hand, camera first, publish after 1st frame', page: 'hand' },
};

/** The steps of a join, in the order they usually happen, with how the page names them. */
const STEPS = [
  ['token requested', 'first token request sent'],
  ['camera requested', 'getUserMedia called'],
  ['token answered', 'last token answer before the WebSocket'],
  ['ws open', 'WebSocket open'],
  ['joinRoom answered', 'joinRoom answered'],
  ['camera ready', 'getUserMedia resolved'],
  ['subscriber createOffer', 'subscription createOffer'],
  ['receiveVideoFrom sent', 'subscription offer sent'],
  ['publisher createOffer', 'publish createOffer'],
  ['publishVideo sent', 'publish offer sent'],
  ['publishVideo answered', 'publish answered'],
  ['receiveVideoFrom answered', 'subscription answered'],
  ['subscriber answer applied', 'subscription answer applied'],
  ['subscriber ice connected', 'subscription ICE connected'],
  ['subscriber connected', 'subscription DTLS connected'],
  ['publisher ice connected', 'publish ICE connected'],
  ['video element', 'remote <video> in the page'],
  ['video srcObject', 'remote <video> has its stream'],
  ['first frame', 'first remote frame'],
];

const { startLocalOpenVidu } = await import('../build/server/index.js').catch(() => {
  console.error('build/server/index.js is missing: run `npm run build` first.');
  process.exit(1);
});

// The pages. Each times the join's steps (wrapping, not changing, the browser APIs it uses), loads its script and
// reports how long fetching, parsing and evaluating it took.

/** In-page: records the first time each step happens after `window.t0` (set when the clock starts). */
function instrument() {
  window.marks = {};
  const mark = (name, always = false) => {
    if (window.t0 === undefined) return;
    if (always || window.marks[name] === undefined) window.marks[name] = performance.now() - window.t0;
  };
  window.mark = mark;
  let socketOpen = false;
  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (...args) => {
    mark('token requested');
    try {
      return await nativeFetch(...args);
    } finally {
      if (!socketOpen) mark('token answered', true);
    }
  };
  const media = navigator.mediaDevices;
  const nativeGetUserMedia = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints) => {
    mark('camera requested');
    const stream = await nativeGetUserMedia(constraints);
    mark('camera ready');
    return stream;
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class TimedWebSocket extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      const methods = new Map();
      this.addEventListener('open', () => {
        socketOpen = true;
        mark('ws open');
      });
      this.addEventListener('message', (event) => {
        try {
          const { id } = JSON.parse(event.data);
          if (methods.has(id)) mark(`${methods.get(id)} answered`);
        } catch {}
      });
      const send = this.send.bind(this);
      this.send = (data) => {
        try {
          const { id, method } = JSON.parse(data);
          if (method && method !== 'ping') {
            methods.set(id, method);
            mark(`${method} sent`);
          }
        } catch {}
        send(data);
      };
    }
  };
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class TimedPeerConnection extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      const role = () => (this.getTransceivers().some((t) => t.direction === 'sendonly' || t.direction === 'sendrecv') ? 'publisher' : 'subscriber');
      const createOffer = this.createOffer.bind(this);
      this.createOffer = async (...offerArgs) => {
        mark(`${role()} createOffer`);
        return createOffer(...offerArgs);
      };
      const setRemoteDescription = this.setRemoteDescription.bind(this);
      this.setRemoteDescription = async (...descriptionArgs) => {
        const result = await setRemoteDescription(...descriptionArgs);
        mark(`${role()} answer applied`);
        return result;
      };
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'connected' || this.iceConnectionState === 'completed') mark(`${role()} ice connected`);
      });
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected') mark(`${role()} connected`);
      });
    }
  };
}

const page = (src) => `<!doctype html><meta charset="utf-8"><title>bench</title>
<body style="margin:0">
<script>(${instrument.toString()})();</script>
<script type="module">
  const t0 = performance.now();
  window.lib = await import(${JSON.stringify(src)});
  window.loadMs = performance.now() - t0;
  window.ready = true;
</script>`;

const PAGES = {
  '/bench/ours.html': page(BUNDLE),
  '/bench/hand.html': page(OPENVIDU_BROWSER),
  '/bench/other.html': page('/other/openvidu-elements.bundle.js'),
};
const OTHER_BUNDLE = process.env.FIRST_FRAME_OTHER_BUNDLE;

const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

/** Serves the pages, dist/ and build/vendor/ from the repository, on a free loopback port. */
function startStaticServer() {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (PAGES[path]) {
      response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      response.end(PAGES[path]);
      return;
    }
    // /other/… is the directory of FIRST_FRAME_OTHER_BUNDLE; the rest comes from dist/ and build/vendor/.
    const other = path.startsWith('/other/') && OTHER_BUNDLE;
    const file = other ? resolve(dirname(OTHER_BUNDLE), path.slice('/other/'.length)) : resolve(ROOT, `.${path}`);
    const allowed = other ? [resolve(dirname(OTHER_BUNDLE))] : [resolve(ROOT, 'dist'), resolve(ROOT, 'build/vendor')];
    if (!allowed.some((directory) => file.startsWith(directory))) {
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
 * The measured part, for every variant. Resolves with the milliseconds from the start of the join to the first
 * remote frame; `window.marks` holds the steps.
 */
async function measureInPage(variant, apiUrl, sessionId, timeoutMs) {
  const firstFrame = (findVideo, t0) =>
    new Promise((resolvePromise, reject) => {
      let watched;
      let done = false;
      const finish = (t) => {
        if (done) return;
        done = true;
        clearInterval(poll);
        window.mark('first frame');
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
        window.mark('video element');
        if (video.srcObject) window.mark('video srcObject');
        if (video.videoWidth > 0) return finish(performance.now());
        if (video !== watched && video.requestVideoFrameCallback) {
          watched = video;
          video.requestVideoFrameCallback(() => finish(performance.now()));
        }
      }, 5);
    });

  if (variant === 'ours' || variant === 'other') {
    const room = document.createElement('ov-room');
    room.setAttribute('token-url', apiUrl);
    room.setAttribute('session-id', sessionId);
    room.setAttribute('participant-name', 'Subscriber');
    room.setAttribute('no-prejoin', '');
    room.style.height = '480px';
    window.room = room;
    // The tiles are inside <ov-layout>'s shadow root, inside the room's.
    const tiles = (root) => [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [...(el.localName === 'ov-video' ? [el] : []), ...tiles(el.shadowRoot)] : []));
    // Walking the shadow trees is work the hand-written pages do not have: only once someone else is in the
    // room, and only until their tile is found.
    let remoteTile;
    const findVideo = () => {
      if (remoteTile && !remoteTile.isConnected) remoteTile = undefined;
      if (!remoteTile && room.state?.participants?.some((participant) => !participant.isLocal)) {
        remoteTile = tiles(room.shadowRoot ?? room).find((tile) => tile.shownParticipant && !tile.shownParticipant.isLocal);
      }
      return remoteTile?.shadowRoot?.querySelector('video') ?? undefined;
    };
    const t0 = performance.now();
    window.t0 = t0;
    document.body.append(room);
    return firstFrame(findVideo, t0);
  }

  // The hand-written pages: what a minimal openvidu-browser app does.
  const { OpenVidu } = window.lib;
  let remoteVideo;
  const t0 = performance.now();
  window.t0 = t0;
  const post = async (path, body) => {
    const answer = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!answer.ok) throw new Error(`POST ${path} → ${answer.status}`);
    return answer.text();
  };
  const measured = firstFrame(() => remoteVideo, t0);
  const OV = new OpenVidu();
  OV.enableProdMode();
  const camera = () => OV.initPublisherAsync(undefined, { publishAudio: true, publishVideo: true, resolution: '640x480', frameRate: 30 });
  const early = variant === 'hand' ? undefined : camera();
  early?.catch(() => {});
  const id = await post('/sessions', { customSessionId: sessionId });
  const token = await post(`/sessions/${encodeURIComponent(id)}/connections`, {});
  const session = OV.initSession();
  window.session = session;
  const subscribers = [];
  session.on('streamCreated', (event) => {
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    document.body.append(video);
    const subscriber = session.subscribe(event.stream, undefined);
    subscriber.addVideoElement(video);
    subscribers.push(subscriber);
    remoteVideo = video;
  });
  await session.connect(token, { clientData: 'Subscriber' });
  /** Resolves once the server answered the subscription's offer (its peer connection has a remote description). */
  const answered = async (subscriber, deadline) => {
    while (performance.now() < deadline) {
      try {
        if (subscriber.stream.getRTCPeerConnection()?.remoteDescription) return;
      } catch {} // no peer connection yet
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  (async () => {
    const publisher = await (early ?? camera());
    window.publisher = publisher;
    if (variant === 'subscribeFirst') {
      const deadline = performance.now() + 1000;
      await Promise.all(subscribers.map((subscriber) => answered(subscriber, deadline)));
    }
    if (variant === 'afterFirstFrame') await Promise.race([measured, new Promise((r) => setTimeout(r, 1000))]);
    await session.publish(publisher);
  })().catch(() => {});
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

// Profiling (FIRST_FRAME_PROFILE).

const PROFILED = process.env.FIRST_FRAME_PROFILE;
const selfTimes = new Map(); // "function url:line" → ms, summed over the rounds
let profiledRounds = 0;

async function startProfiler(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return { stop: async () => (await cdp.send('Profiler.stop')).profile };
}

/** Adds the self time of each function sampled before the first frame (`untilMs` after the profile's first sample). */
function addProfile(profile, untilMs) {
  (globalThis.rawProfiles ??= []).push({ profile, untilMs });
  import('node:fs').then((fs) => fs.writeFileSync('/tmp/ff-profiles.json', JSON.stringify(globalThis.rawProfiles)));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  let at = profile.startTime;
  const end = profile.startTime + untilMs * 1000 + 20_000; // the clock starts just after the profiler
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at > end) return;
    const { callFrame } = nodes.get(id);
    const file = callFrame.url.split('/').pop() || '';
    const key = `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
    selfTimes.set(key, (selfTimes.get(key) ?? 0) + delta / 1000);
  });
  profiledRounds += 1;
}

function printProfile() {
  if (!profiledRounds) return;
  const busy = [...selfTimes].filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(program)'));
  const total = busy.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`${PROFILED}: main thread busy ${Math.round(total / profiledRounds)} ms per join before the first frame; top self times (ms per join):`);
  for (const [key, ms] of busy.sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(ms / profiledRounds).toFixed(1).padStart(6)}  ${key}`);
}

// Statistics.

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
};
const median = (values) => quantile(values, 0.5);

// The run.

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
  const opened = await context.newPage();
  opened.setDefaultTimeout(STEP_TIMEOUT_MS);
  opened.on('pageerror', (error) => process.env.FIRST_FRAME_DEBUG && console.error(`[page] ${error.message}`));
  await opened.goto(url);
  await opened.waitForFunction(() => window.ready === true);
  return { page: opened, context };
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
  const loadAtStart = loadavg()[0];
  ov = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, secret: 'BENCH_SECRET', quiet: true });
  files = await startStaticServer();
  browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
  const apiUrl = `${ov.url}/api`;
  const wanted = process.env.FIRST_FRAME_VARIANTS?.split(',') ?? ['ours', 'cameraFirst', 'afterFirstFrame'];
  if (wanted.includes('other') && !OTHER_BUNDLE) throw new Error('FIRST_FRAME_VARIANTS=other needs FIRST_FRAME_OTHER_BUNDLE=path/to/openvidu-elements.bundle.js');
  for (const name of wanted) if (!VARIANTS[name]) throw new Error(`FIRST_FRAME_VARIANTS: no variant "${name}" (${Object.keys(VARIANTS).join(', ')})`);
  const names = Object.keys(VARIANTS).filter((name) => name === 'hand' || wanted.includes(name));
  const results = Object.fromEntries(names.map((name) => [name, []]));
  const marks = Object.fromEntries(names.map((name) => [name, []]));
  const loads = { hand: [], ours: [], other: [] };
  const paired = Object.fromEntries(names.map((name) => [name, []])); // per round, variant / hand
  const failures = [];

  // Round 0 is a warm-up, not counted: the first WebRTC call of a fresh browser and server pays one-time costs.
  let rounds = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    if (Date.now() - started > BUDGET_MS) break;
    const sessionId = `bench-${round}-${Date.now().toString(36)}`;
    const order = names.map((_, i) => names[(i + round) % names.length]);
    let publisher;
    const measured = {};
    try {
      publisher = await openPage(browser, `${files.url}/bench/hand.html`);
      await bounded(publisher.page.evaluate(publishInPage, apiUrl, sessionId), 'publishing');
      for (const name of order) {
        let subscriber;
        try {
          subscriber = await openPage(browser, `${files.url}/bench/${VARIANTS[name].page}.html`);
          const profiler = name === PROFILED && round > 0 ? await startProfiler(subscriber.page) : undefined;
          const ms = await bounded(subscriber.page.evaluate(measureInPage, name, apiUrl, sessionId, STEP_TIMEOUT_MS), 'the first remote frame');
          if (profiler) addProfile(await profiler.stop(), ms);
          if (round === 0) continue;
          measured[name] = ms;
          results[name].push(ms);
          const [pageMarks, loadMs] = await subscriber.page.evaluate(() => [window.marks, window.loadMs]);
          marks[name].push(pageMarks);
          loads[VARIANTS[name].page].push(loadMs);
          if (process.env.FIRST_FRAME_DEBUG) {
            const steps = STEPS.filter(([key]) => pageMarks[key] !== undefined).map(([key]) => `${key} ${Math.round(pageMarks[key])}`);
            console.log(`  [${round} ${name}] ${Math.round(ms)} ms: ${steps.join(', ')}`);
          }
        } catch (error) {
          failures.push(`${name}: ${error.message.split('\n')[0]}`);
        } finally {
          await closePage(subscriber);
        }
      }
    } catch (error) {
      failures.push(`publisher: ${error.message.split('\n')[0]}`);
    } finally {
      await closePage(publisher);
    }
    if (round > 0) rounds += 1;
    if (measured.hand !== undefined) for (const name of names) if (measured[name] !== undefined) paired[name].push(measured[name] / measured.hand);
  }

  const ms = (value) => (value === undefined || Number.isNaN(value) ? '   –' : `${Math.round(value)}`.padStart(4));
  const spread = (values) => `${ms(quantile(values, 0.25))}–${ms(quantile(values, 0.75)).trim()}`;
  console.log(`time to first remote frame, ms (${rounds} rounds; median, interquartile range; ratio of medians to hand-written, and the median of the per-round ratios with its IQR)`);
  for (const name of names) {
    const values = results[name];
    if (!values.length) {
      console.log(`  ${VARIANTS[name].label.padEnd(48)} n/a`);
      continue;
    }
    const ratio = results.hand.length ? (median(values) / median(results.hand)).toFixed(2) : '–';
    const perRound = paired[name].length ? `${median(paired[name]).toFixed(2)}x (${quantile(paired[name], 0.25).toFixed(2)}–${quantile(paired[name], 0.75).toFixed(2)})` : '';
    console.log(`  ${VARIANTS[name].label.padEnd(48)}${ms(median(values))}  (${spread(values)})  n=${values.length}  ${ratio}x  per round ${perRound}`);
  }
  console.log('where the time goes: median ms from the start of the join to each step');
  const header = ['step'.padEnd(32), ...names.map((name) => name.slice(0, 9).padStart(10))].join('');
  console.log(`  ${header}`);
  for (const [key, label] of STEPS) {
    const cells = names.map((name) => {
      const values = marks[name].map((m) => m[key]).filter((v) => v !== undefined);
      return (values.length ? ms(median(values)) : '   –').padStart(10);
    });
    console.log(`  ${label.padEnd(32)}${cells.join('')}`);
  }
  console.log('module load before the clock starts (fetch + parse + evaluate, fresh incognito context; median)');
  console.log(`  openvidu-browser ESM (unminified)               ${ms(median(loads.hand))}`);
  console.log(`  ${BUNDLE.slice(1).padEnd(48)}${ms(median(loads.ours))}`);
  printProfile();
  if (failures.length) console.log(`failed measurements (${failures.length}): ${[...new Set(failures)].join('; ')}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s in all; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, ${availableParallelism()} cores)`);
} finally {
  await browser?.close().catch(() => {});
  await files?.close().catch(() => {});
  await ov?.close().catch(() => {});
}
// Everything is closed, but werift's DTLS retransmission timers (Flight5.transmit, node:timers/promises) of
// handshakes cut short can keep the event loop alive for about 30 s more: do not wait for them.
process.exit(process.exitCode ?? 0);
