// The examples' type checks catch a misspelt property or a wrong use of an event, which TypeScript alone lets
// through for custom elements: each case is compiled with the example's own compiler settings and the generated
// types (dist/frameworks/), once spelt right (it must pass, so the check is not failing for another reason) and
// once misspelt (it must fail with the expected diagnostic). An example's cases are files of one project, checked
// in one run of its checker (a run of svelte-check or vue-tsc takes seconds), each diagnostic going to the case
// whose file it names. Needs `npm run build`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const CASE_DIR = '__typecheck__';

/** A package's command, from its package.json `bin` (its `exports` may hide the file itself). */
function binOf(name, command, dir) {
  const manifest = require.resolve(`${name}/package.json`, { paths: [dir] });
  return fileURLToPath(new URL(JSON.parse(readFileSync(manifest, 'utf8')).bin[command], `file://${manifest}`));
}

const tsc = (dir) => spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', `${dir}/${CASE_DIR}/tsconfig.json`], { encoding: 'utf8' });

/**
 * Each example's check, as its `npm run build` runs it, limited to the case files (`case-0.tsx` …, `ext`), in a
 * project extending `tsconfig` (the example's tsconfig.json unless said). `diagnostics` splits the checker's output
 * into one text per diagnostic.
 */
const CHECKERS = {
  react19: {
    ext: 'tsx',
    run: tsc,
    source: (props) => `import type {} from 'openvidu-elements/react-jsx';
import type { TokenProvider } from 'openvidu-elements';
declare const getToken: TokenProvider;
export const room = <ov-room session-id="s" ${props} />;
`,
    right: 'tokenProvider={getToken} onov-joined={(event) => event.detail.sessionId}',
    wrong: [
      ['tokenProvidr={getToken}', /Property 'tokenProvidr' does not exist on type/],
      ['onov-joined={(event) => event.detail.sesionId}', /Property 'sesionId' does not exist on type 'OvJoinedDetail'. Did you mean 'sessionId'/],
      ['onov-error={(event) => event.detail.cod}', /Property 'cod' does not exist on type 'OvErrorDetail'/],
    ],
  },
  react18: {
    ext: 'tsx',
    run: tsc,
    source: (props) => `import { OvRoom } from 'openvidu-elements/react';
import type { TokenProvider } from 'openvidu-elements';
declare const getToken: TokenProvider;
export const room = <OvRoom sessionId="s" ${props} />;
`,
    right: 'tokenProvider={getToken} onOvJoined={(event) => event.detail.sessionId}',
    wrong: [
      ['tokenProvidr={getToken}', /Property 'tokenProvidr' does not exist on type/],
      ['onOvJoind={() => {}}', /Property 'onOvJoind' does not exist on type/],
      ['onOvError={(event) => event.detail.cod}', /Property 'cod' does not exist on type 'OvErrorDetail'/],
    ],
  },
  vue3: {
    ext: 'vue',
    // vue-tsc as the example's `npm run build` runs it (strictTemplates: an unknown prop or event fails).
    run: (dir) => spawnSync(process.execPath, [require.resolve('vue-tsc/bin/vue-tsc.js', { paths: [dir] }), '-p', `${dir}/${CASE_DIR}/tsconfig.json`], { encoding: 'utf8' }),
    source: (props) => `<script setup lang="ts">
import type {} from 'openvidu-elements/vue';
import type { TokenProvider } from 'openvidu-elements';
declare const getToken: TokenProvider;
</script>
<template><ov-room session-id="s" ${props}></ov-room></template>
`,
    right: ':tokenProvider.prop="getToken" @ov-joined="(event) => event.detail.sessionId"',
    wrong: [
      [':tokenProvidr.prop="getToken"', /'tokenProvidr' does not exist in type/],
      [':tokenProvider.prop="42"', /Type 'number' is not assignable to type 'TokenProvider'/],
      ['@ov-joind="() => {}"', /'onOvJoind' does not exist in type/],
      ['@ov-joined="(event) => event.detail.sesionId"', /Property 'sesionId' does not exist on type 'OvJoinedDetail'. Did you mean 'sessionId'/],
      ['@ov-error="(event) => event.detail.cod"', /Property 'cod' does not exist on type 'OvErrorDetail'/],
      ['sesion-id="s"', /'sesionId' does not exist in type/],
    ],
  },
  svelte5: {
    ext: 'svelte',
    // svelte-check as the example's `npm run build` runs it; one JSON line per diagnostic in machine-verbose output.
    run: (dir) =>
      spawnSync(process.execPath, [require.resolve('svelte-check/bin/svelte-check', { paths: [dir] }), '--workspace', dir, '--tsconfig', `${dir}/${CASE_DIR}/tsconfig.json`, '--fail-on-warnings', '--output', 'machine-verbose'], {
        encoding: 'utf8',
      }),
    diagnostics: (output) =>
      output
        .split('\n')
        .map((line) => line.match(/^\d+ (\{.*\})$/)?.[1])
        .filter(Boolean)
        .map((json) => JSON.parse(json))
        .map((d) => `${d.filename}: ${d.type} ${d.message}`),
    source: (props) => `<script lang="ts">
  import type {} from 'openvidu-elements/svelte';
  import type { TokenProvider } from 'openvidu-elements';
  const getToken: TokenProvider = async () => 'token';
</script>

<ov-room session-id="s" ${props}></ov-room>
`,
    right: 'tokenProvider={getToken} onov-joined={(event) => event.detail.sessionId}',
    wrong: [
      ['tokenProvidr={getToken}', /'"tokenProvidr"' does not exist in type 'OvRoomAttributes'/],
      ['tokenProvider={42}', /Type 'number' is not assignable to type 'TokenProvider'/],
      ['onov-joind={() => {}}', /'"onov-joind"' does not exist in type 'OvRoomAttributes'/],
      ['onov-joined={(event) => event.detail.sesionId}', /Property 'sesionId' does not exist on type 'OvJoinedDetail'. Did you mean 'sessionId'/],
      ['onov-error={(event) => event.detail.cod}', /Property 'cod' does not exist on type 'OvErrorDetail'/],
      ['sesion-id="s"', /'"sesion-id"' does not exist in type 'OvRoomAttributes'/],
      // Svelte 4's event directive is not how a Svelte 5 app listens (deprecated, and not typed for the tags).
      ['on:ov-joined={() => {}}', /'"on:ov-joined"' does not exist in type 'OvRoomAttributes'/],
    ],
  },
  angular21: {
    ext: 'ts',
    // ngc, the compiler `ng build` type-checks templates with (strictTemplates), with the example's directives from
    // openvidu-elements/angular and no CUSTOM_ELEMENTS_SCHEMA: a property binding no input claims is checked against
    // the DOM schema, an input against the element's property type, and $event against the output's event class.
    run: (dir) => spawnSync(process.execPath, [binOf('@angular/compiler-cli', 'ngc', dir), '-p', `${dir}/${CASE_DIR}/tsconfig.json`, '--noEmit'], { encoding: 'utf8' }),
    tsconfig: '../tsconfig.app.json',
    // Its output is coloured whatever it is told: `case-1.ts:5:126 - error TS2345: …`, then lines that go with it.
    diagnostics: (output) =>
      output
        .replace(/\x1b\[[0-9;]*m/g, '')
        .split(/\n(?=\S+:\d+:\d+ - )/)
        .filter((text) => /^\S+:\d+:\d+ - (error|warning)/m.test(text)),
    source: (markup) => `import { Component } from '@angular/core';
import { OpenViduElements } from 'openvidu-elements/angular';
import type { OvJoinedEvent, TokenProvider } from 'openvidu-elements';

@Component({ selector: 'app-case', imports: [OpenViduElements], template: \`${markup.includes('<') ? markup : `<ov-room ${markup}></ov-room>`}\` })
export class Case {
  protected readonly getToken: TokenProvider = async () => 'token';
  protected onJoined(event: OvJoinedEvent) {
    return event.detail.sessionId;
  }
}
`,
    right: 'sessionId="s" [participantName]="\'Ana\'" no-prejoin [tokenProvider]="getToken" (ov-joined)="onJoined($event)" (ov-error)="$event.detail.code"',
    wrong: [
      ['[tokenProvidr]="getToken"', /Can't bind to 'tokenProvidr' since it isn't a known property of 'ov-room'/],
      ['[tokenProvider]="42"', /Type 'number' is not assignable to type 'TokenProvider'/],
      // A misspelt input given as a property binding; Angular checks no element's static attributes (`sesion-id="s"`).
      ['[sesionId]="\'s\'"', /Can't bind to 'sesionId' since it isn't a known property of 'ov-room'/],
      // A static attribute named as an input is typed as one (strictAttributeTypes): a misspelt value fails.
      ['layout="grdi"', /Type '"grdi"' is not assignable to type '"auto" \| "grid" \| "speaker"'/],
      ['(ov-joind)="onJoined($event)"', /Argument of type 'Event' is not assignable to parameter of type 'OvJoinedEvent'/],
      ['(ov-joined)="$event.detail.sesionId"', /Property 'sesionId' does not exist on type 'OvJoinedDetail'. Did you mean 'sessionId'/],
      ['(ov-error)="$event.detail.cod"', /Property 'cod' does not exist on type 'OvErrorDetail'/],
      ['(ov-joined)="onJoind($event)"', /Property 'onJoind' does not exist on type 'Case'/],
      ['<ov-rooom></ov-rooom>', /'ov-rooom' is not a known element/],
    ],
  },
};

/** tsc's and vue-tsc's diagnostics: a line `file(line,col): error …`, and the indented lines that go on with it. */
const tscDiagnostics = (output) => output.split(/\n(?=\S)/).filter((text) => /\(\d+,\d+\): error /.test(text));

const made = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes the example's cases (right first, then each wrong one), runs its checker once: case file → diagnostics. */
function checkAll(name) {
  const checker = CHECKERS[name];
  const example = `${ROOT}examples/${name}`;
  const dir = `${example}/${CASE_DIR}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  made.push(dir);
  const bodies = [checker.right, ...checker.wrong.map(([wrong]) => wrong)];
  const files = bodies.map((_, i) => `case-${i}.${checker.ext}`);
  writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({ extends: checker.tsconfig ?? '../tsconfig.json', include: files }));
  bodies.forEach((body, i) => writeFileSync(`${dir}/${files[i]}`, checker.source(body)));
  const result = checker.run(example);
  const output = `${result.stdout}${result.stderr}`;
  const diagnostics = (checker.diagnostics ?? tscDiagnostics)(output);
  // A checker names a case by its path or by its file name alone (ngc); `case-1.ts` is in no other case's name.
  const byFile = files.map((file) => diagnostics.filter((text) => text.includes(file)));
  // Every diagnostic belongs to a case: one that names no case file (a broken setup) fails the right case.
  const stray = diagnostics.filter((text) => !files.some((file) => text.includes(file)));
  if (stray.length || (result.status !== 0 && !diagnostics.length)) byFile[0].push(...(stray.length ? stray : [output]));
  return byFile;
}

describe('the examples\' type checks', () => {
  for (const [name, checker] of Object.entries(CHECKERS)) {
    describe(name, () => {
      let results;
      before(() => {
        results = checkAll(name);
      });

      it(`${name}: passes when spelt right`, () => {
        assert.deepEqual(results[0], []);
      });
      checker.wrong.forEach(([wrong, diagnostic], i) => {
        it(`${name}: fails on ${wrong}`, () => {
          const found = results[i + 1];
          assert.ok(found.length > 0, `${wrong} passed the type check`);
          assert.ok(
            found.some((text) => diagnostic.test(text)),
            `${wrong}: expected ${diagnostic}, got ${JSON.stringify(found)}`,
          );
        });
      });
    });
  }
});
