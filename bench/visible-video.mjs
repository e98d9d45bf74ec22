// Benchmark of "video only for what is on screen": one Chromium page in a session of 24 bots of the local server,
// either <ov-room> from the CDN bundle (1280x720, max-tiles 9: you and 8 others a page, three pages) or, as the
// baseline of the same run, a hand-written openvidu-browser page that subscribes to everything (what a room did
// before). For each: the video and audio streams the page receives (inbound-rtp whose bytes grow), its video and
// audio bytes per second, and the server's CPU and RTP packets out per second, as ratios to the baseline. Then the
// page turns of <ov-room>: from the click on "Next page" until every tile of the new page shows frames, against
// fresh subscriptions of the hand-written page to as many streams (until all show a frame). The server runs in
// a child process so that only its CPU is counted. Not a test: it asserts nothing.
//
//   node bench/visible-video.mjs      (needs `npm run build` first; bench/run.mjs does it)
//
// VISIBLE_BASELINE=<dir> measures page turns only, of this build and of an older one, each with its own local server
// and bundle, in alternating blocks of four turns (PAGE_TURN_BLOCKS=n blocks each, default 4), and prints both. <dir>
// holds the older build's dist/, build/server/ and demo/server/bot-media/, and lies inside this checkout (so that
// its server finds node_modules), e.g. build/baseline/ made from main with
//   git archive main demo/server | tar -x -C build/baseline && (cd build/baseline && npx tsc -p demo/server/tsconfig.json)
// and a copy of main's dist/.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOTS = 24;
const MAX_TILES = 9;
const WARMUP_MS = 3000;
const WINDOW_MS = 5000;

/** In both pages: every RTCPeerConnection (to read its stats), and what it receives over a window. */
const MEASURE = `
window.benchPcs = [];
const NativePc = RTCPeerConnection;
window.RTCPeerConnection = class extends NativePc {
  constructor(...args) { super(...args); window.benchPcs.push(this); }
};
const inbound = async () => {
  const streams = new Map();
  for (const pc of window.benchPcs) {
    if (pc.connectionState === 'closed') continue;
    (await pc.getStats()).forEach((r) => {
      if (r.type === 'inbound-rtp') streams.set(r.kind + ' ' + (r.trackIdentifier ?? r.id), { kind: r.kind, bytes: r.bytesReceived ?? 0 });
    });
  }
  return streams;
};
// Streams whose bytes grew over the window, by kind, and the bytes per second they brought.
window.benchReceived = async (ms) => {
  const before = await inbound();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = await inbound();
  const seconds = (performance.now() - started) / 1000;
  const result = { video: { streams: 0, bytesPerSecond: 0 }, audio: { streams: 0, bytesPerSecond: 0 } };
  for (const [key, now] of after) {
    const grown = now.bytes - (before.get(key)?.bytes ?? now.bytes);
    if (grown <= 0) continue;
    result[now.kind].streams += 1;
    result[now.kind].bytesPerSecond += grown / seconds;
  }
  return result;
};
`;

const HAND_PAGE = `<!doctype html><meta charset="utf-8"><title>visible-video bench: everything</title><body>
<script>${MEASURE}</script>
<script type="module">
import { OpenVidu } from '/vendor/openvidu-browser.js';
// Subscribes to every stream with video; resolves with each subscription's time from subscribe to first frame.
window.benchJoin = async (token, subscribe = true) => {
  const ov = new OpenVidu();
  ov.enableProdMode();
  const session = ov.initSession();
  const firstFrames = [];
  session.on('streamCreated', (event) => {
    if (!subscribe) return;
    const video = document.createElement('video');
    video.muted = true;
    video.width = 160;
    document.body.append(video);
    const subscribed = performance.now();
    const subscriber = session.subscribe(event.stream, undefined);
    subscriber.addVideoElement(video);
    firstFrames.push(new Promise((resolve) => video.requestVideoFrameCallback(() => resolve(performance.now() - subscribed))));
  });
  await session.connect(token);
  window.benchSession = session;
  await new Promise((resolve) => setTimeout(resolve, 0)); // the streams there fire streamCreated after connect
  return Promise.all(firstFrames);
};
// Fresh subscriptions with video to \`count\` of the streams (the next ones each time), as many as a page of tiles:
// resolves with the time until all show a frame, then unsubscribes them.
let next = 0;
window.benchFresh = async (count) => {
  const session = window.benchSession;
  const streams = [...session.remoteConnections.values()].map((c) => c.stream).filter(Boolean);
  const chosen = Array.from({ length: count }, (_, i) => streams[(next + i) % streams.length]);
  next += count;
  const started = performance.now();
  const subscribers = chosen.map((stream) => {
    const video = document.createElement('video');
    video.muted = true;
    video.width = 160;
    document.body.append(video);
    const subscriber = session.subscribe(stream, undefined);
    subscriber.addVideoElement(video);
    return { subscriber, video, frame: new Promise((resolve) => video.requestVideoFrameCallback(resolve)) };
  });
  await Promise.all(subscribers.map((s) => s.frame));
  const ms = performance.now() - started;
  for (const { subscriber, video } of subscribers) {
    await session.unsubscribe(subscriber);
    video.remove();
  }
  return ms;
};
window.benchLeave = () => window.benchSession.disconnect();
</script>`;

const ROOM_PAGE = `<!doctype html><meta charset="utf-8"><title>visible-video bench: ov-room</title>
<style>body { margin: 0 } ov-room { display: block; width: 100vw; height: 100vh }</style><body>
<script>${MEASURE}</script>
<script type="module" src="/dist/openvidu-elements.bundle.js"></script>
<script type="module">
const deep = (root, selector) => [...root.querySelectorAll(selector), ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? deep(el.shadowRoot, selector) : []))];
const layout = () => window.benchRoom.shadowRoot.querySelector('ov-layout').shadowRoot;
const status = () => layout().querySelector('[part="page-status"]')?.textContent.trim() ?? '';
// The tiles a person sees: not those of other pages kept hidden for a quick way back.
const remoteTiles = () => deep(layout(), 'ov-video').filter((tile) => tile.shownParticipant && !tile.shownParticipant.isLocal && !tile.closest('[hidden]'));
const showsFrames = (tile) => {
  const video = tile.shadowRoot.querySelector('video');
  return video.videoWidth > 0 && tile.shadowRoot.querySelector('[part="placeholder"]').hidden;
};
const until = (predicate) => new Promise((resolve) => {
  const check = () => (predicate() ? resolve() : requestAnimationFrame(check));
  check();
});
window.benchJoin = async (sessionId, count) => {
  const room = document.createElement('ov-room');
  Object.assign(room, { tokenUrl: '/api', sessionId, participantName: 'Bench', noPrejoin: true, noPublish: true, maxTiles: ${MAX_TILES} });
  window.benchRoom = room;
  document.body.append(room);
  await new Promise((resolve) => room.addEventListener('ov-joined', resolve, { once: true }));
  await until(() => room.state.participants.length === count + 1 && remoteTiles().length > 0 && remoteTiles().every(showsFrames));
  return status();
};
// Turns to the next page; resolves with the time until every tile of the new page shows frames.
window.benchNextPage = async () => {
  const before = status();
  const started = performance.now();
  layout().querySelector('[part~="next"]').click();
  await until(() => status() !== before && remoteTiles().length > 0 && remoteTiles().every(showsFrames));
  return { ms: performance.now() - started, status: status() };
};
window.benchFirstPage = async () => {
  while (!status().startsWith('Page 1 ')) {
    layout().querySelector('[part~="previous"]').click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  await until(() => remoteTiles().every(showsFrames));
};
window.benchLeave = () => window.benchRoom.remove();
</script>`;

/** The child: a quiet server that serves the pages, the bundle and openvidu-browser, and reports its CPU time. */
async function child(root = ROOT) {
  const { startLocalOpenVidu } = await import(pathToFileURL(join(root, 'build/server/index.js')).href);
  const pageDir = mkdtempSync(join(tmpdir(), 'ov-bench-visible-'));
  writeFileSync(join(pageDir, 'hand.html'), HAND_PAGE);
  writeFileSync(join(pageDir, 'room.html'), ROOM_PAGE);
  const server = await startLocalOpenVidu({
    port: 0,
    quiet: true,
    static: {
      '/bench/': pageDir,
      '/vendor/': join(ROOT, 'build/vendor'),
      '/dist/': join(root, 'dist'),
    },
  });
  process.on('message', async (message) => {
    if (message.cmd === 'cpu') process.send({ cpu: process.cpuUsage(), at: performance.now() });
    else if (message.cmd === 'state') process.send(await server.testControl({ action: 'state' }));
    else if (message.cmd === 'close') {
      await server.close();
      rmSync(pageDir, { recursive: true, force: true });
      process.send({ closed: true }, () => process.exit(0));
    } else process.send(await server.testControl(message.control));
  });
  process.send({ url: server.url });
}

function ask(proc, message) {
  return new Promise((resolve) => {
    proc.once('message', resolve);
    proc.send(message);
  });
}

/** RTP packets the server has handed to subscribers so far. */
async function packetsOut(server) {
  const state = await ask(server, { cmd: 'state' });
  let packets = 0;
  for (const session of state.sessions) for (const c of session.connections) for (const r of Object.values(c.received)) packets += r.packets.audio + r.packets.video;
  return packets;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The page's reception and the server's work over WINDOW_MS, after WARMUP_MS. */
async function measure(server, page) {
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const cpuBefore = await ask(server, { cmd: 'cpu' });
  const packetsBefore = await packetsOut(server);
  const received = await page.evaluate((ms) => window.benchReceived(ms), WINDOW_MS);
  const cpuAfter = await ask(server, { cmd: 'cpu' });
  const packetsAfter = await packetsOut(server);
  const elapsed = cpuAfter.at - cpuBefore.at;
  const cpuMs = (cpuAfter.cpu.user + cpuAfter.cpu.system - cpuBefore.cpu.user - cpuBefore.cpu.system) / 1000;
  return { ...received, cpuPercent: (100 * cpuMs) / elapsed, packetsOutPerSecond: (1000 * (packetsAfter - packetsBefore)) / elapsed };
}

/** Resolves with {everything, room, firstFrameMs (on joining), freshMs (a page's worth), pageTurns: [{ms, status}], firstStatus}. */
export async function runVisibleVideoBenchmark({ log = console.log } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const { CHROME_FLAGS, ensureChrome } = await import('../scripts/chrome.mjs');
  const startServer = async (root) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--child', ...(root ? [root] : [])], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const { url } = await new Promise((resolve) => proc.once('message', resolve));
    return { proc, url };
  };
  const servers = [await startServer()];
  if (process.env.VISIBLE_BASELINE) servers.push(await startServer(resolvePath(process.env.VISIBLE_BASELINE)));
  const [{ proc: server, url }] = servers;
  const browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
  const open = async (path, at = url) => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(`${at}/bench/${path}`);
    await page.waitForFunction(() => typeof window.benchJoin === 'function');
    return page;
  };
  /** One join of <ov-room> (of this build, or the baseline's on its own server), four page turns, and the leave. */
  const turnBlock = async (sessionId, at) => {
    const roomPage = await open('room.html', at);
    await roomPage.evaluate((id, count) => window.benchJoin(id, count), sessionId, BOTS);
    const turns = [];
    for (let turn = 0; turn < 4; turn++) {
      if (turn === 2) await roomPage.evaluate(() => window.benchFirstPage());
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the previous page's video stops after the hold
      turns.push((await roomPage.evaluate(() => window.benchNextPage())).ms);
    }
    await roomPage.evaluate(() => window.benchLeave());
    await roomPage.close();
    return turns;
  };
  try {
    const sessionId = 'bench-visible-video';
    await ask(server, { control: { action: 'add-bots', sessionId, count: BOTS } });
    if (process.env.VISIBLE_BASELINE) {
      await ask(servers[1].proc, { control: { action: 'add-bots', sessionId, count: BOTS } });
      const ours = [];
      const theirs = [];
      for (let block = 0; block < Number(process.env.PAGE_TURN_BLOCKS ?? 4); block++) {
        ours.push(...(await turnBlock(sessionId)));
        theirs.push(...(await turnBlock(sessionId, servers[1].url)));
        log(`  measured: page turns, block ${block + 1}`);
      }
      return { baselineTurns: { ours, theirs } };
    }

    const hand = await open('hand.html');
    const { token } = await ask(server, { control: { action: 'token', sessionId } });
    const firstFrames = await hand.evaluate((t) => window.benchJoin(t), token);
    const everything = await measure(server, hand);
    await hand.evaluate(() => window.benchLeave());
    await hand.close();
    log('  measured: the page that subscribes to everything');

    // The same work as a page turn without video-reception: fresh subscriptions to a page's worth of streams.
    const fresh = await open('hand.html');
    const { token: freshToken } = await ask(server, { control: { action: 'token', sessionId } });
    await fresh.evaluate((t) => window.benchJoin(t, false), freshToken);
    const freshMs = [];
    for (let turn = 0; turn < 4; turn++) freshMs.push(await fresh.evaluate((n) => window.benchFresh(n), MAX_TILES - 1));
    await fresh.evaluate(() => window.benchLeave());
    await fresh.close();
    log('  measured: fresh subscriptions');

    const roomPage = await open('room.html');
    const firstStatus = await roomPage.evaluate((id, count) => window.benchJoin(id, count), sessionId, BOTS);
    const room = await measure(server, roomPage);
    log('  measured: <ov-room>');
    const pageTurns = [];
    for (let turn = 0; turn < 2; turn++) {
      pageTurns.push(await roomPage.evaluate(() => window.benchNextPage()));
      await new Promise((resolve) => setTimeout(resolve, 2000)); // the previous page's video stops after the hold
    }
    await roomPage.evaluate(() => window.benchFirstPage());
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (let turn = 0; turn < 2; turn++) {
      pageTurns.push(await roomPage.evaluate(() => window.benchNextPage()));
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    log('  measured: page turns');
    await roomPage.evaluate(() => window.benchLeave());
    await roomPage.close();
    await ask(server, { control: { action: 'remove-bots', sessionId } });
    return { everything, room, firstFrameMs: median(firstFrames), freshMs, pageTurns, firstStatus };
  } finally {
    await browser.close();
    for (const { proc } of servers) {
      if (proc.connected) await ask(proc, { cmd: 'close' });
      if (proc.exitCode === null) proc.kill();
    }
  }
}

const quartiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${median(values).toFixed(0)} ms, quartiles ${at(0.25).toFixed(0)}–${at(0.75).toFixed(0)}, range ${sorted[0].toFixed(0)}–${sorted.at(-1).toFixed(0)} (${values.length} turns)`;
};

export function printResults(r, log = console.log) {
  if (r.baselineTurns) {
    const { ours, theirs } = r.baselineTurns;
    log(`page turn until every new tile shows frames (${BOTS} bots, max-tiles ${MAX_TILES}), alternating blocks of 4 turns:`);
    log(`  this build: ${quartiles(ours)}`);
    log(`  baseline:   ${quartiles(theirs)}`);
    log(`  this build / baseline: ${(median(ours) / median(theirs)).toFixed(2)}x (medians)`);
    log(`(load average ${loadavg()[0].toFixed(1)} on this machine; one run)`);
    return;
  }
  const row = (name, everything, room, digits = 0) =>
    log(`${name.padEnd(34)}${everything.toFixed(digits).padStart(12)}${room.toFixed(digits).padStart(12)}${(room / everything).toFixed(2).padStart(8)}x`);
  log(`${BOTS} bots; <ov-room> at 1280x720 with max-tiles ${MAX_TILES} (${r.firstStatus || 'one page'})`);
  log(`${''.padEnd(34)}${'everything'.padStart(12)}${'<ov-room>'.padStart(12)}   ratio`);
  row('video streams received', r.everything.video.streams, r.room.video.streams);
  row('video kB/s received', r.everything.video.bytesPerSecond / 1000, r.room.video.bytesPerSecond / 1000, 1);
  row('audio streams received', r.everything.audio.streams, r.room.audio.streams);
  row('audio kB/s received', r.everything.audio.bytesPerSecond / 1000, r.room.audio.bytesPerSecond / 1000, 1);
  row('server RTP packets out/s', r.everything.packetsOutPerSecond, r.room.packetsOutPerSecond);
  row('server CPU (% of one core)', r.everything.cpuPercent, r.room.cpuPercent, 1);
  const turns = r.pageTurns.map((t) => t.ms);
  const list = (values) => values.map((ms) => ms.toFixed(0)).join(', ');
  log(`page turn until every new tile shows frames: median ${median(turns).toFixed(0)} ms (${list(turns)})`);
  log(
    `  ${(median(turns) / median(r.freshMs)).toFixed(2)}x fresh subscriptions to ${MAX_TILES - 1} streams until all show a frame (median ${median(r.freshMs).toFixed(0)} ms: ${list(r.freshMs)}); ` +
      `first frames on joining with all ${BOTS}: median ${r.firstFrameMs.toFixed(0)} ms`,
  );
  log(`(load average ${loadavg()[0].toFixed(1)} on this machine; one run)`);
}

if (process.argv.includes('--child')) {
  await child(process.argv[process.argv.indexOf('--child') + 1]);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  printResults(await runVisibleVideoBenchmark());
  console.log(`(benchmark took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
