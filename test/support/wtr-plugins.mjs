// Test-runner plugins: the local OpenVidu server and token fixtures for the run, the openvidu-browser alias, and
// a reporter that writes how many tests passed and failed for scripts/test.mjs to sum up.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
    async serverStart() {
      const { startLocalOpenVidu } = await import('../../build/server/index.js');
      openvidu = await startLocalOpenVidu({ host: '127.0.0.1', port: 0, secret: TEST_SECRET, quiet: true });
      tokenFixture = await startTokenFixtureServer({ openviduUrl: openvidu.url, secret: TEST_SECRET });
    },
    async serverStop() {
      await tokenFixture?.close();
      await openvidu?.close();
    },
    serve(context) {
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
