// What openvidu-browser carries that openvidu-elements never uses, left out of every build of it (the CDN bundle,
// dist/vendor for npm, build/vendor for the tests) by one rollup plugin, `trimOpenViduBrowser()`, that
// rollup.config.mjs puts into `openviduBrowserPlugins()`.
//
// The rule: a part is trimmed only when nothing a room does can reach it, on this server or on a real OpenVidu
// deployment (CE or Pro). Parts that the server can trigger (a token's options, a notification) stay, even when
// only Pro sends them. Each trim below says what reaches the part and why that cannot happen here.
//
// A trimmed part that is reached anyway does not fail quietly: it records its name in
// `globalThis[Symbol.for('openvidu-elements.trimmed')]` and throws "trimmed: <part> …". The end-to-end tests
// check after every test that nothing was recorded (test/support), and test/server/trimmed.test.ts calls each
// trimmed part once to see it report itself. Three parts are replaced rather than trimmed (uuid, semver,
// events): smaller code that does what openvidu-browser needs of them.
//
// Every patch names the code it expects; when an openvidu-browser upgrade changes that code the build fails with
// the trim's name, so that a person reviews the trim instead of users meeting a broken one.
//
// Looked at and kept, because a room can reach them on some real deployment:
// - jsnlog (3.0 KB gzip) and the log calls (2.5 KB): OpenVidu Pro ships browser logs to its Elastic stack when the
//   token says `sendBrowserLogs=debug|debug_app` (OPENVIDU_BROWSER_LOGS), info and debug lines included, even in
//   production mode; `logger.debug` lines are never shipped, but they are a small part of the 2.5 KB;
// - platform.js (6.2 KB): every browser-specific path (Safari, Firefox, mobile, Electron) asks it;
// - freeice: the STUN servers used when a deployment hands out no ICE servers;
// - what Pro or mediasoup servers send (network quality, speech-to-text messages, server-offered subscriptions,
//   simulcast, forciblyReconnectSubscriber, masterNodeCrashedNotification), and every notification handler;
// - wolfy87-eventemitter: it carries the public events (`session.on`), with semantics a rewrite would have to copy.
// Speech-to-text's two client requests were a trim once; they weigh under 100 bytes gzip, so they stayed.

/** Where reached trimmed parts are recorded (an array of names). */
export const TRIMMED_KEY = 'openvidu-elements.trimmed';

/** Records `part` and returns the error to throw. One module, required by every module that has a trimmed part. */
function trimmedError(part) {
  const key = Symbol.for('openvidu-elements.trimmed');
  (globalThis[key] = globalThis[key] || []).push(part);
  return new Error(`trimmed: ${part} is left out of openvidu-elements' build of openvidu-browser (see scripts/trim-openvidu-browser.mjs)`);
}

/**
 * uuid's v4(), for the ids openvidu-browser gives its peer connections (they label log lines and stats). The
 * uuid package is bundled whole (v1, v3, v5, md5, sha1 …). `crypto.randomUUID` exists only in secure contexts,
 * and a page on plain http (a phone on the LAN) can still watch a call, so the fallback builds the same v4 from
 * `crypto.getRandomValues`, which every context has.
 */
export function uuidV4() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * semver's major() and minor() (part 0 or 1 of a version), for the one thing openvidu-browser does with semver:
 * `Session.processJoinRoomResponse` compares the server's version with its own and logs a mismatch. semver
 * throws on a version it cannot read, inside the RPC callback, which leaves `connect()` unsettled for ever; this
 * gives NaN instead, so an unreadable version is logged as a mismatch and the join goes on.
 */
export function versionPart(version, index) {
  const match = /^\s*[v=]?\s*(\d+)\.(\d+)\.(\d+)/.exec(String(version));
  return match ? Number(match[index + 1]) : NaN;
}

/**
 * The EventEmitter of Node's `events` (bundled as a 14 KB package), as far as kurento-jsonrpc's RpcBuilder uses
 * it: `EventEmitter.call(this)`, `on('request', …)` and `emit('request', …)`, whose answer (were there
 * listeners?) it reads. Nothing else in openvidu-browser imports `events` (the plugin fails the build if
 * something does).
 */
export function EventEmitter() {
  this.listenersByType = {};
}
EventEmitter.prototype.on = function on(type, listener) {
  (this.listenersByType[type] = this.listenersByType[type] || []).push(listener);
  return this;
};
EventEmitter.prototype.emit = function emit(type, ...args) {
  const listeners = this.listenersByType[type];
  if (!listeners || listeners.length === 0) {
    if (type === 'error') throw args[0]; // as Node's does
    return false;
  }
  for (const listener of [...listeners]) listener.apply(this, args);
  return true;
};

const TRIMMED_MODULE = '\0openvidu-elements-trimmed';
const TRIMMED_MODULE_SOURCE = `${trimmedError.toString()}\nexport default { trimmedError };`;

/** A method body that reports the part as reached. */
const throwing = (part) => `{ throw trimmedError(${JSON.stringify(part)}); }`;

// The patches. `file` is relative to openvidu-browser/lib/. Kinds:
// - methods: the bodies of these methods of `className` become `body(method)` (found in the syntax tree);
// - replace: exact text, which must be found;
// - module: the whole file becomes `code`; the original must still export `exports` (so importers still match).

export const TRIMS = [
  {
    name: 'LocalRecorder',
    // Reached only through `OpenVidu.initLocalRecorder()`, which openvidu-elements never calls (it records
    // nothing in the browser; recordings are the server's). It also takes `mime` (3.6 KB even as mime/lite),
    // which LocalRecorder alone uses for a file extension.
    patches: [
      {
        file: 'OpenVidu/LocalRecorder.js',
        module: {
          exports: ['LocalRecorder'],
          code: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
class LocalRecorder { constructor() { throw trimmedError("LocalRecorder"); } }
exports.LocalRecorder = LocalRecorder;`,
        },
      },
    ],
  },
  {
    name: 'filters and virtual background',
    // `Stream.applyFilter`/`removeFilter` (Kurento filters; Pro's virtual background, which injects a <script>
    // from the OpenVidu server into the page) and the methods of a `Filter` object are reached only when the page
    // applies a filter: openvidu-elements never does and never sets a publisher's `filter` property.
    // `removeFilterAux` is also called when a stream is disposed and when the camera goes off, but only for a
    // stream whose filter is a virtual background ("VB:" type), which only applyFilter creates, on the client
    // (the server is never told). A remote stream announced with such a filter would fail there upstream too (it
    // has no virtual-background elements), and disposal catches that error either way. What the server says about
    // other participants' filters (a `filter` in participantPublished or streamPropertyChanged) stays: it only
    // builds `Filter` objects, whose constructor is kept.
    patches: [
      {
        file: 'OpenVidu/Stream.js',
        methods: { className: 'Stream', names: ['applyFilter', 'removeFilter', 'removeFilterAux'], body: (name) => throwing(`Stream.${name}`) },
      },
      {
        file: 'OpenVidu/Filter.js',
        methods: { className: 'Filter', names: ['execMethod', 'addEventListener', 'removeEventListener'], body: (name) => throwing(`Filter.${name}`) },
      },
    ],
  },
  {
    name: 'screen sharing through a Chrome extension',
    // openvidu-browser falls back to a Chrome extension (or Firefox's old mozMediaSource) for screen sharing only
    // in browsers without `getDisplayMedia` (Chrome < 72, Firefox < 66); openvidu-elements offers no screen
    // sharing there and sets no `screenShareChromeExtension`. Both modules also act on import: they add a
    // window 'message' listener and a global `getScreenId`, which the page is better without.
    patches: [
      {
        file: 'OpenViduInternal/ScreenSharing/Screen-Capturing.js',
        module: {
          exports: ['getScreenConstraints', 'getScreenConstraintsWithAudio', 'isChromeExtensionAvailable', 'getChromeExtensionStatus', 'getSourceId'],
          code: `"use strict";
const trimmed = () => { throw trimmedError("screen sharing through a Chrome extension"); };
exports.getScreenConstraints = exports.getScreenConstraintsWithAudio = trimmed;
exports.isChromeExtensionAvailable = exports.getChromeExtensionStatus = exports.getSourceId = trimmed;`,
        },
      },
      {
        file: 'OpenViduInternal/ScreenSharing/Screen-Capturing-Auto.js',
        module: {
          exports: ['getScreenId'],
          code: `"use strict";
exports.getScreenId = () => { throw trimmedError("screen sharing through a Chrome extension"); };`,
        },
      },
    ],
  },
  {
    name: 'WebRTC stats hook',
    // `WebRtcStats` posts a stream's stats every few seconds to a URL when the page's localStorage holds a
    // "webrtc-stats-config" item (OpenVidu's load-testing tool sets it in its own test app); no server and no
    // room sets it. The item is still looked for: if present, the trim is recorded and a warning printed (the
    // call goes on). `Stream.gatherStatsForPeer` is dead code upstream (its only caller is commented out).
    // `getSelectedIceCandidateInfo`, behind the public `Stream.getSelectedIceCandidate()`, goes with the trim of
    // public methods a room never calls.
    patches: [
      {
        file: 'OpenViduInternal/WebRtcStats/WebRtcStats.js',
        methods: {
          className: 'WebRtcStats',
          names: ['initWebRtcStats', 'sendStats', 'sendStatsToHttpEndpoint', 'getCommonStats', 'generateJSONStatsResponse', 'getWebRtcStatsResponseOutline'],
          body: (name) =>
            name === 'initWebRtcStats'
              ? `{ let config; try { config = localStorage.getItem(this.STATS_ITEM_NAME); } catch (e) {}
                 if (config) console.warn(trimmedError("WebRtcStats (localStorage webrtc-stats-config)").message); }`
              : throwing(`WebRtcStats.${name}`),
        },
      },
      {
        file: 'OpenVidu/Stream.js',
        methods: { className: 'Stream', names: ['gatherStatsForPeer', 'isReportWanted'], body: (name) => throwing(`Stream.${name}`) },
      },
    ],
  },
  {
    name: 'public methods a room never calls',
    // openvidu-elements hands no openvidu-browser object to the page (snapshots and commands only, core/room-state.ts),
    // so these public methods are reached only by its own code, which never calls them: `OpenVidu.getDevices` and
    // `OpenVidu.getUserMedia` (devices.ts and local-media.ts ask navigator.mediaDevices and `initPublisherAsync`),
    // `Stream.getSelectedIceCandidate` (diagnostics.ts reads getStats itself), `Session.subscribeAsync` (it
    // subscribes with `subscribe`),
    // `Subscriber.subscribeToAudio/subscribeToVideo` (the room plays the sound itself; video reception is the
    // patched `setVideoReception`), `StreamManager.updatePublisherSpeakingEventsOptions`, and
    // `StreamManager.createVideoElement`, which openvidu-browser itself calls only for the target element that
    // `initPublisher` or `subscribe` were given: every call here passes none (stream-view.ts attaches <video>s).
    patches: [
      { file: 'OpenVidu/OpenVidu.js', methods: { className: 'OpenVidu', names: ['getDevices', 'getUserMedia'], body: (name) => throwing(`OpenVidu.${name}`) } },
      { file: 'OpenVidu/Stream.js', methods: { className: 'Stream', names: ['getSelectedIceCandidate'], body: (name) => throwing(`Stream.${name}`) } },
      {
        file: 'OpenViduInternal/WebRtcStats/WebRtcStats.js',
        methods: { className: 'WebRtcStats', names: ['getSelectedIceCandidateInfo'], body: (name) => throwing(`WebRtcStats.${name}`) },
      },
      { file: 'OpenVidu/Session.js', methods: { className: 'Session', names: ['subscribeAsync'], body: (name) => throwing(`Session.${name}`) } },
      {
        file: 'OpenVidu/Subscriber.js',
        methods: { className: 'Subscriber', names: ['subscribeToAudio', 'subscribeToVideo'], body: (name) => throwing(`Subscriber.${name}`) },
      },
      {
        file: 'OpenVidu/StreamManager.js',
        methods: {
          className: 'StreamManager',
          names: ['createVideoElement', 'updatePublisherSpeakingEventsOptions'],
          body: (name) => throwing(`StreamManager.${name}`),
        },
      },
    ],
  },
  {
    name: 'uuid',
    replacement: true,
    patches: [
      { file: 'OpenVidu/Stream.js', replace: ['const uuid_1 = require("uuid");', `const uuid_1 = { v4: ${uuidV4.toString()} };`] },
      { file: 'OpenViduInternal/WebRtcPeer/WebRtcPeer.js', replace: ['const uuid_1 = require("uuid");', `const uuid_1 = { v4: ${uuidV4.toString()} };`] },
    ],
  },
  {
    name: 'semver',
    replacement: true,
    patches: [
      {
        file: 'OpenVidu/Session.js',
        replace: [
          'const semverMajor = require("semver/functions/major");',
          `${versionPart.toString()}\nconst semverMajor = (version) => versionPart(version, 0);`,
        ],
      },
      { file: 'OpenVidu/Session.js', replace: ['const semverMinor = require("semver/functions/minor");', 'const semverMinor = (version) => versionPart(version, 1);'] },
    ],
  },
  {
    name: 'events',
    replacement: true,
    patches: [
      {
        file: 'OpenViduInternal/KurentoUtils/kurento-jsonrpc/index.js',
        replace: [
          "var EventEmitter = require('events').EventEmitter;",
          `${EventEmitter.toString()}\nEventEmitter.prototype.on = ${EventEmitter.prototype.on.toString()};\nEventEmitter.prototype.emit = ${EventEmitter.prototype.emit.toString()};`,
        ],
      },
    ],
  },
];

export const TRIM_NAMES = TRIMS.map((trim) => trim.name);

const LIB = '/node_modules/openvidu-browser/lib/';
const libPath = (id) => {
  const at = id.replaceAll('\\', '/').lastIndexOf(LIB);
  return at >= 0 ? id.slice(at + LIB.length) : undefined;
};

/** Finds `class <className>`'s methods in a syntax tree, by name. */
function findMethods(ast, className) {
  const found = new Map();
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.id?.name === className) {
      for (const member of node.body.body) {
        if (member.type === 'MethodDefinition' && member.key.type === 'Identifier') found.set(member.key.name, member);
      }
      return;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return found;
}

/**
 * The rollup plugin. `keep` names trims to leave out (bench/size.mjs measures each trim by building without it).
 * The plugin goes before the commonjs plugin, on openvidu-browser's own CommonJS files.
 */
export function trimOpenViduBrowser({ keep = [] } = {}) {
  for (const name of keep) if (!TRIM_NAMES.includes(name)) throw new Error(`trimOpenViduBrowser: no trim named "${name}" (${TRIM_NAMES.join(', ')})`);
  const active = TRIMS.filter((trim) => !keep.includes(trim.name));
  const patchesByFile = new Map();
  for (const trim of active) {
    for (const patch of trim.patches) {
      if (!patchesByFile.has(patch.file)) patchesByFile.set(patch.file, []);
      patchesByFile.get(patch.file).push({ trim, patch });
    }
  }
  let applied;
  let sawOpenViduBrowser;
  const fail = (context, trim, what) =>
    context.error(`openvidu-browser changed: trim "${trim.name}" ${what}. Review the trim in scripts/trim-openvidu-browser.mjs.`);

  return {
    name: 'trim-openvidu-browser',
    buildStart() {
      applied = new Set();
      sawOpenViduBrowser = false;
    },
    resolveId(source, importer, options) {
      if (source === TRIMMED_MODULE) return TRIMMED_MODULE;
      // Kept LocalRecorder (to measure the trim) needs `mime` for a file extension: mime/lite has every standard
      // type and is 7 KB gzip lighter than the full database, as the build had before this trim.
      if (source === 'mime' && importer && libPath(importer)) return this.resolve('mime/lite', importer, { ...options, skipSelf: true });
      // The `events` replacement is only right for kurento-jsonrpc's RpcBuilder.
      if (source === 'events' && importer && libPath(importer) && !keep.includes('events')) {
        this.error(`openvidu-browser changed: ${libPath(importer)} imports 'events'; trim "events" replaces it in kurento-jsonrpc only. Review scripts/trim-openvidu-browser.mjs.`);
      }
      return null;
    },
    load(id) {
      return id === TRIMMED_MODULE ? TRIMMED_MODULE_SOURCE : null;
    },
    transform(code, id) {
      const file = libPath(id);
      if (file === undefined) return null;
      sawOpenViduBrowser = true;
      const patches = patchesByFile.get(file);
      if (!patches) return null;
      let text = code;
      const edits = []; // [start, end, replacement] in the original text, for method bodies
      let ast;
      for (const { trim, patch } of patches) {
        if (patch.module) {
          for (const name of patch.module.exports) {
            if (!code.includes(`exports.${name} = `)) fail(this, trim, `expects ${file} to export ${name}`);
          }
        } else if (patch.methods) {
          ast ??= this.parse(code);
          const methods = findMethods(ast, patch.methods.className);
          for (const name of patch.methods.names) {
            const method = methods.get(name);
            if (!method) fail(this, trim, `expects method ${patch.methods.className}.${name} in ${file}`);
            edits.push([method.value.body.start, method.value.body.end, patch.methods.body(name)]);
          }
        }
        applied.add(patch);
      }
      edits.sort((a, b) => b[0] - a[0]);
      for (const [start, end, replacement] of edits) text = text.slice(0, start) + replacement + text.slice(end);
      for (const { trim, patch } of patches) {
        if (patch.module) text = patch.module.code;
        else if (patch.replace) {
          const [before, after] = patch.replace;
          if (!text.includes(before)) fail(this, trim, `expects "${before}" in ${file}`);
          text = text.replace(before, after);
        }
      }
      // A function, hoisted as the inlined copy was; its one module is shared (ten copies weighed 0.2 KB gzip).
      if (text.includes('trimmedError(')) text += `\nfunction trimmedError(part) { return require(${JSON.stringify(TRIMMED_MODULE)}).trimmedError(part); }\n`;
      return { code: text, map: null };
    },
    buildEnd(error) {
      // A build of openvidu-browser where a patched file no longer exists (moved, renamed) must not pass either.
      if (error || !sawOpenViduBrowser) return;
      for (const trim of active) {
        for (const patch of trim.patches) if (!applied.has(patch)) fail(this, trim, `expects ${patch.file}, which is not in the build`);
      }
    },
  };
}
