// What a layout change costs for 9, 25 and 100 participants, against one frame (16.7 ms) and against baselines
// built in the same run (these machines are noisy: read the ratios). Run after `npm run build` (bench/run.mjs does).
// Not a test: it asserts nothing. LAYOUT_ROUNDS=n changes the rounds (default 200 for the maths, 15 in Chromium).
//
// 1. The maths alone (dist/core/layout.js, in Node): planStage for a grid → speaker change, against a plain
//    best-fit grid of everyone (what the stage computed before pages and speakers).
// 2. The full change in Chromium: <ov-layout> from the CDN bundle, fed room snapshots by a stand-in source
//    (`room="id"`), switched from grid to speaker (and back): the time from the new UI state to the frame after
//    Lit rendered the stage, against the same change in a room of 1.
//    LAYOUT_BASELINE=<a dist/ directory> (say an older build copied aside) measures its bundle too, alternating
//    with this one, and prints this build's time against it.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, ensureChrome } from '../scripts/chrome.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = [9, 25, 100];
const FRAME_MS = 1000 / 60;
const MATH_ROUNDS = Number(process.env.LAYOUT_ROUNDS ?? 200);
const DOM_ROUNDS = Math.max(3, Math.round(MATH_ROUNDS / 13));

if (!existsSync(`${ROOT}dist/openvidu-elements.bundle.js`)) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
const { planStage, bestGrid } = await import('../dist/core/layout.js');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const fmt = (ms) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

// 1. The maths.
console.log('Layout maths (planStage, grid then speaker, 1280x720 stage), median per change:');
for (const count of SIZES) {
  const keys = ['me', ...Array.from({ length: count - 1 }, (_, i) => `p${i}`)];
  const base = { keys, local: 'me', screens: [], width: 1280, height: 720, gap: 8, page: 0 };
  const timed = (fn) => {
    const samples = [];
    for (let round = 0; round < MATH_ROUNDS; round++) {
      const start = performance.now();
      for (let i = 0; i < 100; i++) fn(i);
      samples.push((performance.now() - start) / 100);
    }
    return median(samples);
  };
  const grid = planStage({ ...base, mode: 'grid' });
  const full = timed((i) => planStage({ ...base, mode: 'speaker', speaker: keys[1 + (i % (count - 1))], previous: grid }));
  // The layout before pages and speakers: one best-fit grid of everyone.
  const trivial = timed((i) => bestGrid(count - (i % 2), 1280, 720, 16 / 9, 8));
  console.log(`  ${String(count).padStart(3)} participants: ${fmt(full)}, ${(full / FRAME_MS).toFixed(4)}x a frame, ${(full / trivial).toFixed(1)}x one best-fit grid of everyone (${fmt(trivial)})`);
}

// 2. The full change in Chromium.
const PAGE = `<!doctype html><meta charset="utf-8"><body style="margin:0">
<div id="room"></div>
<ov-layout room="room" style="display:block;width:1280px;height:720px"></ov-layout>
<script type="module">
  import(new URLSearchParams(location.search).get('bundle') ?? '/dist/openvidu-elements.bundle.js');
  const source = document.getElementById('room');
  let listener;
  let ui;
  const makeUi = (layout) => ({ layout, setLayout() {}, openPanel: undefined, unreadChat: 0, togglePanel() {}, closePanel() {}, chatShown() {} });
  const person = (i) => ({ participantId: i ? 'p' + i : 'me', connectionId: 'c' + i, name: i ? 'Person ' + i : 'Me', isLocal: !i, publishing: true,
    microphoneOn: true, cameraOn: true, speaking: i === 3, streamId: 's' + i, attachVideo: () => () => {} });
  const snapshot = (count) => {
    const participants = Array.from({ length: count }, (_, i) => person(i));
    return { status: 'joined', lang: 'en', sessionId: 'bench', participants, local: participants[0], remotes: participants.slice(1), requestVideo: () => () => {} };
  };
  let room = snapshot(1);
  ui = makeUi('grid');
  source.subscribe = (l) => { listener = l; l(room, ui); return () => {}; };
  const layout = document.querySelector('ov-layout');
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const settled = async () => {
    await layout.updateComplete;
    await Promise.all([...layout.shadowRoot.querySelectorAll('ov-video')].map((tile) => tile.updateComplete));
  };
  window.measure = async (count, rounds) => {
    await customElements.whenDefined('ov-room');
    while (!listener) await frame();
    room = snapshot(count);
    listener(room, ui);
    await settled();
    await frame();
    const samples = [];
    for (let round = 0; round < rounds * 2; round++) {
      ui = makeUi(round % 2 ? 'grid' : 'speaker');
      const start = performance.now();
      listener(room, ui);
      await settled();
      // Style and layout of what Lit rendered, as the next frame would do them.
      layout.shadowRoot.querySelector('[part="base"]').getBoundingClientRect();
      samples.push(performance.now() - start);
      await frame();
    }
    return samples;
  };
</script>`;

const BASELINE = process.env.LAYOUT_BASELINE;
const server = createServer(async (request, response) => {
  try {
    const path = request.url.split('?')[0];
    if (path === '/') return response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const file = await readFile(BASELINE && path.startsWith('/baseline/') ? `${BASELINE}/${path.slice('/baseline/'.length)}` : `${ROOT}${path.slice(1)}`);
    response.writeHead(200, { 'content-type': 'text/javascript' }).end(file);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await puppeteer.launch({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
try {
  const samplesIn = async (count, bundle) => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`http://127.0.0.1:${server.address().port}/${bundle ? `?bundle=${bundle}` : ''}`);
    const samples = await page.evaluate((n, rounds) => window.measure(n, rounds), count, DOM_ROUNDS);
    await page.close();
    return samples;
  };
  // With a baseline: three alternating halves each, so both builds see the same moments of a noisy machine.
  const measureIn = async (count) => {
    if (!BASELINE) return { ms: median(await samplesIn(count)) };
    const ours = [];
    const theirs = [];
    for (let half = 0; half < 3; half++) {
      ours.push(...(await samplesIn(count)));
      theirs.push(...(await samplesIn(count, '/baseline/openvidu-elements.bundle.js')));
    }
    return { ms: median(ours), baseline: median(theirs) };
  };
  console.log(`\nFull change in Chromium (<ov-layout> grid <-> speaker, Lit render + style and layout, ${DOM_ROUNDS * 2} changes each${BASELINE ? ', x3 against the baseline' : ''}), median:`);
  const { ms: one } = await measureIn(1);
  for (const count of SIZES) {
    const { ms, baseline } = await measureIn(count);
    const against = baseline === undefined ? '' : `; the baseline ${fmt(baseline)} (${(baseline / FRAME_MS).toFixed(2)}x a frame), this build ${(ms / baseline).toFixed(2)}x it`;
    console.log(`  ${String(count).padStart(3)} participants: ${fmt(ms)}, ${(ms / FRAME_MS).toFixed(2)}x a frame, ${(ms / one).toFixed(1)}x a room of 1 (${fmt(one)})${against}`);
  }
} finally {
  await browser.close();
  server.close();
}
