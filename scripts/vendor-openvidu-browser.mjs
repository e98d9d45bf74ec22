// After tsc: puts openvidu-browser, as one patched ES module, into dist/vendor/ and points core/openvidu.js (the one
// module that loads it) at it. The npm package then works in any ES module setting (openvidu-browser itself is CommonJS only) and
// carries the reconnection fix of rollup.config.mjs. Types still come from the openvidu-browser package.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildOpenViduBrowserEsm } from './openvidu-browser-esm.mjs';

const LOADER = 'dist/core/openvidu.js';
await buildOpenViduBrowserEsm('dist/vendor/openvidu-browser.js');
const code = readFileSync(LOADER, 'utf8');
const rewritten = code.replace("import('openvidu-browser')", "import('../vendor/openvidu-browser.js')");
if (rewritten === code) throw new Error(`${LOADER} no longer imports 'openvidu-browser': update this script`);
writeFileSync(LOADER, rewritten);
// Every other module imports its types only: nothing else may load openvidu-browser's code.
for (const file of readdirSync('dist', { recursive: true })) {
  if (!String(file).endsWith('.js') || `dist/${file}` === LOADER) continue;
  if (/from 'openvidu-browser'|import\('openvidu-browser'\)/.test(readFileSync(`dist/${file}`, 'utf8'))) throw new Error(`dist/${file} imports openvidu-browser at run time: only core/openvidu.ts may`);
}
