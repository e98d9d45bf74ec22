// Runs test/**/*.test.ts in real Chromium with a fake camera and microphone, and test/firefox/*.test.ts in Firefox
// (a Firefox room calling Firefox and Chromium rooms). The local OpenVidu-compatible server (demo/server, built to
// build/server) and a token-endpoint fixture server are started for the run and stopped after it; tests find their
// addresses in '/__ov-test-env.js'.
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { CHROME_FLAGS, ensureChrome } from './scripts/chrome.mjs';
import { ensureFirefox, firefoxPrefsForThisMachine } from './scripts/firefox.mjs';
import { countReporter, localOpenViduPlugin, openviduBrowserAlias, peerBrowserPlugin, restartableServerPlugin, tabVisibilityPlugin } from './test/support/wtr-plugins.mjs';

const FIREFOX_TESTS = 'test/firefox/';
const chosen = process.env.TEST_FILES?.split(',');
const chromiumFiles = chosen ? chosen.filter((f) => !f.startsWith(FIREFOX_TESTS)) : ['test/**/*.test.ts', `!${FIREFOX_TESTS}**`];
const firefoxFiles = chosen ? chosen.filter((f) => f.startsWith(FIREFOX_TESTS)) : [`${FIREFOX_TESTS}**/*.test.ts`];

const chromiumLaunch = () => ({ executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS });
// puppeteer-core drives Debian's firefox-esr over WebDriver BiDi.
const firefoxLaunch = () => ({ browser: 'firefox', executablePath: ensureFirefox(), headless: true, extraPrefsFirefox: firefoxPrefsForThisMachine() });
const localOpenVidu = localOpenViduPlugin();

export default {
  files: chromiumFiles.length ? chromiumFiles : undefined,
  browsers: [chromeLauncher({ launchOptions: chromiumLaunch() })],
  groups: firefoxFiles.length
    ? [{ name: 'firefox', files: firefoxFiles, browsers: [chromeLauncher({ puppeteer: puppeteerCore, launchOptions: firefoxLaunch() })] }]
    : [],
  // Lit's production build: the development one logs a warning in every test file.
  nodeResolve: { browser: true, exportConditions: ['production'] },
  // One file and one browser at a time: each file runs real WebRTC calls, and these machines have two cores.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 30000 } },
  plugins: [
    openviduBrowserAlias(),
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: 'tsconfig.json' }),
    localOpenVidu,
    peerBrowserPlugin({ openvidu: localOpenVidu, launch: { chromium: chromiumLaunch, firefox: firefoxLaunch } }),
    restartableServerPlugin(),
    // The page hidden behind another tab and shown again (video only for what is on screen).
    tabVisibilityPlugin(),
    // What a screen reader gets (accessible names from Chromium's accessibility tree), for the language tests.
    a11ySnapshotPlugin(),
  ],
  // openvidu-browser prints warnings and errors on the console for every failure the error tests provoke on
  // purpose, even in production mode. Quiet by default; TEST_BROWSER_LOGS=1 shows them.
  browserLogs: !!process.env.TEST_BROWSER_LOGS,
  reporters: [defaultReporter(), countReporter('build/test-counts/browser.json')],
};
