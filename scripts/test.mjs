// `npm test`: finds (or installs) Chromium and Firefox, builds, runs the Node tests of the local server, builds the
// framework examples (scripts/examples.mjs) and runs their tests (test/examples/), runs the browser tests
// (test/firefox/ in Firefox, the rest in Chromium), then prints one summary line "N passed, N failed" counting
// every test that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChrome } from './chrome.mjs';
import { ensureFirefox } from './firefox.mjs';

const COUNTS_DIR = 'build/test-counts';
let chrome;
let firefox;
try {
  chrome = ensureChrome();
  firefox = ensureFirefox();
} catch (error) {
  console.error(error.message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome, FIREFOX_PATH: firefox, ...env } });
  return result.status === 0;
}

function readCounts(name) {
  const file = `${COUNTS_DIR}/${name}.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

rmSync(COUNTS_DIR, { recursive: true, force: true });
mkdirSync(COUNTS_DIR, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (counts, stepOk) => {
  // A step that failed without reporting a failed test (a crash, a build error) still counts as one failure.
  if (!counts) counts = { passed: 0, failed: 0, skipped: 0 };
  if (!stepOk && counts.failed === 0) counts.failed = 1;
  for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
};

const only = process.argv[2]; // 'node' or 'browser' to run one half
const built = run('npm', ['run', '--silent', 'build']);
if (!only) {
  // The type check of sources and tests, and the lint, count as one test each. After the build: the command line
  // (cli/) is checked against the library's compiled modules in dist/, as it runs.
  for (const script of ['typecheck', 'lint']) {
    const ok = run('npm', ['run', '--silent', script]);
    add({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, ok);
  }
}
if (!built) {
  add(undefined, false);
} else {
  if (only !== 'browser') {
    // The framework examples are built once (production builds, type-checked; a failed build counts as one
    // failure) and test/examples/ drives what was built.
    const examplesBuilt = run(process.execPath, ['scripts/examples.mjs']);
    if (!examplesBuilt) add(undefined, false);
    const files = ['test/node', 'test/examples'].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).map((f) => `${dir}/${f}`));
    const ok = run(process.execPath, [
      '--test',
      '--test-concurrency=1',
      // A test that hangs fails after four minutes instead of stalling the run (node counts each file as a test
      // too, and examples/nextjs's file runs `next build`, a minute or more on 2 busy cores).
      '--test-timeout=240000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-count-reporter.mjs',
      `--test-reporter-destination=${COUNTS_DIR}/node.json`,
      ...files,
    ]);
    add(readCounts('node'), ok);
  }
  if (only !== 'node') {
    const ok = run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs']);
    add(readCounts('browser'), ok);
  }
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
