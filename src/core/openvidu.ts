/**
 * The one module that loads openvidu-browser's code. Every other module imports its types only, so the npm build
 * can point this single import at the patched copy in dist/vendor (scripts/vendor-openvidu-browser.mjs).
 *
 * The import is dynamic: importing the package on a server (SSR) or in a page without a room evaluates none of
 * openvidu-browser (it reads `window` and `navigator` as it loads), and bundlers give it a chunk of its own. The CDN
 * bundle keeps it inside its one file (rollup.config.mjs, `openviduBrowserInline`).
 */
import type { OpenVidu } from 'openvidu-browser';

type OpenViduBrowser = typeof import('openvidu-browser');

let loading: Promise<void> | undefined;
let loaded: OpenViduBrowser | undefined;

/**
 * Loads openvidu-browser once. A room asks for it as soon as it has its inputs, so the code is there by the time
 * it joins; a failed load (a chunk the network lost) is tried again on the next call.
 */
export function loadOpenVidu(): Promise<void> {
  loading ??= import('openvidu-browser').then(
    (module) => {
      loaded = module;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * A new OpenVidu instance with its session, once `loadOpenVidu()` has resolved. The session exists from the start
 * because openvidu-browser's Publisher reports track changes to it even before it is published (a device switched
 * in the lobby).
 */
export function createOpenVidu(): OpenVidu {
  if (!loaded) throw new Error('openvidu-browser is not loaded yet: await loadOpenVidu() first');
  const openvidu = new loaded.OpenVidu();
  openvidu.enableProdMode();
  openvidu.initSession();
  return openvidu;
}
