// The parts of openvidu-browser trimmed from this build (scripts/trim-openvidu-browser.mjs): each reports itself
// when reached, and a call that uses what openvidu-elements uses reaches none of them. Every other end-to-end test
// checks the same after each test (leaveAll, expectNothingLeftRunning).
import { expect } from '@open-wc/testing';
// helpers.js first: it routes the console before openvidu-browser keeps its own reference to it.
import { connectionIdOf, join, leaveAll, once, publish, quietly, recordConsole, serverControl, uniqueSessionId, videoPlaying, waitFor } from './helpers.js';
import { Filter, OpenVidu } from 'openvidu-browser';
import { takeReachedTrimmedParts } from '../support/trimmed.js';

/** Runs `action`, which must reach the trimmed `part`: it throws (or rejects) "trimmed: <part>" and records it. */
async function expectTrimmed(part: string, action: () => unknown): Promise<void> {
  let error: unknown;
  try {
    await action();
  } catch (caught) {
    error = caught;
  }
  expect(String((error as Error | undefined)?.message), part).to.match(new RegExp(`^trimmed: ${part.replace(/[.()]/g, '\\$&')} is left out`));
  expect(takeReachedTrimmedParts()).to.deep.equal([part]);
}

/** Hides navigator.mediaDevices.getDisplayMedia during `action`, as in a browser that has none. */
async function withoutGetDisplayMedia(action: () => Promise<unknown>): Promise<void> {
  const mediaDevices = navigator.mediaDevices as any;
  Object.defineProperty(mediaDevices, 'getDisplayMedia', { value: undefined, configurable: true });
  try {
    await action();
  } finally {
    delete mediaDevices.getDisplayMedia; // the prototype's own shows again
  }
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('openvidu-browser as trimmed for openvidu-elements', () => {
  afterEach(leaveAll);

  it('each trimmed part reports itself when reached', async () => {
    const sessionId = uniqueSessionId('trimmed');
    const ana = await join(sessionId, 'Ana');
    const stream = ana.publisher!.stream as any;
    await quietly(async () => {
      await expectTrimmed('LocalRecorder', () => ana.ov.initLocalRecorder(stream));
      await expectTrimmed('Stream.applyFilter', () => stream.applyFilter('GStreamerFilter', { command: 'videoflip method=vertical-flip' }));
      await expectTrimmed('Stream.removeFilter', () => stream.removeFilter());
      await expectTrimmed('Stream.removeFilterAux', () => stream.removeFilterAux(false));
      const filter = new Filter('GStreamerFilter', {});
      await expectTrimmed('Filter.execMethod', () => filter.execMethod('setElementProperty', {}));
      await expectTrimmed('Filter.addEventListener', () => filter.addEventListener('CodeFound', () => {}));
      await expectTrimmed('Filter.removeEventListener', () => filter.removeEventListener('CodeFound'));
      await expectTrimmed('Stream.gatherStatsForPeer', () => stream.gatherStatsForPeer());
      await expectTrimmed('Stream.isReportWanted', () => stream.isReportWanted({}));
      for (const method of ['sendStats', 'sendStatsToHttpEndpoint', 'getCommonStats', 'generateJSONStatsResponse', 'getWebRtcStatsResponseOutline']) {
        await expectTrimmed(`WebRtcStats.${method}`, () => stream.webRtcStats[method]());
      }
      // Public methods that a room never calls (it hands no openvidu-browser object to the page).
      await expectTrimmed('OpenVidu.getDevices', () => ana.ov.getDevices());
      await expectTrimmed('OpenVidu.getUserMedia', () => ana.ov.getUserMedia({ audioSource: false }));
      await expectTrimmed('Stream.getSelectedIceCandidate', () => stream.getSelectedIceCandidate());
      await expectTrimmed('WebRtcStats.getSelectedIceCandidateInfo', () => stream.webRtcStats.getSelectedIceCandidateInfo());
      await expectTrimmed('Session.subscribeAsync', () => ana.session.subscribeAsync(stream, document.body));
      await expectTrimmed('StreamManager.createVideoElement', () => ana.publisher!.createVideoElement(document.body));
      await expectTrimmed('StreamManager.updatePublisherSpeakingEventsOptions', () => ana.publisher!.updatePublisherSpeakingEventsOptions({}));
      const ben = await join(sessionId, 'Ben', { publish: false });
      await waitFor(() => ben.subscribers.length === 1, "Ben's subscription to Ana");
      await expectTrimmed('Subscriber.subscribeToAudio', () => ben.subscribers[0]!.subscribeToAudio(false));
      await expectTrimmed('Subscriber.subscribeToVideo', () => ben.subscribers[0]!.subscribeToVideo(false));
      // Screen sharing where the browser has no getDisplayMedia: the extension paths, with and without a
      // configured extension.
      await withoutGetDisplayMedia(async () => {
        const ov = new OpenVidu();
        await expectTrimmed('screen sharing through a Chrome extension', () => ov.initPublisherAsync(undefined, { videoSource: 'screen' }));
        ov.setAdvancedConfiguration({ screenShareChromeExtension: 'https://chrome.google.com/webstore/detail/x/abcdefghijklmnopabcdefghijklmnop' });
        await expectTrimmed('screen sharing through a Chrome extension', () => ov.initPublisherAsync(undefined, { videoSource: 'screen' }));
      });
    });
  });

  it('the WebRTC stats hook is trimmed: with its localStorage item set, a publish warns and still works', async () => {
    const sessionId = uniqueSessionId('stats-hook');
    const ana = await join(sessionId, 'Ana', { publish: false });
    localStorage.setItem('webrtc-stats-config', JSON.stringify({ interval: 1, httpEndpoint: 'http://127.0.0.1:9/stats' }));
    try {
      const { lines } = await recordConsole(() => publish(ana));
      expect(lines.some((line) => line.startsWith('warn: trimmed: WebRtcStats (localStorage webrtc-stats-config)'))).to.equal(true);
    } finally {
      localStorage.removeItem('webrtc-stats-config');
    }
    expect(takeReachedTrimmedParts()).to.deep.equal(['WebRtcStats (localStorage webrtc-stats-config)']);
    const ben = await join(sessionId, 'Ben', { publish: false });
    expect((await videoPlaying(ben, connectionIdOf(ana))).videoWidth).to.be.greaterThan(0);
  });

  it('a call doing what openvidu-elements does reaches no trimmed part; peer ids are v4 UUIDs', async () => {
    const sessionId = uniqueSessionId('untrimmed-paths');
    const ana = await join(sessionId, 'Ana', { role: 'MODERATOR' });
    const ben = await join(sessionId, 'Ben');
    await videoPlaying(ana, connectionIdOf(ben));
    await videoPlaying(ben, connectionIdOf(ana));
    const publisher = ana.publisher!;
    const peerIds = [publisher.stream, ...ana.subscribers.map((s) => s.stream)].map((stream) => (stream as any).webRtcPeer.getId());
    expect(peerIds).to.have.length(2);
    for (const id of peerIds) expect(id).to.match(UUID_V4);
    // Speaking detection, mute, camera off releasing the device and on again, a new microphone track, a signal.
    publisher.on('publisherStartSpeaking', () => {});
    ben.session.on('publisherStartSpeaking', () => {});
    const muted = once(ben.session, 'streamPropertyChanged');
    publisher.publishAudio(false);
    await muted;
    publisher.publishAudio(true);
    await publisher.publishVideo(false, true);
    await publisher.publishVideo(true);
    const [track] = (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks();
    await publisher.replaceTrack(track);
    const signal = once(ben.session, 'signal:chat');
    await ana.session.signal({ type: 'chat', data: 'hello' });
    expect((await signal).data).to.equal('hello');
    // Renegotiating both sides of a stream, as after an ICE failure.
    await (publisher.stream as any).reconnect();
    await (ben.subscribers[0].stream as any).reconnect();
    await videoPlaying(ben, connectionIdOf(ana));
    // A dropped WebSocket that comes back.
    const reconnected = once(ben.session, 'reconnected');
    await quietly(async () => {
      await serverControl({ action: 'drop-socket', connectionId: connectionIdOf(ben) });
      await reconnected;
    });
    // A screen, through getDisplayMedia, published and watched.
    const screenOv = new OpenVidu();
    screenOv.enableProdMode();
    const screen = await screenOv.initPublisherAsync(undefined, { videoSource: 'screen', audioSource: false });
    screen.stream.getMediaStream().getTracks().forEach((t) => t.stop());
    // A moderator's actions and an unpublish.
    const destroyed = once(ana.session, 'streamDestroyed');
    await ana.session.forceUnpublish(await waitForRemoteStream(ana, connectionIdOf(ben)));
    await destroyed;
    ana.session.unpublish(publisher);
    expect(takeReachedTrimmedParts()).to.deep.equal([]);
  });

  it("the server version check still logs a mismatch (semver's replacement)", async () => {
    // The local server answers 2.32.1 (silent for openvidu-browser 2.32.2); the page rewrites it on the way in.
    const sessionId = uniqueSessionId('version');
    const same = await recordConsole(() => join(sessionId, 'Ana', { publish: false }));
    expect(same.lines.filter((line) => line.includes('version'))).to.deep.equal([]);
    for (const [version, expected] of [
      ['2.33.0', /^warn: .*openvidu-server version 2\.33\.0.*as soon as possible to 2\.33\.x/],
      ['3.0.0', /^error: .*openvidu-server \(3\.0\.0\) versions are incompatible/],
      ['not-a-version', /^error: .*openvidu-server \(not-a-version\) versions are incompatible/],
    ] as const) {
      const { lines } = await recordConsole(() => withServerVersion(version, () => join(sessionId, `Ben ${version}`, { publish: false })));
      expect(lines.some((line) => expected.test(line)), `${version}: ${lines.join(' | ')}`).to.equal(true);
    }
  });
});

async function waitForRemoteStream(viewer: { session: any }, connectionId: string): Promise<any> {
  await waitFor(() => !!viewer.session.remoteConnections.get(connectionId)?.stream, `the stream of ${connectionId}`);
  return viewer.session.remoteConnections.get(connectionId).stream;
}

/** Joins with the joinRoom answer's `version` rewritten, as from a server of another version. */
async function withServerVersion<T>(version: string, action: () => Promise<T>): Promise<T> {
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    override addEventListener(type: string, listener: any, options?: any): void {
      if (type !== 'message') return super.addEventListener(type, listener, options);
      super.addEventListener(
        type,
        (event: MessageEvent) => {
          const data = typeof event.data === 'string' ? event.data.replace('"version":"2.32.1"', `"version":${JSON.stringify(version)}`) : event.data;
          listener.call(this, new MessageEvent('message', { data }));
        },
        options,
      );
    }
  } as typeof WebSocket;
  try {
    return await action();
  } finally {
    window.WebSocket = NativeWebSocket;
  }
}
