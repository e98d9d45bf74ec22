// The examples' type checks catch a misspelt property or a wrong use of an event, which TypeScript alone lets
// through for custom elements: each case is compiled with the example's own compiler settings and the generated
// types (dist/frameworks/), once spelt right (it must pass, so the check is not failing for another reason) and
// once misspelt (it must fail with the expected diagnostic). Needs `npm run build`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const CASE_DIR = '__typecheck__';

/** Each example's check, as its `npm run build` runs it, limited to one file. */
const CHECKERS = {
  react19: {
    file: 'case.tsx',
    run: (dir) => spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', `${dir}/${CASE_DIR}/tsconfig.json`], { encoding: 'utf8' }),
    tsconfig: { extends: '../tsconfig.json', include: ['case.tsx'] },
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
    file: 'case.tsx',
    run: (dir) => spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', `${dir}/${CASE_DIR}/tsconfig.json`], { encoding: 'utf8' }),
    tsconfig: { extends: '../tsconfig.json', include: ['case.tsx'] },
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
    file: 'case.vue',
    // vue-tsc as the example's `npm run build` runs it (strictTemplates: an unknown prop or event fails).
    run: (dir) => spawnSync(process.execPath, [require.resolve('vue-tsc/bin/vue-tsc.js', { paths: [dir] }), '-p', `${dir}/${CASE_DIR}/tsconfig.json`], { encoding: 'utf8' }),
    tsconfig: { extends: '../tsconfig.json', include: ['case.vue'] },
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
};

const made = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function check(name, body) {
  const checker = CHECKERS[name];
  const example = `${ROOT}examples/${name}`;
  const dir = `${example}/${CASE_DIR}`;
  mkdirSync(dir, { recursive: true });
  made.push(dir);
  if (checker.tsconfig) writeFileSync(`${dir}/tsconfig.json`, JSON.stringify(checker.tsconfig));
  writeFileSync(`${dir}/${checker.file}`, checker.source(body));
  const result = checker.run(example);
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

describe('the examples\' type checks', () => {
  for (const [name, checker] of Object.entries(CHECKERS)) {
    it(`${name}: passes when spelt right`, () => {
      const { ok, output } = check(name, checker.right);
      assert.ok(ok, output);
    });
    for (const [wrong, diagnostic] of checker.wrong) {
      it(`${name}: fails on ${wrong}`, () => {
        const { ok, output } = check(name, wrong);
        assert.equal(ok, false, `${wrong} passed the type check`);
        assert.match(output, diagnostic);
      });
    }
  }
});
