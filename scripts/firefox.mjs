// Finds a Firefox for the tests: FIREFOX_PATH, then the usual names on PATH. Where none is found and this is a
// Debian-like machine run as root, installs Debian's `firefox-esr` once. puppeteer-core drives it over WebDriver
// BiDi; no test tool downloads a browser.
import { networkInterfaces } from 'node:os';
import { ensureBrowser, findBrowser, printWhenRun } from './find-browser.mjs';

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

const FIREFOX = {
  envVar: 'FIREFOX_PATH',
  names: NAMES,
  aptPackage: 'firefox-esr',
  label: 'Firefox',
  installHint: 'Debian: sudo apt-get install firefox-esr; elsewhere: your Firefox',
};

export const findFirefox = () => findBrowser(FIREFOX);

/** Returns a Firefox path, installing Debian's firefox-esr when it can; otherwise throws a one-line remedy. */
export const ensureFirefox = () => ensureBrowser(FIREFOX);

printWhenRun(import.meta.url, ensureFirefox);
