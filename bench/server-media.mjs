// Benchmark of the local OpenVidu server's media path (demo/server): 1 publisher with 1, 4 and 8 subscribers,
// each a real Chromium page running openvidu-browser. Prints the server's CPU per forwarded stream (audio + video)
// and the time from subscribe() to the first remote video frame, as ratios against the 1-subscriber case of the
// same run. The server runs in a child process so that only its CPU is counted.
//
//   node bench/server-media.mjs            (needs `npm run build:server && npm run build:vendor` first)
//   import { runServerMediaBenchmark } from './server-media.mjs'   → resolves with the results
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CASES = [1, 4, 8];
const WARMUP_MS = 2000;
const WINDOW_MS = 5000;

const PAGE = `<!doctype html><meta charset="utf-8"><title>server bench</title><body>
<script type="module">
import { OpenVidu } from '/vendor/openvidu-browser.js';
window.benchSessions = [];
window.benchJoin = async (token, publish) => {
  const ov = new OpenVidu();
  ov.enableProdMode();
  const session = ov.initSession();
  const firstFrame = new Promise((resolve) => {
    session.on('streamCreated', (event) => {
      const start = performance.now();
      const video = document.createElement('video');
      video.muted = true;
      document.body.append(video);
      session.subscribe(event.stream, undefined).addVideoElement(video);
      video.requestVideoFrameCallback(() => resolve(performance.now() - start));
    });
  });
  await session.connect(token);
  if (publish) {
    const publisher = await ov.initPublisherAsync(undefined, { resolution: '640x480', frameRate: 30 });
    await session.publish(publisher);
  }
  window.benchSessions.push(session);
  // Subscribers resolve with the time from subscribe() to the first decoded remote frame.
  return publish ? 0 : firstFrame;
};
</script>`;

/** The child: a quiet server that serves the bench page and openvidu-browser, and reports its CPU time. */
async function child() {
  const { startLocalOpenVidu } = await import('../build/server/index.js');
  const pageDir = mkdtempSync(join(tmpdir(), 'ov-bench-'));
  writeFileSync(join(pageDir, 'index.html'), PAGE);
  const server = await startLocalOpenVidu({
    port: 0,
    quiet: true,
    static: { '/bench/': pageDir, '/vendor/': join(ROOT, 'build/vendor') },
  });
  process.on('message', async (message) => {
    if (message.cmd === 'cpu') process.send({ cpu: process.cpuUsage(), at: performance.now() });
    if (message.cmd === 'token') process.send(await server.testControl({ action: 'token', sessionId: message.sessionId }));
    if (message.cmd === 'state') process.send(await server.testControl({ action: 'state' }));
    if (message.cmd === 'close') {
      await server.close();
      rmSync(pageDir, { recursive: true, force: true });
      process.send({ closed: true }, () => process.exit(0));
    }
  });
  process.send({ url: server.url });
}

function ask(proc, message) {
  return new Promise((resolve) => {
    proc.once('message', resolve);
    proc.send(message);
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Runs the three cases; resolves with [{subscribers, cpuPercent, cpuPerStream (% of one core), firstFrameMs (median),
 * packetsPerSecond (RTP received from the publisher)}].
 */
export async function runServerMediaBenchmark({ cases = CASES, log = console.log } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const { CHROME_FLAGS, ensureChrome } = await import('../scripts/chrome.mjs');
  const server = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  server.on('exit', (code, signal) => { if (process.env.BENCH_DEBUG) log(`server exited: ${code} ${signal}`); });
  const { url } = await new Promise((resolve) => server.once('message', resolve));
  const browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
  const results = [];
  try {
    for (const subscribers of cases) {
      const sessionId = `bench-${subscribers}`;
      const open = async () => {
        const page = await browser.newPage();
        await page.goto(`${url}/bench/`);
        await page.waitForFunction(() => typeof window.benchJoin === 'function');
        return page;
      };
      const debug = process.env.BENCH_DEBUG ? (m) => log(`    ${m}`) : () => {};
      const publisher = await open();
      debug("publisher page open");
      const { token } = await ask(server, { cmd: 'token', sessionId });
      await publisher.evaluate((t) => window.benchJoin(t, true), token);
      debug("published");
      // All subscribers live in one page (one OpenVidu object each): the server sees N independent participants,
      // and Chromium's own load on these two-core machines stays small.
      const page = await open();
      const pages = [page];
      const tokens = [];
      for (let i = 0; i < subscribers; i += 1) tokens.push((await ask(server, { cmd: 'token', sessionId })).token); // one question at a time on the IPC channel
      const firstFrames = await page.evaluate((list) => Promise.all(list.map((t) => window.benchJoin(t, false))), tokens);
      debug(`first frames ${firstFrames}`);
      await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
      const before = await ask(server, { cmd: 'cpu' });
      const packetsBefore = (await ask(server, { cmd: 'state' })).media.packetsReceived;
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
      const after = await ask(server, { cmd: 'cpu' });
      const packetsAfter = (await ask(server, { cmd: 'state' })).media.packetsReceived;
      const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
      const cpuPercent = (100 * cpuMs) / (after.at - before.at);
      const packetsPerSecond = (1000 * (packetsAfter - packetsBefore)) / (after.at - before.at);
      results.push({ subscribers, cpuPercent, cpuPerStream: cpuPercent / subscribers, firstFrameMs: median(firstFrames), packetsPerSecond });
      for (const p of [publisher, ...pages]) await p.evaluate(() => window.benchSessions.forEach((s) => s.disconnect()));
      for (const p of [publisher, ...pages]) await p.close();
      log(`  ${subscribers} subscriber(s) measured`);
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
  log('subscribers  RTP in/s  server CPU (% of one core)  per forwarded stream  ratio  first remote frame (median)  ratio');
  for (const r of results) {
    log(
      `${String(r.subscribers).padStart(11)}  ${r.packetsPerSecond.toFixed(0).padStart(8)}  ${r.cpuPercent.toFixed(1).padStart(26)}  ${r.cpuPerStream.toFixed(2).padStart(20)}  ${(r.cpuPerStream / base.cpuPerStream).toFixed(2).padStart(5)}  ${`${r.firstFrameMs.toFixed(0)} ms`.padStart(27)}  ${(r.firstFrameMs / base.firstFrameMs).toFixed(2).padStart(5)}`,
    );
  }
  log(`(ratios against the ${base.subscribers}-subscriber case of this run; one stream = 640x480 VP8 video + Opus audio)`);
}

if (process.argv.includes('--child')) {
  await child();
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const results = await runServerMediaBenchmark();
  printResults(results);
  console.log(`(benchmark took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
