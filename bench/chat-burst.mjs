// Chat under a burst: the time for <ov-chat> to show the last of 500 messages that arrive at once, against the time
// for one message, in the same run (the ratio is what to read: these machines are noisy). Run after `npm run build`
// (bench/run.mjs does). Not a test: it asserts nothing. CHAT_BURST_ROUNDS=n changes the count (default 9),
// CHAT_BURST_SIZE=n the burst (default 500).
//
// Each round, for each case (1 message, then the burst; the order turns every round): a fresh <ov-room> from the
// CDN bundle joins a fresh session on the local server (watch only: no camera) with its chat open; the server then
// sends the chat signals in one synchronous loop, so they leave on the WebSocket back to back, as a flood from
// peers would. The clock runs in the page from the first `ov-chat-message` to the first animation frame at which
// the chat's list shows the last message; the longest gap between frames in that time is reported as well (how
// long the page could not paint, nor answer a key). The room keeps the last 200 messages (CHAT_HISTORY), so the
// burst also measures that cap at work.
import { availableParallelism, loadavg } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, ensureChrome } from '../scripts/chrome.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.CHAT_BURST_ROUNDS ?? 9);
const BURST = Number(process.env.CHAT_BURST_SIZE ?? 500);
const STEP_TIMEOUT_MS = 30_000;

const { startLocalOpenVidu } = await import('../build/server/index.js').catch(() => {
  console.error('build/server/index.js is missing: run `npm run build` first.');
  process.exit(1);
});
if (!existsSync(`${ROOT}dist/openvidu-elements.bundle.js`)) {
  console.error('dist/openvidu-elements.bundle.js is missing: run `npm run build` first.');
  process.exit(1);
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>chat burst</title>
<script type="module" src="/dist/openvidu-elements.bundle.js"></script></head>
<body style="margin:0"><div id="stage" style="width:900px;height:700px"></div></body></html>`;

/** In the page: joins a room with its chat open; resolves once the chat is shown. */
async function joinRoom(sessionId, tokenUrl) {
  await customElements.whenDefined('ov-room');
  const room = document.createElement('ov-room');
  Object.assign(room, { tokenUrl, sessionId, participantName: 'Reader', noPrejoin: true, noPublish: true, noRemember: true });
  room.style.height = '700px';
  const joined = new Promise((resolve, reject) => {
    room.addEventListener('ov-joined', resolve, { once: true });
    room.addEventListener('ov-error', (event) => reject(new Error(JSON.stringify(event.detail))), { once: true });
  });
  document.getElementById('stage').replaceChildren(room);
  await joined;
  room.ui.togglePanel('chat');
  for (let i = 0; i < 200 && !room.shadowRoot.querySelector('ov-chat')?.shadowRoot?.querySelector('textarea'); i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  // From the first message on, every frame is watched until the list shows `last`.
  window.burstResult = new Promise((resolve) => {
    room.addEventListener(
      'ov-chat-message',
      () => {
        const start = performance.now();
        let previous = start;
        let longestGap = 0;
        const frame = (now) => {
          longestGap = Math.max(longestGap, now - previous);
          previous = now;
          const chat = room.shadowRoot.querySelector('ov-chat');
          const texts = chat?.shadowRoot?.querySelectorAll('[part="message"] [part="text"]');
          const shown = texts?.[texts.length - 1]?.textContent;
          if (shown === window.burstLast) resolve({ ms: now - start, longestGap, shown: texts.length });
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      },
      { once: true },
    );
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
};
const spread = (values) => `${quantile(values, 0.25).toFixed(0)}–${quantile(values, 0.75).toFixed(0)}`;
const within = (promise, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS))]);

export async function runChatBurstBenchmark({ rounds = ROUNDS, burst = BURST } = {}) {
  // The page comes from the server itself (Chromium blocks a page it cannot place from reaching loopback).
  const pageDir = `${ROOT}build/bench-chat/`;
  await mkdir(pageDir, { recursive: true });
  await writeFile(`${pageDir}index.html`, PAGE);
  const server = await startLocalOpenVidu({
    host: '127.0.0.1',
    port: 0,
    secret: 'BENCH_SECRET',
    quiet: true,
    static: { '/dist/': `${ROOT}dist`, '/bench-chat/': pageDir },
  });
  const browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
  const results = { 1: [], [burst]: [] };
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    if (process.env.CHAT_BURST_DEBUG) page.on('console', (m) => console.log('page:', m.text()));
    await page.goto(`${server.url}/bench-chat/`);
    for (let round = 0; round < rounds; round++) {
      const cases = round % 2 ? [burst, 1] : [1, burst];
      for (const count of cases) {
        const sessionId = `chat-burst-${round}-${count}`;
        await within(page.evaluate(joinRoom, sessionId, `${server.url}/api`), `joining ${sessionId}`);
        const last = `message ${count} of ${count}`;
        await page.evaluate((text) => (window.burstLast = text), last);
        const session = server.core.getSession(sessionId);
        // One synchronous loop: every signal is on the socket before the page sees the first.
        for (let i = 1; i <= count; i++) {
          server.core.sendSignal(session, { type: 'chat', data: JSON.stringify({ message: `message ${i} of ${count}`, nickname: 'Peer' }) });
        }
        const measured = await within(page.evaluate(() => window.burstResult), `${count} message(s) in ${sessionId}`);
        results[count].push(measured);
        if (process.env.CHAT_BURST_DEBUG) console.log(round, count, measured);
      }
    }
    await page.evaluate(() => document.getElementById('stage').replaceChildren());
  } finally {
    await browser.close();
    await server.close();
  }
  return { rounds, burst, results };
}

export function printResults({ rounds, burst, results }) {
  const one = results[1].map((r) => r.ms);
  const many = results[burst].map((r) => r.ms);
  const perRound = many.map((ms, i) => ms / one[i]);
  console.log(`<ov-chat> showing the last message, ${rounds} rounds (median, interquartile range), load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores:`);
  console.log(`  1 message:           ${median(one).toFixed(0)} ms (${spread(one)})`);
  console.log(`  ${burst} in a burst:     ${median(many).toFixed(0)} ms (${spread(many)}), longest frame gap ${median(results[burst].map((r) => r.longestGap)).toFixed(0)} ms (median), ${results[burst][0].shown} messages kept in the list`);
  console.log(`  ratio ${burst}/1: ${(median(many) / median(one)).toFixed(1)}x (per round ${median(perRound).toFixed(1)}x, ${quantile(perRound, 0.25).toFixed(1)}–${quantile(perRound, 0.75).toFixed(1)})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printResults(await runChatBurstBenchmark());
}
