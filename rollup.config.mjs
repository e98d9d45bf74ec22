// Builds the single-file CDN bundle from tsc's output: Lit and openvidu-browser inside, every element
// registered. `npm run build` runs tsc first.
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import terser from '@rollup/plugin-terser';

/** What it takes to bundle openvidu-browser (CommonJS, requires JSON, uses the `events` package). */
export function openviduBrowserPlugins() {
  // preferBuiltins: false, or rollup leaves `import 'events'` in the output and the browser fails on it.
  return [mimeLite(), stopReconnectingWhenClosed(), resolve({ browser: true, preferBuiltins: false }), commonjs(), json()];
}

/**
 * Two fixes to openvidu-browser's WebSocket (kurento-jsonrpc's webSocketWithReconnection.js):
 * - it keeps retrying every 3 s for 100 minutes even after it was closed on purpose, because its retry never
 *   looks at the `closing` flag that close() sets. A room that gave up (server unreachable, connection lost) or
 *   left the page must stop for good: the retry checks that flag, and a socket that opens after close() is
 *   dropped;
 * - while it reconnects, anything sent (ICE candidates trickling in, above all) throws InvalidStateError out of
 *   an RTCPeerConnection event handler, straight to the page. The message is dropped instead; a request among
 *   them fails through openvidu-browser's own request timeout.
 */
function stopReconnectingWhenClosed() {
  const file = 'webSocketWithReconnection.js';
  const patches = [
    ['function reconnect(maxRetries, numRetries) {', 'function reconnect(maxRetries, numRetries) {\n        if (closing) return;'],
    [
      'this.send = (message) => {\n        ws.send(message);',
      "this.send = (message) => {\n        if (ws.readyState !== OPEN) { Logger.warn('WebSocket not open: message dropped'); return; }\n        ws.send(message);",
    ],
    [
      "ws.onopen = () => {\n            Logger.debug('Reconnected to '",
      "ws.onopen = () => {\n            if (closing) { ws.close(4102, 'Connection closed by client'); return; }\n            Logger.debug('Reconnected to '",
    ],
  ];
  return {
    name: 'openvidu-browser-stop-reconnecting-when-closed',
    transform(code, id) {
      if (!id.endsWith(file) || !id.includes('openvidu-browser')) return null;
      for (const [before, after] of patches) {
        // Fail the build, not the users, if an openvidu-browser upgrade changed the code this patches.
        if (!code.includes(before)) this.error(`openvidu-browser ${file} changed: "${before}" not found; review the patch`);
        code = code.replace(before, after);
      }
      return { code, map: null };
    },
  };
}

/**
 * openvidu-browser needs `mime` only for LocalRecorder's file extension (video/webm and the like). `mime/lite`
 * has every standard type and is 7 KB gzip lighter than the full database of vendor types.
 */
function mimeLite() {
  return {
    name: 'mime-lite',
    resolveId(source, importer, options) {
      if (source !== 'mime' || !importer?.includes('openvidu-browser')) return null;
      return this.resolve('mime/lite', importer, { ...options, skipSelf: true });
    },
  };
}

export function quietCircular(warning, warn) {
  // openvidu-browser has three harmless import cycles; tsc's decorator helper tests `this` at module level.
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
}

export default {
  input: 'dist/define.js',
  output: {
    file: 'dist/openvidu-elements.bundle.js',
    format: 'es',
    sourcemap: true,
  },
  plugins: [...openviduBrowserPlugins(), terser({ format: { comments: false }, ecma: 2021, module: true })],
  onwarn: quietCircular,
};
