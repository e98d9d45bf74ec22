// Builds the single-file CDN bundle from tsc's output: Lit and openvidu-browser inside, every element
// registered. `npm run build` runs tsc first.
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import terser from '@rollup/plugin-terser';

/** What it takes to bundle openvidu-browser (CommonJS, requires JSON, uses the `events` package). */
export function openviduBrowserPlugins() {
  // preferBuiltins: false, or rollup leaves `import 'events'` in the output and the browser fails on it.
  return [mimeLite(), resolve({ browser: true, preferBuiltins: false }), commonjs(), json()];
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
