// After tsc: puts openvidu-browser, as one patched ES module, into dist/vendor/ and points the room controller at
// it. The npm package then works in any ES module setting (openvidu-browser itself is CommonJS only) and
// carries the reconnection fix of rollup.config.mjs. Types still come from the openvidu-browser package.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOpenViduBrowserEsm } from './openvidu-browser-esm.mjs';

const CONTROLLER = 'dist/core/room-controller.js';
await buildOpenViduBrowserEsm('dist/vendor/openvidu-browser.js');
const code = readFileSync(CONTROLLER, 'utf8');
const rewritten = code.replace(/from 'openvidu-browser';/, "from '../vendor/openvidu-browser.js';");
if (rewritten === code) throw new Error(`${CONTROLLER} no longer imports 'openvidu-browser': update this script`);
writeFileSync(CONTROLLER, rewritten);
