// Builds the CDN bundle from tsc's output: Lit and openvidu-browser inside, every element
// registered. `npm run build` runs tsc first.
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import terser from '@rollup/plugin-terser';
import { trimOpenViduBrowser } from './scripts/trim-openvidu-browser.mjs';

/**
 * What it takes to bundle openvidu-browser (CommonJS, requires JSON), with its fixes and what it carries that is
 * never used here trimmed (scripts/trim-openvidu-browser.mjs; `trims.keep` names trims to leave out).
 */
export function openviduBrowserPlugins({ trims = {} } = {}) {
  // preferBuiltins: false, or rollup leaves `import 'events'` in the output and the browser fails on it.
  return [trimOpenViduBrowser(trims), stopReconnectingWhenClosed(), videoReception(), resumeSpeakingDetection(), resolve({ browser: true, preferBuiltins: false }), commonjs(), json()];
}

/**
 * Speaking detection (openvidu-browser's `publisherStartSpeaking`) runs on hark's single AudioContext, which browsers
 * create suspended on a page the user has not touched yet (a room joined at once with `no-prejoin`): nobody would
 * ever be seen speaking. The context resumes on the first click or key press anywhere in the page, as browsers
 * allow, and the listeners go with it.
 */
function resumeSpeakingDetection() {
  const before = 'audioContext = options.audioContext || audioContext || new audioContextType();';
  const after = `${before}
  if (audioContext.state === 'suspended' && typeof document !== 'undefined' && !audioContext.resumeOnGesture) {
    var context = audioContext;
    var gestures = ['pointerdown', 'keydown'];
    var resume = function () {
      gestures.forEach(function (type) { document.removeEventListener(type, resume, true); });
      context.resume().catch(function () {});
    };
    context.resumeOnGesture = resume;
    gestures.forEach(function (type) { document.addEventListener(type, resume, true); });
  }`;
  return {
    name: 'hark-resume-on-gesture',
    transform(code, id) {
      if (!id.endsWith('/hark/hark.js')) return null;
      // Fail the build, not the users, if a hark upgrade changed the code this patches.
      if (code.split(before).length !== 2) this.error(`hark.js changed: "${before}" not found once; review resumeSpeakingDetection()`);
      return { code: code.replace(before, after), map: null };
    },
  };
}

/** Applies `patches` (file → [before, after] pairs) to openvidu-browser's lib files; the build fails if one is stale. */
function patchOpenViduBrowser(context, code, id, patches) {
  const file = Object.keys(patches).find((name) => id.endsWith(`/openvidu-browser/lib/${name}`));
  if (!file) return null;
  for (const [before, after] of patches[file]) {
    // Fail the build, not the users, if an openvidu-browser upgrade changed the code this patches.
    if (code.split(before).length !== 2) context.error(`openvidu-browser ${file} changed: "${before}" not found once; review the patch`);
    code = code.replace(before, after);
  }
  return { code, map: null };
}

/**
 * Video that a Subscriber can stop receiving, and receive again (video only for the tiles on screen).
 * openvidu-browser's receive offer always asks for the stream's video (`mediaConstraints.video = hasVideo` in
 * Stream.completeWebRtcPeerReceive), and `subscribeToVideo(false)` only disables the received track while the media
 * server goes on sending. With this patch:
 * - `subscriber.setVideoReception(false)` (after the first subscription completed) renegotiates the subscription with an offer that has no video section,
 *   through openvidu-browser's own `reconnectStream` (a new RTCPeerConnection, as after a broken connection, without its
 *   echo round trip while the socket is open; Kurento
 *   and the local server then release the old endpoint and answer with audio only). `true` asks for video again,
 *   which starts with a keyframe. It resolves once the subscription carries what the last call asked for (calls
 *   queue, the last one wins); `subscriber.stream.getMediaStream()` is then the new MediaStream, already attached to
 *   the subscriber's video elements. Audio pauses for that renegotiation (the old peer connection is closed first).
 *   It does nothing for a stream without video or once unsubscribed; it rejects on OpenVidu Pro's mediasoup, where
 *   the server makes the offer (an Error named VIDEO_RECEPTION_UNSUPPORTED).
 * - `subscriber.receivingVideo` says whether the current subscription receives video.
 * - `session.subscribe(stream, element, {receiveVideo: false})` subscribes without video from the start.
 * Types: types/openvidu-browser-video-reception.d.ts.
 */
function videoReception() {
  const patches = {
    'OpenVidu/Stream.js': [
      [
        // The first subscription, which a renegotiation must wait for (it would dispose a peer still negotiating).
        'subscribe() {\n        return new Promise((resolve, reject) => {\n            this.initWebRtcPeerReceive(false)',
        'subscribe() {\n        return this.subscription = new Promise((resolve, reject) => {\n            this.initWebRtcPeerReceive(false)',
      ],
      [
        'video: this.hasVideo\n                },\n                simulcast: false,',
        // A server-made offer (mediasoup) decides for itself: the flag then only tells what it offered.
        'video: (this.videoReceived = this.hasVideo && (this.receiveVideo !== false || !!sdpOfferByServer))\n                },\n                simulcast: false,',
      ],
    ],
    'OpenVidu/Session.js': [
      [
        "logger.info('Subscribing to ' + stream.connection.connectionId);",
        "logger.info('Subscribing to ' + stream.connection.connectionId);\n        stream.receiveVideo = !(!!param3 && typeof param3 !== 'function' && param3.receiveVideo === false);",
      ],
    ],
    'OpenVidu/Subscriber.js': [
      [
        '    /* Hidden methods */',
        `    /**
     * openvidu-elements: stops (\`false\`) or resumes (\`true\`) receiving this subscriber's video, so that the media
     * server really stops sending it. See videoReception() in openvidu-elements' rollup.config.mjs.
     */
    setVideoReception(receive) {
        const stream = this.stream;
        stream.receiveVideo = !!receive;
        const apply = () => {
            const subscribed = !!stream.webRtcPeer && stream.webRtcPeer.pc.signalingState !== 'closed';
            if (!subscribed || !stream.hasVideo || stream.videoReceived === stream.receiveVideo) return undefined;
            if (stream.session.openvidu.mediaServer === 'mediasoup') {
                const error = new Error('setVideoReception needs subscriptions offered by the browser (OpenVidu with Kurento); this deployment uses mediasoup');
                error.name = 'VIDEO_RECEPTION_UNSUPPORTED';
                throw error;
            }
            // reconnectStream() would first ask the server for an echo (to tell a broken socket from a broken peer
            // connection): a round trip per stream, on a socket that is open.
            return stream.session.openvidu.getWsReadyState() === 1 ? stream.initWebRtcPeerReceive(true) : stream.reconnectStream('setVideoReception');
        };
        const firstSubscription = stream.subscription ? stream.subscription.catch(() => undefined) : Promise.resolve();
        this.videoReceptionQueue = (this.videoReceptionQueue || firstSubscription).then(apply, apply);
        return this.videoReceptionQueue;
    }
    /** openvidu-elements: whether the current subscription receives video. */
    get receivingVideo() {
        return !!this.stream.videoReceived;
    }
    /* Hidden methods */`,
      ],
    ],
  };
  return {
    name: 'openvidu-browser-video-reception',
    transform(code, id) {
      return patchOpenViduBrowser(this, code, id, patches);
    },
  };
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
 * The CDN bundle is one file: core/openvidu.js's dynamic import of openvidu-browser (there so that the npm build
 * loads it only when a room is on a page, and never on a server) becomes a static one, inside the bundle.
 */
export function openviduBrowserInline() {
  const dynamic = "import('../vendor/openvidu-browser.js')";
  return {
    name: 'openvidu-browser-inline',
    transform(code, id) {
      if (!id.endsWith('/dist/core/openvidu.js')) return null;
      // Fail the build if the loader changed: the bundle would grow a chunk that a page serving one file lacks.
      if (code.split(dynamic).length !== 2) this.error(`dist/core/openvidu.js: "${dynamic}" not found once; review openviduBrowserInline()`);
      const inlined = code.replace(dynamic, 'Promise.resolve({ OpenVidu: OpenViduInline })');
      return { code: `import { OpenVidu as OpenViduInline } from '../vendor/openvidu-browser.js';\n${inlined}`, map: null };
    },
  };
}

/**
 * Collapses the whitespace and comments of the elements' `css\`…\`` styles (terser keeps template text as it is).
 * Only spaces next to `{ } ; , >` go, so selectors such as `.cell:hover` and `.cell ov-video` keep their meaning.
 */
export function minifyStyles() {
  return {
    name: 'minify-styles',
    transform(code, id) {
      if (!id.includes('/dist/elements/') || !code.includes('css')) return null;
      const minified = code.replace(/\bcss\s*`([^`]*)`/g, (_, text) => {
        const css = text
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          // `color:red}`, not `color: red;}`: a declaration's space and last semicolon go (not in selectors).
          .replace(/([{;][a-z-]+): (?=[^;{}]*[;}])/g, '$1:')
          .replace(/;}/g, '}')
          // [part=base], not [part='base']: an identifier needs no quotes.
          .replace(/\[([\w-]+)([~|^$*]?=)'([a-zA-Z_][\w-]*)'\]/g, '[$1$2$3]')
          .trim();
        return `css\`${css}\``;
      });
      return { code: minified, map: null };
    },
  };
}

export function quietCircular(warning, warn) {
  // openvidu-browser has three harmless import cycles; tsc's decorator helper tests `this` at module level.
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
}

/** The files loaded on demand: `openvidu-elements.lang-<lang>.js` per language, `openvidu-elements.diagnostics.js`. */
export function onDemandFileName(chunk) {
  const holds = (pattern) => chunk.moduleIds.some((id) => pattern.test(id));
  if (holds(/\/elements\/ov-diagnostics\/define\.js$/)) return 'openvidu-elements.diagnostics.js';
  if (/^[a-z]{2}$/.test(chunk.name) && holds(/\/core\/i18n\/[a-z]{2}\.js$/)) return 'openvidu-elements.lang-[name].js';
  // Anything else split off would be a file a page serving the bundle lacks: the build says so.
  throw new Error(`unexpected chunk ${chunk.name} (${chunk.moduleIds.join(', ')}): review onDemandFileName in rollup.config.mjs`);
}

export default {
  input: 'dist/define.js',
  // The diagnostics file imports Lit and the core from the bundle itself: the bundle may export more than define.js
  // does, rather than become a facade over a second file that holds everything.
  preserveEntrySignatures: 'allow-extension',
  output: {
    // One file with everything a call in English needs; each other language is a file beside it, loaded on demand
    // (core/i18n/index.ts), and so is <ov-diagnostics> (openvidu-elements.diagnostics.js, which <ov-room>'s error view
    // loads, and a page may load with a script tag). A page that serves only the bundle file works in English.
    dir: 'dist',
    entryFileNames: 'openvidu-elements.bundle.js',
    chunkFileNames: onDemandFileName,
    format: 'es',
    sourcemap: true,
  },
  plugins: [openviduBrowserInline(), minifyStyles(), ...openviduBrowserPlugins(), terser({ format: { comments: false }, ecma: 2021, module: true, compress: { passes: 3 } })],
  onwarn: quietCircular,
};
