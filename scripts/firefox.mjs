// Finds a Firefox for the tests: FIREFOX_PATH, then the usual names on PATH. Where none is found and this is a
// Debian-like machine run as root, installs Debian's `firefox-esr` once. puppeteer-core drives it over WebDriver
// BiDi; no test tool downloads a browser.
import { accessSync, constants } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { delimiter, join } from 'node:path';
import { execFileSync } from 'node:child_process';

const NAMES = ['firefox-esr', 'firefox'];

/**
 * Preferences for headless Firefox in the tests, each beside the Chromium flag of scripts/chrome.mjs that does the
 * same (the README has the table). WebRTC runs with Firefox's defaults: host candidates hidden behind mDNS names, no
 * loopback candidates, as for anyone who opens the demo in Firefox.
 */
export const FIREFOX_PREFS = {
  // A fake camera and microphone, allowed without a prompt (--use-fake-device-for-media-stream,
  // --use-fake-ui-for-media-stream). Firefox's fake microphone is a steady 1 kHz tone.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Media plays with sound without a click first (--autoplay-policy=no-user-gesture-required).
  'media.autoplay.default': 0,
  // Speakers: with no sound device (a CI machine) Firefox never starts an AudioContext, and openvidu-browser's
  // speaking detection listens through one. Headless Chromium has a fake output of its own.
  'media.cubeb.force_mock_context': true,
  // No calls home on a machine without internet (--disable-background-networking); puppeteer sets the rest.
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

/**
 * A machine with no network address but loopback: the local server's media can only be on 127.0.0.1, which Firefox
 * pairs with nothing unless allowed. Only then do the tests allow it, and say so.
 */
export function firefoxPrefsForThisMachine() {
  const hasNetworkAddress = Object.values(networkInterfaces())
    .flat()
    .some((info) => info?.family === 'IPv4' && !info.internal);
  if (hasNetworkAddress) return FIREFOX_PREFS;
  console.warn('This machine has no network address but loopback: Firefox gets media.peerconnection.ice.loopback=true for the tests.');
  return { ...FIREFOX_PREFS, 'media.peerconnection.ice.loopback': true };
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findFirefox() {
  if (process.env.FIREFOX_PATH) return isExecutable(process.env.FIREFOX_PATH) ? process.env.FIREFOX_PATH : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Returns a Firefox path, installing Debian's firefox-esr when it can; otherwise throws a one-line remedy. */
export function ensureFirefox() {
  const found = findFirefox();
  if (found) return found;
  if (process.env.FIREFOX_PATH) {
    throw new Error(`FIREFOX_PATH=${process.env.FIREFOX_PATH} is not an executable file. Point it at Firefox.`);
  }
  const canApt = process.getuid?.() === 0 && isExecutable('/usr/bin/apt-get');
  if (canApt) {
    console.log("No Firefox found; installing Debian's firefox-esr (apt-get install firefox-esr)…");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'firefox-esr'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = findFirefox();
    if (installed) return installed;
  }
  throw new Error(
    'No Firefox found. Install one (Debian: sudo apt-get install firefox-esr; elsewhere: your Firefox) or set FIREFOX_PATH to its executable.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureFirefox());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
