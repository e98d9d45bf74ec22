// `npm run screenshots`: pictures of the real elements for the README, in Chromium against the local server, into
// docs/. The camera is a drawn clip (scripts/fake-camera.mjs) and the other participants are the server's bots;
// the shared screen is a slide the page draws on a canvas (getDisplayMedia would give Chromium's test pattern).
// PNGs go through pngquant when it is installed (apt-get install pngquant), which makes them about 3x smaller.
// Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { DEFAULT_STATIC, startLocalOpenVidu } from '../build/server/index.js';
import { CHROME_FLAGS, ensureChrome } from './chrome.mjs';
import { fakeCameraFile } from './fake-camera.mjs';

const OUT = 'docs';
const PAGE_DIR = 'build/screenshots-page';
const DESKTOP = { width: 1200, height: 760, deviceScaleFactor: 1 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// The page: one <ov-room> filling the window, configured from the query string.
mkdirSync(PAGE_DIR, { recursive: true });
writeFileSync(
  `${PAGE_DIR}/index.html`,
  `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <script type="module" src="/dist/openvidu-elements.bundle.js"></script>
  <style>html, body { margin: 0; height: 100%; background: #1b1d22; } ov-room { display: block; height: 100vh; }</style>
</head>
<body>
  <script type="module">
    const query = new URLSearchParams(location.search);
    const room = document.createElement('ov-room');
    room.setAttribute('token-url', query.get('tokenUrl') || '/api');
    room.setAttribute('session-id', query.get('session'));
    room.setAttribute('participant-name', query.get('name'));
    room.setAttribute('no-remember', '');
    if (query.has('join')) room.setAttribute('no-prejoin', '');
    if (query.has('watch')) room.setAttribute('no-publish', '');
    document.body.append(room);
  </script>
</body>
</html>
`,
);

/** Before the page's scripts: getDisplayMedia answers with a canvas that shows a slide. */
function drawnScreen() {
  navigator.mediaDevices.getDisplayMedia = async () => {
    const canvas = Object.assign(document.createElement('canvas'), { width: 1280, height: 720 });
    const g = canvas.getContext('2d');
    const draw = () => {
      g.fillStyle = '#fbfaf7';
      g.fillRect(0, 0, 1280, 720);
      g.fillStyle = '#1f4e5f';
      g.fillRect(0, 0, 1280, 120);
      g.fillStyle = '#fff';
      g.font = 'bold 52px sans-serif';
      g.fillText('Q3 roadmap', 64, 80);
      g.fillStyle = '#2b2b2b';
      g.font = '34px sans-serif';
      ['Faster joins on slow networks', 'Rooms of 100 with pages', 'Recording for everyone', 'Eight languages'].forEach((line, i) => {
        g.fillStyle = '#3a8f8a';
        g.beginPath();
        g.arc(84, 210 + i * 78, 10, 0, 2 * Math.PI);
        g.fill();
        g.fillStyle = '#2b2b2b';
        g.fillText(line, 112, 222 + i * 78);
      });
      const bars = [180, 260, 230, 340, 410];
      bars.forEach((h, i) => {
        g.fillStyle = i === bars.length - 1 ? '#e0884f' : '#7fb8b3';
        g.fillRect(760 + i * 92, 640 - h, 64, h);
      });
      g.fillStyle = '#555';
      g.font = '24px sans-serif';
      g.fillText('Weekly active rooms', 790, 680);
    };
    draw();
    setInterval(draw, 500);
    const stream = canvas.captureStream(5);
    const [track] = stream.getVideoTracks();
    // What a real screen track says; openvidu-browser reads it.
    track.getSettings = () => ({ width: 1280, height: 720, frameRate: 5, displaySurface: 'monitor' });
    return stream;
  };
}

/** Resolves once `count` videos play somewhere in the page's shadow roots (frames decoded and time moving). */
async function videosPlaying(page, count) {
  await page.waitForFunction(
    (wanted) => {
      const videos = (root) => [...root.querySelectorAll('*')].flatMap((el) => [...(el.localName === 'video' ? [el] : []), ...(el.shadowRoot ? videos(el.shadowRoot) : [])]);
      return videos(document).filter((v) => v.videoWidth > 0 && v.currentTime > 0.5 && !v.paused).length >= wanted;
    },
    { timeout: 30_000, polling: 200 },
    count,
  );
}

/** Opens or closes a panel of the meeting: clicks the button of its `<ov-panel-toggle>`, as a person would. */
async function togglePanel(page, panel) {
  const clicked = await page.evaluate((name) => {
    const all = (root) => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
    const toggle = all(document).find((el) => el.localName === 'ov-panel-toggle' && el.panel === name);
    const button = toggle?.shadowRoot?.querySelector('button');
    button?.click();
    return !!button;
  }, panel);
  if (!clicked) throw new Error(`no <ov-panel-toggle panel="${panel}">`);
}

async function shot(page, name) {
  // Animations and fades settle; the frames on screen are recent.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 600))));
  const file = `${OUT}/${name}.png`;
  await page.screenshot({ path: file });
  const quantized = spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality=70-90', '--speed=3', '--output', file, file]);
  const size = statSync(file).size;
  console.log(`  ${file}  ${(size / 1024).toFixed(0)} KB${quantized.status === 0 ? '' : ' (pngquant not used)'}`);
}

mkdirSync(OUT, { recursive: true });
const started = Date.now();
const openvidu = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, quiet: true, static: { ...DEFAULT_STATIC, '/shots/': PAGE_DIR } });
// Chromium names the camera after the file's path as given: started in build/, it reads "HD Webcam" in the lobby.
fakeCameraFile('build/HD Webcam.y4m');
const args = [...CHROME_FLAGS.filter((flag) => !flag.startsWith('--use-fake-device-for-media-stream')), '--use-fake-device-for-media-stream', '--use-file-for-fake-video-capture=HD Webcam.y4m'];
const executablePath = ensureChrome();
process.chdir('build');
const browser = await puppeteer.launch({ executablePath, headless: true, args }).finally(() => process.chdir('..'));
const open = async (viewport, query) => {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  await page.evaluateOnNewDocument(drawnScreen);
  page.on('pageerror', (error) => console.log(`  page error: ${error.message}`));
  await page.goto(`${openvidu.url}/shots/?${new URLSearchParams(query)}`);
  return page;
};

try {
  console.log('screenshots:');
  // The lobby: the camera's preview, the microphone's level, the devices.
  const lobby = await open(DESKTOP, { session: 'weekly-sync', name: 'Ana' });
  await videosPlaying(lobby, 1);
  await shot(lobby, 'lobby');
  await lobby.close();

  // A call of three: Ana and two bots, who speak in turn.
  const session = 'weekly-sync';
  openvidu.bots.add(session, 2);
  const ana = await open(DESKTOP, { session, name: 'Ana', join: '' });
  await videosPlaying(ana, 3);
  await shot(ana, 'call');

  // Chat: Ben (watching, no camera) writes; Ana answers with the chat open.
  const ben = await open(DESKTOP, { session, name: 'Ben', join: '', watch: '' });
  await ben.waitForFunction(() => document.querySelector('ov-room').state.status === 'joined', { timeout: 30_000 });
  const chatLength = (page, length) => page.waitForFunction((n) => document.querySelector('ov-room').state.chatMessages.length >= n, { timeout: 10_000 }, length);
  for (const [index, text] of ['Morning! The notes are in the doc: https://docs.example.com/q3', 'Can you share the roadmap slide?'].entries()) {
    await ben.evaluate((message) => void document.querySelector('ov-room').sendChatMessage(message), text);
    await ana.bringToFront();
    await chatLength(ana, index + 1);
    await ben.bringToFront();
  }
  await ana.bringToFront();
  await togglePanel(ana, 'chat');
  await ana.evaluate(() => void document.querySelector('ov-room').sendChatMessage('Sure, sharing it now.'));
  await chatLength(ana, 3);
  await shot(ana, 'chat');
  await togglePanel(ana, 'chat');

  // On a phone, in the same call.
  const phone = await open(PHONE, { session, name: 'Chloé', join: '' });
  await videosPlaying(phone, 3);
  await shot(phone, 'phone');
  await phone.close();

  // A screen share, as the others see it: shown large, the cameras beside it.
  await ana.bringToFront();
  await ana.evaluate(() => void document.querySelector('ov-room').startScreenShare());
  await ben.bringToFront();
  await ben.waitForFunction(() => document.querySelector('ov-room').state.participants.some((p) => p.screen), { timeout: 30_000 });
  await videosPlaying(ben, 4);
  await shot(ben, 'screen-share');
  await ben.close();
  await ana.close();

  // An error, with what to do about it: the token endpoint does not answer.
  const error = await open(DESKTOP, { session: 'standup', name: 'Ana', join: '', tokenUrl: 'http://127.0.0.1:9/api' });
  await error.waitForFunction(() => document.querySelector('ov-room').state.status === 'error', { timeout: 30_000 });
  await shot(error, 'error');
  await error.close();
} finally {
  await browser.close();
  await openvidu.close();
}
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
