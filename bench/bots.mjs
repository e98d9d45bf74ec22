// Benchmark of the local server's synthetic participants (`--bots`, demo/server/bots.ts): the server's CPU with 24 bots
// and one Chromium page (real openvidu-browser) that subscribes to none of them, to all of them with audio only, and
// to all of them with audio and video, as ratios against a baseline measured in the same run: one browser publisher
// (640x480, 30 fps, with audio) received by one browser subscriber, i.e. what one real participant seen by one other
// costs. The server runs in a child process so that only its CPU is counted.
//
//   node bench/bots.mjs            (needs `npm run build:server && npm run build:vendor` first)
//   import { runBotsBenchmark } from './bots.mjs'   → resolves with the results
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOTS = 24;
const WARMUP_MS = 2000;
const WINDOW_MS = 5000;

const PAGE = `<!doctype html><meta charset="utf-8"><title>bots bench</title><body>
<script type="module">
import { OpenVidu } from '/vendor/openvidu-browser.js';
window.benchSessions = [];
const playing = (video) => new Promise((resolve) => video.requestVideoFrameCallback(() => resolve()));
const audioArrives = (subscriber) => new Promise((resolve) => {
  const check = async () => {
    const stats = await subscriber.stream.getRTCPeerConnection().getStats();
    let bytes = 0;
    stats.forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived; });
    if (bytes > 0) resolve(); else setTimeout(check, 50);
  };
  check();
});
// subscribe: 'none' | 'audio' | 'all'. Resolves once every subscription receives what it asked for.
window.benchJoin = async (token, { publish = false, subscribe = 'none' } = {}) => {
  const ov = new OpenVidu();
  ov.enableProdMode();
  const session = ov.initSession();
  const ready = [];
  session.on('streamCreated', (event) => {
    if (subscribe === 'none') return;
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    const subscriber = session.subscribe(event.stream, undefined, { receiveVideo: subscribe === 'all' });
    subscriber.addVideoElement(video);
    ready.push(subscribe === 'all' ? playing(video) : audioArrives(subscriber));
  });
  await session.connect(token);
  if (publish) await session.publish(await ov.initPublisherAsync(undefined, { resolution: '640x480', frameRate: 30 }));
  window.benchSessions.push(session);
  await new Promise((resolve) => setTimeout(resolve, 0)); // streamCreated of the existing streams fire after connect
  await Promise.all(ready);
  return ready.length;
};
</script>`;

/** The child: a quiet server that serves the bench page and openvidu-browser, and reports its CPU time. */
async function child() {
  const { startLocalOpenVidu } = await import('../build/server/index.js');
  const pageDir = mkdtempSync(join(tmpdir(), 'ov-bench-bots-'));
  writeFileSync(join(pageDir, 'index.html'), PAGE);
  const server = await startLocalOpenVidu({ port: 0, quiet: true, static: { '/bench/': pageDir, '/vendor/': join(ROOT, 'build/vendor') } });
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

const CASES = [
  { name: 'baseline: 1 browser publisher, 1 subscriber', bots: 0, publisher: true, subscribe: 'all' },
  { name: `${BOTS} bots, 1 browser subscribed to none`, bots: BOTS, publisher: false, subscribe: 'none' },
  { name: `${BOTS} bots, 1 browser subscribed to all, audio only`, bots: BOTS, publisher: false, subscribe: 'audio' },
  { name: `${BOTS} bots, 1 browser subscribed to all, audio and video`, bots: BOTS, publisher: false, subscribe: 'all' },
];

/** Runs every case; resolves with [{name, streams, cpuPercent (% of one core), packetsOutPerSecond}]. */
export async function runBotsBenchmark({ cases = CASES, log = console.log } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const { CHROME_FLAGS, ensureChrome } = await import('../scripts/chrome.mjs');
  const server = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url } = await new Promise((resolve) => server.once('message', resolve));
  const browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
  const results = [];
  try {
    for (const [index, c] of cases.entries()) {
      const sessionId = `bench-bots-${index}`;
      const pages = [];
      const open = async () => {
        const page = await browser.newPage();
        pages.push(page);
        await page.goto(`${url}/bench/`);
        await page.waitForFunction(() => typeof window.benchJoin === 'function');
        return page;
      };
      if (c.bots) await ask(server, { control: { action: 'add-bots', sessionId, count: c.bots } });
      if (c.publisher) {
        const { token } = await ask(server, { control: { action: 'token', sessionId } });
        await (await open()).evaluate((t) => window.benchJoin(t, { publish: true }), token);
      }
      const { token } = await ask(server, { control: { action: 'token', sessionId } });
      const streams = await (await open()).evaluate((t, subscribe) => window.benchJoin(t, { subscribe }), token, c.subscribe);
      await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
      const before = await ask(server, { cmd: 'cpu' });
      const packetsBefore = await packetsOut(server);
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
      const after = await ask(server, { cmd: 'cpu' });
      const packetsAfter = await packetsOut(server);
      const elapsed = after.at - before.at;
      const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
      results.push({ name: c.name, streams, cpuPercent: (100 * cpuMs) / elapsed, packetsOutPerSecond: (1000 * (packetsAfter - packetsBefore)) / elapsed });
      for (const page of pages) await page.evaluate(() => window.benchSessions.forEach((s) => s.disconnect()));
      for (const page of pages) await page.close();
      if (c.bots) await ask(server, { control: { action: 'remove-bots', sessionId } });
      log(`  measured: ${c.name}`);
    }
  } finally {
    await browser.close();
    if (server.connected) await ask(server, { cmd: 'close' });
    if (server.exitCode === null) server.kill();
  }
  return results;
}

export function printResults(results, log = console.log) {
  const base = results[0];
  log('case                                                   streams received  RTP out/s  server CPU (% of one core)  ratio');
  for (const r of results) {
    log(
      `${r.name.padEnd(55)}  ${String(r.streams).padStart(16)}  ${r.packetsOutPerSecond.toFixed(0).padStart(9)}  ${r.cpuPercent.toFixed(1).padStart(26)}  ${(r.cpuPercent / base.cpuPercent).toFixed(2).padStart(5)}`,
    );
  }
  log('(ratios against the baseline of this run; a bot sends 320x240 15 fps VP8 (about 90 kbit/s) and Opus, the browser publisher 640x480 30 fps)');
}

if (process.argv.includes('--child')) {
  await child();
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  printResults(await runBotsBenchmark());
  console.log(`(benchmark took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
