// Runs test/**/*.test.ts in real Chromium with a fake camera and microphone. The local OpenVidu-compatible
// server (demo/server, built to build/server) and a token-endpoint fixture server are started for the run and
// stopped after it; tests find their addresses in '/__ov-test-env.js'.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { CHROME_FLAGS, ensureChrome } from './scripts/chrome.mjs';
import { countReporter, localOpenViduPlugin, openviduBrowserAlias } from './test/support/wtr-plugins.mjs';

export default {
  files: process.env.TEST_FILES ? process.env.TEST_FILES.split(',') : ['test/**/*.test.ts'],
  // Lit's production build: the development one logs a warning in every test file.
  nodeResolve: { browser: true, exportConditions: ['production'] },
  // One file at a time: each file runs real WebRTC calls, and these machines have two cores.
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 30000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS },
    }),
  ],
  plugins: [
    openviduBrowserAlias(),
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: 'tsconfig.json' }),
    localOpenViduPlugin(),
  ],
  // openvidu-browser prints warnings and errors on the console for every failure the error tests provoke on
  // purpose, even in production mode. Quiet by default; TEST_BROWSER_LOGS=1 shows them.
  browserLogs: !!process.env.TEST_BROWSER_LOGS,
  reporters: [defaultReporter(), countReporter('build/test-counts/browser.json')],
};
