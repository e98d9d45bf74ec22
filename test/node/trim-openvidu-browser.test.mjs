// The trims of openvidu-browser (scripts/trim-openvidu-browser.mjs): the replacements do what openvidu-browser
// needs of uuid, semver and events; a trimmed build holds none of the trimmed code; and the build fails, naming
// the trim, when openvidu-browser's code no longer looks as a trim expects.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rollup } from 'rollup';
import { openviduBrowserPlugins, quietCircular } from '../../rollup.config.mjs';
import { EventEmitter, TRIM_NAMES, trimOpenViduBrowser, uuidV4, versionPart } from '../../scripts/trim-openvidu-browser.mjs';

const ENTRY = '\0entry';

/** Builds openvidu-browser (unminified); `before` plugins run ahead of the trims, to play an upgraded upstream. */
async function buildOpenViduBrowser({ before = [], keep = [] } = {}) {
  const bundle = await rollup({
    input: ENTRY,
    plugins: [
      { name: 'entry', resolveId: (id) => (id === ENTRY ? ENTRY : null), load: (id) => (id === ENTRY ? "export { OpenVidu } from 'openvidu-browser';" : null) },
      ...before,
      ...openviduBrowserPlugins({ trims: { keep } }),
    ],
    onwarn: quietCircular,
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

/** A plugin that edits one openvidu-browser file before the trims see it, as an upgrade might. */
const upstreamEdit = (file, edit) => ({
  name: 'upstream-edit',
  transform: (code, id) => (id.replaceAll('\\', '/').endsWith(`openvidu-browser/lib/${file}`) ? { code: edit(code), map: null } : null),
});

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('openvidu-browser trims', () => {
  it('uuid: v4 UUIDs from crypto.randomUUID, and from getRandomValues where it is missing (insecure pages)', () => {
    const ids = new Set(Array.from({ length: 200 }, () => uuidV4()));
    assert.equal(ids.size, 200);
    for (const id of ids) assert.match(id, UUID_V4);
    // The same source the build inlines, run against a crypto without randomUUID (as on a plain-http page).
    const withCrypto = new Function('crypto', `return (${uuidV4.toString()})();`);
    const insecure = { getRandomValues: (array) => globalThis.crypto.getRandomValues(array) };
    const fallbackIds = new Set(Array.from({ length: 200 }, () => withCrypto(insecure)));
    assert.equal(fallbackIds.size, 200);
    for (const id of fallbackIds) assert.match(id, UUID_V4);
    assert.equal(withCrypto({ getRandomValues: (array) => array.fill(0xff) }), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it("semver: major and minor as semver reads them; NaN (a logged mismatch) for what it cannot read", () => {
    const cases = [
      ['2.32.1', 2, 32],
      ['2.33.0-beta.1', 2, 33],
      ['v3.0.0', 3, 0],
      [' =2.10.7 ', 2, 10],
    ];
    for (const [version, major, minor] of cases) {
      assert.equal(versionPart(version, 0), major, version);
      assert.equal(versionPart(version, 1), minor, version);
    }
    for (const bad of ['2.32', '', undefined, 'x.y.z']) assert.ok(Number.isNaN(versionPart(bad, 0)), String(bad));
  });

  it('events: on/emit as RpcBuilder uses them (emit says whether anyone listened; an unheard error throws)', () => {
    function Builder() {
      EventEmitter.call(this);
    }
    Object.setPrototypeOf(Builder.prototype, EventEmitter.prototype);
    const builder = new Builder();
    assert.equal(builder.emit('request', 1), false);
    const heard = [];
    builder.on('request', function (value) {
      heard.push([this, value]);
    });
    builder.on('request', (value) => heard.push(['second', value]));
    assert.equal(builder.emit('request', 7), true);
    assert.deepEqual(heard, [
      [builder, 7],
      ['second', 7],
    ]);
    assert.throws(() => builder.emit('error', new Error('boom')), /boom/);
  });

  it('a trimmed build holds none of the trimmed code, and the untrimmed build does', async () => {
    const traces = {
      LocalRecorder: 'MediaRecorder',
      'filters and virtual background': 'openvidu-virtual-background.js',
      'screen sharing through a Chrome extension': 'openvidu-screen-sharing-chrome-extension/',
      'WebRTC stats hook': 'availableOutgoingBitrate',
      uuid: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
      semver: 'Invalid Version',
      events: 'MaxListenersExceededWarning',
      'public methods a room never calls': 'EnumerateDevicesPlugin',
    };
    assert.deepEqual(Object.keys(traces).sort(), [...TRIM_NAMES].sort(), 'a trace for every trim');
    const [trimmed, untrimmed] = await Promise.all([buildOpenViduBrowser(), buildOpenViduBrowser({ keep: TRIM_NAMES })]);
    for (const [name, trace] of Object.entries(traces)) {
      assert.ok(untrimmed.includes(trace), `the untrimmed build has "${trace}" (${name})`);
      assert.ok(!trimmed.includes(trace), `the trimmed build has no "${trace}" (${name})`);
    }
  });

  it('the build fails, naming the trim, when openvidu-browser no longer looks as a trim expects', async () => {
    const upgrades = [
      ['OpenVidu/Stream.js', (code) => code.replace('    applyFilter(type, options) {', '    applyFilters(type, options) {'), /trim "filters and virtual background" expects method Stream\.applyFilter/],
      ['OpenVidu/Session.js', (code) => code.replace('require("semver/functions/major")', 'require("semver/functions/major.js")'), /trim "semver" expects "const semverMajor = require/],
      ['OpenVidu/LocalRecorder.js', (code) => code.replaceAll('exports.LocalRecorder = ', 'exports.Recorder = '), /trim "LocalRecorder" expects OpenVidu\/LocalRecorder\.js to export LocalRecorder/],
      ['OpenVidu/Stream.js', (code) => `${code}\nrequire('events');`, /imports 'events'; trim "events" replaces it in kurento-jsonrpc only/],
    ];
    for (const [file, edit, expected] of upgrades) {
      await assert.rejects(buildOpenViduBrowser({ before: [upstreamEdit(file, edit)] }), expected);
    }
    assert.throws(() => trimOpenViduBrowser({ keep: ['uuids'] }), /no trim named "uuids"/);
  });
});
