// The capability modules that drive openvidu-browser, each on its own, against the local OpenVidu server with
// real media: the connection (camera and screen alike), the local camera and microphone, the screen share and
// the room's own sound.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { isOvError, type OvError } from '../../src/core/errors.js';
import { LocalMedia } from '../../src/core/local-media.js';
import { createOpenVidu, loadOpenVidu } from '../../src/core/openvidu.js';
import { RemoteAudio } from '../../src/core/remote-audio.js';
import { ScreenShare } from '../../src/core/screen-share.js';
import { SessionConnection } from '../../src/core/session-connection.js';
import { UNREACHABLE_URL } from '../support/env.js';
import { waitUntil, liveTracks, uniqueSessionId } from '../support/room-helpers.js';

// openvidu-browser loads on demand (a room asks for it first); these modules are driven without a room.
before(() => loadOpenVidu());

const token = async (sessionId: string, role = 'PUBLISHER') =>
  ((await executeServerCommand('ov-server', { action: 'token', sessionId, role })) as { token: string }).token;

async function rejection(work: Promise<unknown>): Promise<OvError> {
  try {
    await work;
  } catch (error) {
    if (isOvError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

function media() {
  const notices: OvError[] = [];
  const fallbacks: string[] = [];
  let changes = 0;
  const local = new LocalMedia({ onChange: () => changes++, onNotice: (error) => notices.push(error), onFallback: (kind) => fallbacks.push(kind) });
  return { local, notices, fallbacks, changes: () => changes };
}

describe('SessionConnection', () => {
  afterEach(() => waitUntil(() => liveTracks().length === 0, 'a track was left running'));

  it('joins with its metadata, knows its role, and leaves on close', async () => {
    const sessionId = uniqueSessionId('connection');
    const connection = new SessionConnection(createOpenVidu());
    await connection.connect(await token(sessionId, 'MODERATOR'), { clientData: 'Ana', participantId: 'p', type: 'CAMERA' });
    expect(connection.connectionId).to.match(/^con_/);
    expect(connection.role).to.equal('MODERATOR');
    const state = (await executeServerCommand('ov-server', { action: 'state' })) as { sessions: Array<{ sessionId: string; connections: Array<{ status: string; clientData: string }> }> };
    const joined = state.sessions.find((s) => s.sessionId === sessionId)!.connections.filter((c) => c.status === 'active');
    expect(JSON.parse(joined[0]!.clientData)).to.deep.equal({ clientData: 'Ana', participantId: 'p', type: 'CAMERA' });
    connection.close();
    await waitUntil(async () => {
      const after = (await executeServerCommand('ov-server', { action: 'state' })) as typeof state;
      return !after.sessions.find((s) => s.sessionId === sessionId)?.connections.some((c) => c.status === 'active');
    }, 'the connection stayed on the server');
  });

  it('names a server that is not there and a token that was used', async () => {
    const port = new URL(UNREACHABLE_URL).port;
    const unreachable = new SessionConnection(createOpenVidu());
    const down = await rejection(unreachable.connect(`ws://127.0.0.1:${port}?sessionId=s&token=tok_x`, {}));
    unreachable.close();
    expect(down.code).to.equal('SERVER_UNREACHABLE');
    expect(down.details.server).to.equal(`ws://127.0.0.1:${port}`);

    const sessionId = uniqueSessionId('used');
    const used = await token(sessionId);
    const first = new SessionConnection(createOpenVidu());
    await first.connect(used, {});
    const second = new SessionConnection(createOpenVidu());
    const refused = await rejection(second.connect(used, {}));
    expect(refused.code).to.equal('TOKEN_REJECTED');
    second.close();
    first.close();
  });
});

describe('LocalMedia', () => {
  afterEach(() => waitUntil(() => liveTracks().length === 0, 'a track was left running'));

  it('opens the camera and microphone once; the camera off stops its track, on opens the same one again', async () => {
    const { local, notices } = media();
    const openvidu = createOpenVidu();
    const [publisher, again] = await Promise.all([local.start(openvidu), local.start(openvidu)]);
    expect(publisher).to.equal(again);
    expect(liveTracks()).to.have.length(2);
    expect(local.microphoneOn && local.cameraOn && local.hasCamera && local.hasMicrophone).to.equal(true);
    const camera = local.track('videoinput')!;
    const cameraId = local.deviceId('videoinput');
    local.setCameraEnabled(false);
    await waitUntil(() => camera.readyState === 'ended', 'the camera light stayed on');
    expect(local.cameraOn).to.equal(false);
    expect(local.deviceId('videoinput')).to.equal(cameraId);
    local.setCameraEnabled(true);
    await waitUntil(() => local.track('videoinput'), 'the camera did not come back');
    expect(local.track('videoinput')!.getSettings().deviceId).to.equal(cameraId);
    local.setMicrophoneEnabled(false);
    expect(local.microphoneOn).to.equal(false);
    expect(local.track('audioinput')!.enabled).to.equal(false);
    local.release();
    expect(local.publisher).to.equal(undefined);
    expect(notices).to.deep.equal([]);
  });

  it('a camera chosen while it is off is the one that opens; a preferred device that is gone falls back to the default', async () => {
    const { local, fallbacks } = media();
    await local.start(createOpenVidu(), { audioDeviceId: 'no-such-microphone' });
    expect(fallbacks).to.deep.equal(['audioinput']);
    expect(local.hasMicrophone).to.equal(true);
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    const other = cameras.find((d) => d.deviceId !== local.deviceId('videoinput'))!;
    local.setCameraEnabled(false);
    await waitUntil(() => !local.track('videoinput'));
    await local.switchDevice('videoinput', other.deviceId);
    expect(local.track('videoinput'), 'choosing does not open it').to.equal(undefined);
    local.setCameraEnabled(true);
    await waitUntil(() => local.track('videoinput')?.label === other.label, 'the chosen camera did not open');
    local.release();
  });

  it('what arrives after release is stopped at once: a start or a camera turned on while leaving', async () => {
    const { local } = media();
    const starting = local.start(createOpenVidu());
    local.release();
    expect(await starting).to.equal(undefined);
    const { local: other } = media();
    await other.start(createOpenVidu());
    other.setCameraEnabled(false);
    await waitUntil(() => !other.track('videoinput'));
    other.setCameraEnabled(true);
    other.release();
    await waitUntil(() => liveTracks().length === 0, 'the late camera stayed on');
  });
});

describe('ScreenShare', () => {
  afterEach(() => waitUntil(() => liveTracks().length === 0, 'a track was left running'));

  it('shares over a second connection with SCREEN metadata, and ends by itself when the track ends', async () => {
    const sessionId = uniqueSessionId('screen');
    let ended = 0;
    const share = new ScreenShare({ token: () => token(sessionId), metadata: { clientData: 'Ana_SCREEN', participantId: 'p', type: 'SCREEN' }, onEnded: () => ended++ });
    expect(await share.start()).to.equal(true);
    expect(share.isSharing).to.equal(true);
    expect(share.connectionId).to.match(/^con_/);
    expect(share.publisher!.stream.typeOfVideo).to.equal('SCREEN');
    const track = share.publisher!.stream.getMediaStream().getVideoTracks()[0]!;
    track.stop();
    track.dispatchEvent(new Event('ended')); // as the browser's "Stop sharing" bar does
    expect(ended).to.equal(1);
    expect(share.isSharing).to.equal(false);
    share.stop();
    expect(ended, 'stop() after the end reports nothing more').to.equal(1);
  });

  it('stopped while the picker or the token is pending: nothing stays shared, no token is used for a cancelled picker', async () => {
    let tokens = 0;
    const slow = new ScreenShare({ token: () => (tokens++, new Promise<string>(() => {})), metadata: {}, onEnded: () => {} });
    const starting = slow.start();
    await waitUntil(() => tokens === 1, 'no token asked');
    slow.stop();
    expect(await starting).to.equal(false);
    const native = navigator.mediaDevices.getDisplayMedia;
    navigator.mediaDevices.getDisplayMedia = () => Promise.reject(new DOMException('cancelled', 'NotAllowedError'));
    try {
      const cancelled = new ScreenShare({ token: () => (tokens++, Promise.resolve('')), metadata: {}, onEnded: () => {} });
      expect(await cancelled.start()).to.equal(false);
      expect(tokens).to.equal(1);
    } finally {
      navigator.mediaDevices.getDisplayMedia = native;
    }
  });
});

describe('RemoteAudio', () => {
  afterEach(() => waitUntil(() => liveTracks().length === 0, 'a track was left running'));

  it('plays a real subscriber\'s sound in its container, says when the browser blocks it, and plays on resume', async () => {
    const sessionId = uniqueSessionId('audio');
    const { local } = media();
    const publisherSide = new SessionConnection(createOpenVidu());
    await publisherSide.connect(await token(sessionId), {});
    await publisherSide.publish((await local.start(publisherSide.openvidu))!);
    const listenerSide = new SessionConnection(createOpenVidu());
    const subscribed = new Promise<import('openvidu-browser').Subscriber>((resolve) =>
      listenerSide.on('streamCreated', (event) => resolve(listenerSide.session.subscribe(event.stream, undefined))),
    );
    await listenerSide.connect(await token(sessionId), {});
    const subscriber = await subscribed;

    const container = document.createElement('div');
    document.body.append(container);
    const audio = new RemoteAudio(container, () => {});
    const nativePlay = HTMLMediaElement.prototype.play;
    let blocked = true;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      return blocked ? Promise.reject(new DOMException('needs a gesture', 'NotAllowedError')) : nativePlay.call(this);
    };
    try {
      audio.add(subscriber.stream.streamId, subscriber);
      const element = container.querySelector('audio')!;
      // The subscriber's media arrives once its peer connection is up: the element follows it.
      await waitUntil(() => (element.srcObject as MediaStream | null)?.getAudioTracks().length === 1, 'the sound never reached the element', { timeout: 10000 });
      await waitUntil(() => audio.blocked, 'the block was not noticed');
      blocked = false;
      audio.resume();
      await waitUntil(() => !audio.blocked && !element.paused, 'resume did not play');
      audio.remove(subscriber.stream.streamId);
      expect(container.querySelector('audio')).to.equal(null);
      expect(element.srcObject).to.equal(null);
    } finally {
      HTMLMediaElement.prototype.play = nativePlay;
      container.remove();
      listenerSide.close();
      publisherSide.close();
      local.release();
    }
  });
});
