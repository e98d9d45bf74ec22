// openvidu-browser ships CommonJS only, which browsers cannot import. This builds it into one ES module, with the
// fixes of rollup.config.mjs: build/vendor/openvidu-browser.js for the tests (web-test-runner.config.mjs resolves
// the bare specifier to it), and dist/vendor/ for the npm package (scripts/vendor-openvidu-browser.mjs).
import { rollup } from 'rollup';
import { openviduBrowserPlugins, quietCircular } from '../rollup.config.mjs';

// The named exports of openvidu-browser/lib/index.js. Rollup's commonjs plugin only resolves named imports,
// not `export *`, from a CommonJS module.
export const EXPORTS = [
  'OpenVidu', 'Session', 'Publisher', 'Subscriber', 'StreamManager', 'Stream', 'Connection', 'LocalRecorder',
  'Filter', 'LocalRecorderState', 'OpenViduError', 'OpenViduErrorName', 'TypeOfVideo', 'VideoInsertMode', 'Event',
  'ConnectionEvent', 'PublisherSpeakingEvent', 'RecordingEvent', 'SessionDisconnectedEvent', 'SignalEvent',
  'StreamEvent', 'StreamManagerEvent', 'VideoElementEvent', 'StreamPropertyChangedEvent',
  'ConnectionPropertyChangedEvent', 'FilterEvent', 'NetworkQualityLevelChangedEvent', 'SpeechToTextEvent',
  'ExceptionEvent', 'ExceptionEventName', 'EventDispatcher',
];
const ENTRY = '\0openvidu-browser-entry';

export async function buildOpenViduBrowserEsm(file = 'build/vendor/openvidu-browser.js') {
  const bundle = await rollup({
    input: ENTRY,
    plugins: [
      {
        name: 'entry',
        resolveId: (id) => (id === ENTRY ? ENTRY : null),
        load: (id) => (id === ENTRY ? `export { ${EXPORTS.join(', ')} } from 'openvidu-browser';` : null),
      },
      ...openviduBrowserPlugins(),
    ],
    onwarn: quietCircular,
  });
  await bundle.write({ file, format: 'es' });
  await bundle.close();
  return file;
}


if (import.meta.url === `file://${process.argv[1]}`) await buildOpenViduBrowserEsm();
