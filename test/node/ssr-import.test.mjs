// Server-side rendering: every entry of the package's `exports` imported by name in Node, which has no DOM, as a
// Next.js or Nuxt server does. Each import runs in a process of its own (ssr/import-child.mjs), so one entry's
// modules cannot hide another's failure. Needs `npm run build` (dist/).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const ROOT = new URL('../../', import.meta.url).pathname;
const CHILD = new URL('./ssr/import-child.mjs', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
// A file for browsers only, by design: the CDN bundle carries Lit's browser build, which extends HTMLElement as it loads.
const BROWSER_ONLY = new Set(['./bundle.js']);
const TYPES_ONLY = ['./react-jsx', './vue', './svelte'];

/** Elements that load on demand: their own module registers them, define.js and the CDN bundle do not. */
const ON_DEMAND = new Set(['ov-diagnostics']);
const ELEMENTS = readdirSync(`${ROOT}dist/elements`).filter((name) => existsSync(`${ROOT}dist/elements/${name}/define.js`)).sort();

/** Every subpath of `exports`, with `./ov-*.js` expanded over the element modules that the build made. */
function exportedSubpaths() {
  return Object.keys(pkg.exports).flatMap((key) => (key.includes('*') ? ELEMENTS.map((name) => key.replace('ov-*', name)) : [key]));
}

async function importAlone(subpath, env = {}) {
  const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD, specifier, ...ELEMENTS], { cwd: ROOT, env: { ...process.env, ...env } });
  return JSON.parse(stdout);
}

const NO_DOM = { window: 'undefined', document: 'undefined', HTMLElement: 'undefined', customElements: 'undefined' };
const registered = (report) => ELEMENTS.filter((tag) => report.registered[tag] === 'function');
const loadedOpenViduBrowser = (report) => report.resolved.filter((url) => /openvidu-browser/.test(url));

describe('importing the package in Node without a DOM (SSR)', { concurrency: 4 }, () => {
  it('the exports list every element module and the entries this test knows', () => {
    assert.ok(ELEMENTS.length >= 12, `dist/elements has ${ELEMENTS.length} element modules: build first`);
    assert.ok(ELEMENTS.includes('ov-room') && ELEMENTS.includes('ov-video'));
    const subpaths = exportedSubpaths();
    for (const entry of ['.', './define.js', './ov-room.js', './package.json', './custom-elements.json', './bundle.js']) {
      assert.ok(subpaths.includes(entry), `exports lacks ${entry}`);
    }
  });

  it('the classes entry loads, exports the classes and registers nothing', async () => {
    const report = await importAlone('.');
    assert.equal(report.error, undefined);
    assert.deepEqual(report.before, NO_DOM);
    assert.ok(report.exports.includes('OvRoom') && report.exports.includes('TokenSource') && report.exports.includes('OV_ERROR_CODES'));
    assert.deepEqual(registered(report), []);
    assert.deepEqual(loadedOpenViduBrowser(report), [], 'openvidu-browser is loaded only when a room is on a page');
  });

  it('define.js loads and registers every element in Lit\'s server registry', async () => {
    const report = await importAlone('./define.js');
    assert.equal(report.error, undefined);
    assert.deepEqual(report.before, NO_DOM);
    // Node has no customElements: Lit's Node build brings a registry (@lit-labs/ssr-dom-shim) and the elements go in it.
    assert.equal(report.after.customElements, 'object');
    assert.equal(report.after.window, 'undefined', 'nothing pretends to be a browser');
    assert.equal(report.after.document, 'undefined');
    assert.deepEqual(registered(report), ELEMENTS.filter((name) => !ON_DEMAND.has(name)));
    assert.deepEqual(loadedOpenViduBrowser(report), []);
  });

  for (const name of ELEMENTS) {
    it(`${name}.js loads alone and registers <${name}>`, async () => {
      const report = await importAlone(`./${name}.js`);
      assert.equal(report.error, undefined);
      assert.ok(registered(report).includes(name));
      assert.deepEqual(loadedOpenViduBrowser(report), []);
    });
  }

  it('package.json and custom-elements.json load as JSON', async () => {
    const manifest = await importAlone('./custom-elements.json');
    assert.equal(manifest.error, undefined);
    assert.ok(manifest.exports.includes('default'));
    const own = await importAlone('./package.json');
    assert.equal(own.error, undefined);
  });

  // The framework types (their module is empty): importing one by mistake in a server build must not throw.
  for (const entry of TYPES_ONLY) {
    it(`${entry} (types for a framework) loads and registers nothing`, async () => {
      const report = await importAlone(entry);
      assert.equal(report.error, undefined);
      assert.deepEqual(registered(report), []);
    });
  }

  it('./react (the React 18 wrapper) loads and registers every element', async () => {
    const report = await importAlone('./react');
    assert.equal(report.error, undefined);
    // As define.js: <ov-diagnostics> loads on demand (openvidu-elements/ov-diagnostics.js).
    assert.deepEqual(registered(report), ELEMENTS.filter((name) => !ON_DEMAND.has(name)));
    assert.deepEqual(loadedOpenViduBrowser(report), []);
  });

  // Partially compiled, as Angular libraries are published: an Angular server build (ng build with SSR) links it
  // like @angular/common; unlinked, as here, it needs Angular's JIT compiler loaded first, as @angular/common does.
  it('./angular (the Angular directives) loads, exports a directive per element and registers nothing', async () => {
    const report = await importAlone('./angular', { PRELOAD: '@angular/compiler' });
    assert.equal(report.error, undefined);
    assert.deepEqual(report.before, NO_DOM);
    assert.equal(report.after.window, 'undefined');
    const directives = ELEMENTS.map((name) => `${name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}Directive`);
    assert.deepEqual(report.exports, ['OpenViduElements', ...directives].sort());
    assert.deepEqual(registered(report), []);
    assert.deepEqual(loadedOpenViduBrowser(report), []);
  });

  it('every other export is covered above, or is for browsers only', () => {
    const covered = new Set(['.', './define.js', './package.json', './custom-elements.json', './react', './angular', ...TYPES_ONLY, ...ELEMENTS.map((name) => `./${name}.js`)]);
    assert.deepEqual(exportedSubpaths().filter((subpath) => !covered.has(subpath) && !BROWSER_ONLY.has(subpath)), []);
  });
});
