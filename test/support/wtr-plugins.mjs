// Test-runner plugins: the local OpenVidu server and token fixtures for the run, rooms in a second browser, the
// openvidu-browser alias, and a reporter that writes how many tests passed and failed for scripts/test.mjs to sum up.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTokenFixtureServer } from './token-fixture-server.mjs';

export const TEST_SECRET = 'TEST_SECRET';

/** Resolves the bare `openvidu-browser` import to the ES module built by scripts/openvidu-browser-esm.mjs. */
export function openviduBrowserAlias() {
  return {
    name: 'openvidu-browser-alias',
    resolveImport: ({ source }) => (source === 'openvidu-browser' ? '/build/vendor/openvidu-browser.js' : undefined),
  };
}

/**
 * Starts the local OpenVidu-compatible server and the token fixture server on free loopback ports for the test
 * run, serves their addresses as '/__ov-test-env.js', and lets tests drive the server through
 * `executeServerCommand('ov-server', payload)` (see LocalOpenVidu.testControl in demo/server).
 */
export function localOpenViduPlugin() {
  let openvidu;
  let tokenFixture;
  return {
    name: 'local-openvidu',
    /** The server's URL, once the run started. */
    get url() {
      return openvidu?.url;
    },
    async serverStart() {
      const { startLocalOpenVidu, DEFAULT_STATIC } = await import('../../build/server/index.js');
      // The page of peerBrowserPlugin's rooms comes from the server itself, beside the bundle at /dist/.
      const mounts = { ...DEFAULT_STATIC, '/peer/': fileURLToPath(new URL('./peer/', import.meta.url)) };
      openvidu = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, secret: TEST_SECRET, quiet: true, static: mounts });
      tokenFixture = await startTokenFixtureServer({ openviduUrl: openvidu.url, secret: TEST_SECRET });
    },
    async serverStop() {
      await tokenFixture?.close();
      await openvidu?.close();
    },
    serve(context) {
      // The CDN bundle alone, without the language files beside it: what a page that copied only that file has.
      if (context.path === '/only-bundle/openvidu-elements.bundle.js') return { type: 'js', body: readFileSync('dist/openvidu-elements.bundle.js', 'utf8') };
      if (context.path !== '/__ov-test-env.js') return undefined;
      const env = {
        OV_SERVER_URL: openvidu.url,
        OV_SECRET: TEST_SECRET,
        TOKEN_FIXTURE_URL: tokenFixture.url,
        UNREACHABLE_URL: tokenFixture.unreachableUrl,
      };
      return { type: 'js', body: Object.entries(env).map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};`).join('\n') };
    },
    async executeCommand({ command, payload }) {
      if (command !== 'ov-server') return undefined;
      return (await openvidu.testControl(payload)) ?? null;
    },
  };
}

/**
 * Rooms in a second browser, for tests that call from one engine to another (test/firefox/). Through
 * `executeServerCommand('ov-peer', payload)` a test opens test/support/peer/index.html in Chromium or Firefox with one
 * `<ov-room>`, reads what that page shows, and calls the room's public methods:
 *   {action: 'open', browser: 'chromium' | 'firefox', sessionId, name} → {peerId}
 *   {action: 'view', peerId} → {userAgent, status, tiles: [{name, label, videoWidth, playing, speaking}], receivedAudio,
 *     liveTracks}
 *   {action: 'call', peerId, method: 'toggleMicrophone' | 'toggleCamera' | 'leave'} → {ok}
 *   {action: 'close', peerId} (or {action: 'close-all'}) → {ok}
 * `launch` gives puppeteer-core's launch options per browser. A browser starts on first use and stops with the run.
 */
export function peerBrowserPlugin({ openvidu, launch }) {
  const browsers = new Map();
  const pages = new Map();
  let nextPeerId = 0;
  const ROOM_METHODS = ['toggleMicrophone', 'toggleCamera', 'leave'];

  async function browserFor(name) {
    if (!launch[name]) throw new Error(`No browser "${name}" for peers: use ${Object.keys(launch).join(' or ')}`);
    if (!browsers.has(name)) {
      const { launch: start } = await import('puppeteer-core');
      browsers.set(name, start(launch[name]()));
    }
    return browsers.get(name);
  }

  function pageOf(peerId) {
    const page = pages.get(peerId);
    if (!page) throw new Error(`No peer ${peerId}: it was closed or never opened`);
    return page;
  }

  async function closePage(peerId) {
    const page = pages.get(peerId);
    pages.delete(peerId);
    await page?.close().catch(() => {});
  }

  return {
    name: 'peer-browser',
    async serverStop() {
      for (const peerId of [...pages.keys()]) await closePage(peerId);
      for (const starting of browsers.values()) {
        const browser = await starting.catch(() => undefined); // one that failed to start has nothing to close
        await browser?.close().catch(() => {});
      }
    },
    async executeCommand({ command, payload }) {
      if (command !== 'ov-peer') return undefined;
      switch (payload.action) {
        case 'open': {
          const browser = await browserFor(payload.browser);
          const page = await browser.newPage();
          const peerId = `peer-${++nextPeerId}`;
          pages.set(peerId, page);
          const query = new URLSearchParams({ session: payload.sessionId, name: payload.name });
          await page.goto(`${openvidu.url}/peer/?${query}`);
          return { peerId };
        }
        case 'view':
          return pageOf(payload.peerId).evaluate(() => window.peerView());
        case 'call':
          if (!ROOM_METHODS.includes(payload.method)) throw new Error(`A peer's room has no method "${payload.method}"`);
          await pageOf(payload.peerId).evaluate((method) => document.querySelector('ov-room')[method](), payload.method);
          return { ok: true };
        case 'close':
          await closePage(payload.peerId);
          return { ok: true };
        case 'close-all':
          for (const peerId of [...pages.keys()]) await closePage(peerId);
          return { ok: true };
        default:
          throw new Error(`Unknown ov-peer action "${payload.action}"`);
      }
    },
  };
}

/**
 * A second local OpenVidu server that tests may stop and start again on the same port, as `npm start` runs it (a
 * child process): `executeServerCommand('ov-restartable', {action: 'start'})` answers `{url}`;
 * `{action: 'stop', signal: 'SIGKILL' | 'SIGTERM'}` stops it the way a crash or `./openvidu restart` would.
 */
export function restartableServerPlugin() {
  let child;
  let port;
  const stop = async (signal = 'SIGTERM') => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };
  const freePort = () =>
    new Promise((resolve, reject) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address();
        probe.close(() => resolve(free));
      });
      probe.on('error', reject);
    });
  const start = async () => {
    if (child) return;
    port ??= await freePort();
    child = spawn(process.execPath, ['build/server/main.js', '--port', String(port), '--quiet'], {
      env: { ...process.env, OPENVIDU_SECRET: TEST_SECRET, PORT: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Ready once it answers; the port may still be held for a moment by the process that just stopped.
    const deadline = Date.now() + 15000;
    for (;;) {
      try {
        const answer = await fetch(`http://127.0.0.1:${port}/openvidu/api/config`, { headers: { Authorization: `Basic ${btoa(`OPENVIDUAPP:${TEST_SECRET}`)}` } });
        if (answer.ok) return;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`the restartable server exited with code ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('the restartable server did not start within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    name: 'restartable-openvidu',
    async serverStop() {
      await stop('SIGKILL');
    },
    async executeCommand({ command, payload }) {
      if (command !== 'ov-restartable') return undefined;
      if (payload?.action === 'start') {
        await start();
        return { url: `http://127.0.0.1:${port}` };
      }
      if (payload?.action === 'stop') {
        await stop(payload.signal ?? 'SIGTERM');
        return { ok: true };
      }
      throw new Error(`ov-restartable: unknown action ${JSON.stringify(payload?.action)}`);
    },
  };
}

/**
 * Hides the test's page as switching to another tab does (document.visibilityState 'hidden', a real
 * visibilitychange), and shows it again: `executeServerCommand('ov-tab', {action: 'hide' | 'show'})`. A blank
 * tab of the same browser is brought to the front over it, then closed.
 */
export function tabVisibilityPlugin() {
  const covers = new Map();
  return {
    name: 'tab-visibility',
    async executeCommand({ command, payload, session }) {
      if (command !== 'ov-tab') return undefined;
      const page = session.browser.getPage(session.id);
      if (payload?.action === 'hide') {
        const cover = covers.get(session.id) ?? (await page.browser().newPage());
        covers.set(session.id, cover);
        await cover.bringToFront();
        return { ok: true };
      }
      if (payload?.action === 'show') {
        await page.bringToFront();
        await covers.get(session.id)?.close();
        covers.delete(session.id);
        return { ok: true };
      }
      throw new Error(`ov-tab: unknown action ${JSON.stringify(payload?.action)}`);
    },
  };
}

function countResults(suite, counts) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite?.suites ?? []) countResults(child, counts);
}

/** Writes {passed, failed, skipped} for the whole run; a test file that failed to load counts as one failure. */
export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        countResults(session.testResults, counts);
        const hooksFailed = (session.errors?.length ?? 0) > 0 || (!session.passed && !hasFailedTest(session.testResults));
        if (hooksFailed) counts.failed += 1;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}

function hasFailedTest(suite) {
  return (suite?.tests ?? []).some((t) => !t.passed && !t.skipped) || (suite?.suites ?? []).some(hasFailedTest);
}
