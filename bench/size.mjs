// Size of the CDN bundle (min + gzip -9), next to openvidu-browser alone built the same way in the same run.
// Run after `npm run build` (bench/run.mjs does). Prints bytes and the ratio to the baseline.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';
import { openviduBrowserPlugins, quietCircular } from '../rollup.config.mjs';

const BUNDLE = 'dist/openvidu-elements.bundle.js';
const BUDGET_BYTES = 95 * 1024;

const gzipSize = (code) => gzipSync(code, { level: 9 }).length;

async function openviduBrowserAlone() {
  const entry = '\0entry';
  const bundle = await rollup({
    input: entry,
    plugins: [
      { name: 'entry', resolveId: (id) => (id === entry ? entry : null), load: (id) => (id === entry ? "export { OpenVidu } from 'openvidu-browser';" : null) },
      ...openviduBrowserPlugins(),
      terser({ format: { comments: false }, ecma: 2021, module: true }),
    ],
    onwarn: quietCircular,
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

export async function measureSize() {
  const ours = readFileSync(BUNDLE);
  const baseline = await openviduBrowserAlone();
  return {
    bundle: { min: ours.length, gzip: gzipSize(ours) },
    openviduBrowser: { min: Buffer.byteLength(baseline), gzip: gzipSize(baseline) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bundle, openviduBrowser } = await measureSize();
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('size (min + gzip -9)');
  console.log(`  openvidu-browser alone (baseline)   ${kb(openviduBrowser.gzip).padStart(9)}   (${kb(openviduBrowser.min)} min)`);
  console.log(`  ${BUNDLE}    ${kb(bundle.gzip).padStart(9)}   (${kb(bundle.min)} min)`);
  console.log(`  ratio bundle / openvidu-browser     ${(bundle.gzip / openviduBrowser.gzip).toFixed(2)}x`);
  console.log(`  what openvidu-elements adds         ${kb(bundle.gzip - openviduBrowser.gzip).padStart(9)}`);
  console.log(`  budget ${kb(BUDGET_BYTES)}: ${bundle.gzip <= BUDGET_BYTES ? 'within' : 'OVER'} (${kb(BUDGET_BYTES - bundle.gzip)} to spare)`);
}
