// The framework types (scripts/framework-types.mjs) fail the build when missing or stale: the analyzer itself exits 0
// when custom-elements-manifest.config.mjs fails to load, and then writes a manifest without them. Each case works on
// a copy of what `npm run build` made, under build/ (the analyzer hangs globbing in some system temp directories).
// Needs `npm run build`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FRAMEWORK_FILES, frameworkTypeProblems } from '../../scripts/framework-types.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHECK = `${ROOT}scripts/framework-types.mjs`;
const FILES = Object.values(FRAMEWORK_FILES).flat();
const made = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A directory with the built manifest and framework types, as they are (times kept). */
function copyOfBuild(name) {
  const dir = `${ROOT}build/framework-types-test-${process.pid}-${name}/`;
  rmSync(dir, { recursive: true, force: true });
  made.push(dir);
  for (const file of ['custom-elements.json', ...FILES]) cpSync(`${ROOT}${file}`, `${dir}${file}`, { preserveTimestamps: true });
  return dir;
}

describe('the framework types are checked after the build', () => {
  it('the build\'s own pass', () => {
    assert.deepEqual(frameworkTypeProblems(ROOT), []);
    assert.deepEqual(frameworkTypeProblems(copyOfBuild('fresh')), []);
  });

  it('the check fails after the analyzer ran without its config (which it survives with exit 0)', () => {
    const dir = copyOfBuild('broken-config');
    mkdirSync(`${dir}src`);
    writeFileSync(`${dir}src/ov-x.ts`, "import { LitElement } from 'lit';\nexport class OvX extends LitElement {}\ncustomElements.define('ov-x', OvX);\n");
    writeFileSync(`${dir}custom-elements-manifest.config.mjs`, "import 'no-such-package';\nexport default { globs: ['src/**/*.ts'] };\n");
    const analyzer = spawnSync(process.execPath, [`${ROOT}node_modules/@custom-elements-manifest/analyzer/cem.js`, 'analyze', '--globs', 'src/ov-x.ts'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(analyzer.status, 0, analyzer.stderr);
    assert.match(analyzer.stderr, /no-such-package/);
    const check = spawnSync(process.execPath, [CHECK, dir], { encoding: 'utf8' });
    assert.equal(check.status, 1);
    for (const file of FILES.filter((file) => file !== 'dist/frameworks/angular.d.ts')) assert.match(check.stderr, new RegExp(`${file} is stale`));
  });

  for (const [framework, files] of Object.entries(FRAMEWORK_FILES)) {
    for (const file of files) {
      it(`${framework}: fails without ${file}`, () => {
        const dir = copyOfBuild(file.replace(/\W/g, '-'));
        rmSync(`${dir}${file}`);
        assert.deepEqual(frameworkTypeProblems(dir), [`${framework}: ${file} is missing`]);
        assert.equal(spawnSync(process.execPath, [CHECK, dir]).status, 1);
      });
    }
  }

  it('fails when a file was made from another manifest, or lacks a tag', () => {
    const dir = copyOfBuild('stale');
    const vue = `${dir}dist/frameworks/vue.d.ts`;
    writeFileSync(vue, readFileSync(vue, 'utf8').replace(/sha256 \w+/, 'sha256 0000000000000000'));
    const svelte = `${dir}dist/frameworks/svelte.d.ts`;
    writeFileSync(svelte, readFileSync(svelte, 'utf8').replaceAll('ov-chat', 'ov-gone'));
    assert.deepEqual(frameworkTypeProblems(dir), [
      'vue: dist/frameworks/vue.d.ts is stale (made from another custom-elements.json)',
      'svelte: dist/frameworks/svelte.d.ts lacks ov-chat',
    ]);
  });

  it('fails when the Angular declarations are older than their generated source', () => {
    const dir = copyOfBuild('angular-old');
    const later = new Date(Date.now() + 60_000);
    utimesSync(`${dir}build/angular/angular.ts`, later, later);
    assert.deepEqual(frameworkTypeProblems(dir), ['angular: dist/frameworks/angular.d.ts is stale (older than build/angular/angular.ts)']);
  });
});
