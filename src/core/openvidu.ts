/**
 * The one module that loads openvidu-browser's code. Every other module imports its types only, so the npm build
 * can point this single import at the patched copy in dist/vendor (scripts/vendor-openvidu-browser.mjs).
 */
import { OpenVidu } from 'openvidu-browser';

/**
 * A new OpenVidu instance with its session. The session exists from the start because openvidu-browser's
 * Publisher reports track changes to it even before it is published (a device switched in the lobby).
 */
export function createOpenVidu(): OpenVidu {
  const openvidu = new OpenVidu();
  openvidu.enableProdMode();
  openvidu.initSession();
  return openvidu;
}
