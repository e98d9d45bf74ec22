// Finds a Chromium or Chrome for the tests and benchmarks: CHROME_PATH, then the usual names on PATH. Where none
// is found and this is a Debian-like machine run as root, installs Debian's `chromium` once.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowser, findBrowser, printWhenRun } from './find-browser.mjs';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/**
 * The fake microphone's own beep peaks near -53 dB, below the -50 dB at which OpenVidu reports someone speaking.
 * This file stands in for a voice: one second of a loud tone with harmonics, then two of silence, looped.
 */
function fakeVoiceFile() {
  const file = resolve(fileURLToPath(new URL('..', import.meta.url)), 'build/fake-voice.wav');
  if (existsSync(file)) return file;
  const rate = 48000;
  const samples = rate * 3;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const voiced = t < 1;
    const value = voiced ? 0.3 * Math.sin(2 * Math.PI * 220 * t) + 0.2 * Math.sin(2 * Math.PI * 440 * t) + 0.1 * Math.sin(2 * Math.PI * 880 * t) : 0;
    wav.writeInt16LE(Math.round(value * 32767), 44 + i * 2);
  }
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, wav);
  return file;
}

/**
 * Flags for headless Chromium with a fake camera and microphone, WebRTC on loopback, and no calls home. Firefox's
 * counterparts are FIREFOX_PREFS in scripts/firefox.mjs; the README lists both side by side.
 */
export const CHROME_FLAGS = [
  `--use-file-for-fake-audio-capture=${fakeVoiceFile()}`,
  '--no-sandbox',
  // Two fake cameras (fake_device_0, fake_device_1) besides the three fake microphones, to switch between.
  '--use-fake-device-for-media-stream=device-count=2',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // Hidden or occluded pages must keep decoding video, or a test page in the background stalls.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];

const CHROME = {
  envVar: 'CHROME_PATH',
  names: NAMES,
  aptPackage: 'chromium',
  label: 'Chromium or Chrome',
  installHint: 'Debian/Ubuntu: sudo apt-get install chromium',
};

export const findChrome = () => findBrowser(CHROME);

/** Returns a browser path, installing Debian's chromium when it can; otherwise throws a one-line remedy. */
export const ensureChrome = () => ensureBrowser(CHROME);

printWhenRun(import.meta.url, ensureChrome);
