// Size of the CDN bundle (min + gzip -9), next to openvidu-browser alone built the same way, and what each trim
// of openvidu-browser (scripts/trim-openvidu-browser.mjs) saves: the bundle is built again in this run without
// that one trim, and the difference is printed. Each language file loaded on demand is measured too, beside the
// bundle (CDN) and in the npm build. Run after `npm run build` (bench/run.mjs does).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';
import { openviduBrowserInline, openviduBrowserPlugins, quietCircular } from '../rollup.config.mjs';
import { EXPORTS } from '../scripts/openvidu-browser-esm.mjs';
import { TRIMS, TRIM_NAMES } from '../scripts/trim-openvidu-browser.mjs';

const BUNDLE = 'dist/openvidu-elements.bundle.js';
/** <ov-diagnostics>, loaded on demand beside the bundle (and by <ov-room>'s error view). */
const DIAGNOSTICS = 'dist/openvidu-elements.diagnostics.js';
/** The target for the whole meeting (elements of both meeting parts included). */
const BUDGET_BYTES = 90 * 1024;
const VENDOR = 'dist/vendor/openvidu-browser.js';
const ENTRY = '\0openvidu-browser-entry';

const gzipSize = (code) => gzipSync(code, { level: 9 }).length;

/** The language files beside the bundle (`openvidu-elements.lang-<lang>.js`) and their npm modules (`core/i18n/<lang>.js`). */
function languageSizes() {
  const sizeOf = (code) => ({ min: Buffer.byteLength(code), gzip: gzipSize(code) });
  return readdirSync('dist')
    .map((file) => /^openvidu-elements\.lang-([\w-]+)\.js$/.exec(file)?.[1])
    .filter(Boolean)
    .sort()
    .map((lang) => ({
      lang,
      cdn: sizeOf(readFileSync(`dist/openvidu-elements.lang-${lang}.js`)),
      npm: sizeOf(readFileSync(`dist/core/i18n/${lang}.js`)),
    }));
}

/**
 * Builds and minifies like rollup.config.mjs. `input` null: openvidu-browser alone. Otherwise the bundle from
 * tsc's output in dist/, with the vendored openvidu-browser built afresh from the package with `keep` untrimmed.
 */
async function build(input, keep) {
  const entry = {
    name: 'openvidu-browser-entry',
    resolveId(source, importer) {
      if (source === ENTRY) return ENTRY;
      if (importer && source.endsWith('/vendor/openvidu-browser.js')) return ENTRY;
      return null;
    },
    load: (id) => (id === ENTRY ? `export { ${(input ? EXPORTS : ['OpenVidu']).join(', ')} } from 'openvidu-browser';` : null),
  };
  const bundle = await rollup({
    input: input ?? ENTRY,
    // As rollup.config.mjs: the entry stays the bundle, and what loads on demand (<ov-diagnostics>) a chunk beside it.
    preserveEntrySignatures: 'allow-extension',
    plugins: [entry, openviduBrowserInline(), ...openviduBrowserPlugins({ trims: { keep } }), terser({ format: { comments: false }, ecma: 2021, module: true })],
    onwarn: quietCircular,
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry).code;
}

export async function measureSize() {
  const shipped = readFileSync(BUNDLE);
  const sizeOf = (code) => ({ min: Buffer.byteLength(code), gzip: gzipSize(code) });
  const trimmed = sizeOf(await build('dist/define.js', []));
  const perTrim = [];
  for (const trim of TRIMS) {
    const without = sizeOf(await build('dist/define.js', [trim.name]));
    perTrim.push({ name: trim.name, replacement: !!trim.replacement, gzip: without.gzip - trimmed.gzip, min: without.min - trimmed.min });
  }
  return {
    bundle: sizeOf(shipped),
    diagnostics: sizeOf(readFileSync(DIAGNOSTICS)),
    languages: languageSizes(),
    rebuilt: trimmed,
    untrimmed: sizeOf(await build('dist/define.js', TRIM_NAMES)),
    perTrim,
    openviduBrowser: sizeOf(await build(null, TRIM_NAMES)),
    openviduBrowserTrimmed: sizeOf(await build(null, [])),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const m = await measureSize();
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const row = (label, value, extra = '') => console.log(`  ${label.padEnd(46)}${value.padStart(9)}${extra}`);
  console.log('size (min + gzip -9)');
  row('openvidu-browser 2.32 alone, as published', kb(m.openviduBrowser.gzip), `   (${kb(m.openviduBrowser.min)} min)`);
  row('openvidu-browser alone, trimmed as here', kb(m.openviduBrowserTrimmed.gzip), `   (${kb(m.openviduBrowserTrimmed.min)} min)`);
  row(BUNDLE, kb(m.bundle.gzip), `   (${kb(m.bundle.min)} min)`);
  if (Math.abs(m.rebuilt.gzip - m.bundle.gzip) > 64) row('  (rebuilt here for the trims below)', kb(m.rebuilt.gzip), '   differs from the file: rebuild it');
  row('  the same without any trim', kb(m.untrimmed.gzip), `   (${kb(m.untrimmed.min)} min)`);
  console.log('  what each trim saves (bundle built again without it, same run):');
  for (const trim of m.perTrim) {
    row(`    ${trim.name}${trim.replacement ? ' (replaced)' : ''}`, kb(trim.gzip), `   (${trim.gzip} B; ${kb(trim.min)} min)`);
  }
  const sum = m.perTrim.reduce((total, trim) => total + trim.gzip, 0);
  row('    all trims together', kb(m.untrimmed.gzip - m.rebuilt.gzip), `   (sum of the above ${kb(sum)})`);
  row('ratio bundle / openvidu-browser as published', `${(m.bundle.gzip / m.openviduBrowser.gzip).toFixed(2)}x`);
  row('what openvidu-elements adds (bundle − trimmed)', kb(m.bundle.gzip - m.openviduBrowserTrimmed.gzip));
  row(`  ${DIAGNOSTICS} (on demand)`, kb(m.diagnostics.gzip), `   (${m.diagnostics.gzip} B; ${kb(m.diagnostics.min)} min)`);
  console.log('  languages loaded on demand (English is in the bundle):');
  for (const { lang, cdn, npm } of m.languages) {
    row(`    dist/openvidu-elements.lang-${lang}.js`, kb(cdn.gzip), `   (${cdn.gzip} B; ${kb(cdn.min)} min; npm core/i18n/${lang}.js ${kb(npm.gzip)} gzip)`);
  }
  console.log(`  budget ${kb(BUDGET_BYTES)}: ${m.bundle.gzip <= BUDGET_BYTES ? 'within' : 'OVER'} (${kb(BUDGET_BYTES - m.bundle.gzip)} to spare)`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
