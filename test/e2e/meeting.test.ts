// The meeting of "part 1" through the local OpenVidu server with real media: the lobby, devices, screen sharing,
// the room's own sound, and sessions shared with a participant that connects the way OpenVidu Call does.
import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { OpenVidu, type Publisher, type Session } from 'openvidu-browser';
import type { OvRoom } from '../../src/elements/ov-room/ov-room.js';
import type { OvVideo } from '../../src/elements/ov-video/ov-video.js';
import {
  waitUntil,
  addRoom,
  button,
  bytesReceived,
  deepQueryAll,
  expectNothingLeftRunning,
  findButton,
  hearsOthers,
  isPlaying,
  joinedRoom,
  liveTracks,
  nextPublishOffer,
  receivingPeerConnections,
  roomAudio,
  screenTileOf,
  stage,
  tileLabel,
  tileNamed,
  tiles,
  uniqueSessionId,
  videoOf,
  videoPlaying,
} from '../support/room-helpers.js';

interface ServerConnection {
  connectionId: string;
  status: string;
  clientData: string;
  stream: { streamId: string; typeOfVideo?: string } | null;
  subscriptions: string[];
}
const serverConnections = async (sessionId: string): Promise<ServerConnection[]> => {
  const state = (await executeServerCommand('ov-server', { action: 'state' })) as { sessions: Array<{ sessionId: string; connections: ServerConnection[] }> };
  return state.sessions.find((s) => s.sessionId === sessionId)?.connections.filter((c) => c.status === 'active') ?? [];
};

const lobby = (room: OvRoom) => room.shadowRoot!.querySelector('ov-prejoin');
const lobbyVideo = (room: OvRoom) => lobby(room)?.shadowRoot?.querySelector<OvVideo>('ov-video')?.shadowRoot?.querySelector('video');
/** The `<select>` of an `<ov-device-select kind=…>` anywhere in the room. */
const deviceSelect = (room: OvRoom, kind: string) =>
  deepQueryAll(room.shadowRoot!, `ov-device-select[kind="${kind}"]`)[0]?.shadowRoot?.querySelector('select') ?? undefined;
const optionLabels = (select: HTMLSelectElement | undefined) => [...(select?.options ?? [])].map((o) => o.textContent!.trim());

function choose(select: HTMLSelectElement, label: string): void {
  const option = [...select.options].find((o) => o.textContent!.trim() === label);
  if (!option) throw new Error(`no option "${label}"`);
  select.value = option.value;
  select.dispatchEvent(new Event('change'));
}

async function lobbyReady(room: OvRoom): Promise<void> {
  await waitUntil(() => isPlaying(lobbyVideo(room)), 'the lobby preview never played', { timeout: 10000 });
  await waitUntil(() => optionLabels(deviceSelect(room, 'videoinput')).includes('fake_device_0'), 'the cameras were never listed by name');
}

/** A participant that connects and shares exactly the way OpenVidu Call 2.32 does (OPENVIDU.md §5). */
async function openViduCallParticipant(sessionId: string, nickname: string) {
  const token = async () => ((await executeServerCommand('ov-server', { action: 'token', sessionId })) as { token: string }).token;
  const participantId = `call-${Math.random().toString(36).slice(2)}`;
  const connect = async (data: object) => {
    const ov = new OpenVidu();
    ov.enableProdMode();
    const session = ov.initSession();
    await session.connect(await token(), data);
    return { ov, session };
  };
  const camera = await connect({ clientData: nickname, participantId, type: 'CAMERA' });
  const cameraPublisher = await camera.ov.initPublisherAsync(undefined, { resolution: '320x240' });
  await camera.session.publish(cameraPublisher);
  const screen = await connect({ clientData: `${nickname}_SCREEN`, participantId, type: 'SCREEN' });
  const screenPublisher = await screen.ov.initPublisherAsync(undefined, {
    videoSource: 'screen',
    audioSource: 'screen',
    publishVideo: true,
    publishAudio: true,
    mirror: false,
  });
  await screen.session.publish(screenPublisher);
  return {
    camera: camera.session,
    leave() {
      for (const [session, publisher] of [
        [screen.session, screenPublisher],
        [camera.session, cameraPublisher],
      ] as Array<[Session, Publisher]>) {
        const tracks = publisher.stream.getMediaStream().getTracks();
        session.disconnect();
        tracks.forEach((track) => track.stop());
      }
    },
  };
}

describe('the lobby', () => {
  afterEach(expectNothingLeftRunning);

  it('previews the camera, lists the devices by name, takes no token until Join, then publishes what it previewed', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('lobby');
    const room = addRoom(parent, { sessionId, name: 'Ana', noPrejoin: false });
    room.style.height = '480px';
    await lobbyReady(room);
    expect(optionLabels(deviceSelect(room, 'audioinput'))).to.include.members(['Fake Default Audio Input', 'Fake Audio Input 1', 'Fake Audio Input 2']);
    expect(optionLabels(deviceSelect(room, 'videoinput'))).to.deep.equal(['fake_device_0', 'fake_device_1']);
    expect(await serverConnections(sessionId), 'no token before Join').to.deep.equal([]);
    const previewed = liveTracks();
    expect(previewed.map((t) => t.kind).sort()).to.deep.equal(['audio', 'video']);
    await expect(room).to.be.accessible();

    const joined = oneEvent(room, 'ov-joined');
    button(room, 'Join').click();
    await joined;
    await waitUntil(() => room.state.local?.publishing, 'the preview was never published');
    // The very tracks of the preview are published: one camera, one permission prompt.
    expect(liveTracks()).to.have.members(previewed);
    await waitUntil(async () => (await serverConnections(sessionId))[0]?.stream, 'the server never got the stream');
    const [connection] = await serverConnections(sessionId);
    expect(connection!.stream!.typeOfVideo, 'still announced as a camera').to.equal('CAMERA');
    expect(JSON.parse(connection!.clientData)).to.deep.include({ clientData: 'Ana', type: 'CAMERA' });
    parent.remove();
  });

  it('joins with the camera and microphone turned off in the lobby, the camera light off', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('lobby-off');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    const room = addRoom(parent, { sessionId, name: 'Ana', noPrejoin: false });
    await lobbyReady(room);
    const benTracks = (videoOf(tileNamed(ben, 'Ben')!).srcObject as MediaStream).getTracks();
    const lobbyTracks = () => liveTracks().filter((t) => !benTracks.includes(t));
    button(room, 'Camera').click();
    button(room, 'Microphone').click();
    await waitUntil(() => !room.state.cameraOn && !room.state.microphoneOn);
    expect(button(room, 'Camera').getAttribute('aria-pressed')).to.equal('false');
    await waitUntil(() => lobby(room)!.shadowRoot!.querySelector('ov-video')!.matches(':state(camera-off)'), 'the preview never showed the camera off');
    await waitUntil(() => lobbyTracks().every((t) => t.kind === 'audio'), 'the camera light stayed on in the lobby');

    const joined = oneEvent(room, 'ov-joined');
    button(room, 'Join').click();
    await joined;
    await waitUntil(() => tileNamed(ben, 'Ana') && tileLabel(tileNamed(ben, 'Ana')!) === 'Ana, microphone off, camera off', 'Ben never saw Ana with both off');
    // Turning the camera on later asks for it again and the others see it.
    button(room, 'Camera').click();
    await videoPlaying(ben, 'Ana');
    parent.remove();
  });

  it('a camera and microphone turned on while the own publish is negotiated reach the others', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('toggle-publishing');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    // Ben's own publish is done first: the offer waited for below is Ana's.
    await waitUntil(() => !!ben.state.local?.streamId && !ben.state.local.streamId.startsWith('local-'), 'Ben never published');
    const room = addRoom(parent, { sessionId, name: 'Ana', noPrejoin: false });
    await lobbyReady(room);
    button(room, 'Camera').click();
    button(room, 'Microphone').click();
    await waitUntil(() => !room.state.cameraOn && !room.state.microphoneOn);
    const publishing = nextPublishOffer();
    button(room, 'Join').click();
    await publishing;
    button(room, 'Camera').click();
    button(room, 'Microphone').click();
    await waitUntil(() => button(room, 'Camera').getAttribute('aria-pressed') === 'true', 'the button never showed the camera on');
    await videoPlaying(ben, 'Ana');
    await waitUntil(() => tileLabel(tileNamed(ben, 'Ana')!) === 'Ana', `Ben sees "${tileLabel(tileNamed(ben, 'Ana')!)}", not Ana with both on`);
    parent.remove();
  });

  it('remembers the chosen devices and name for the next visit, and falls back with a notice when one is gone', async () => {
    const parent = await stage();
    const first = addRoom(parent, { sessionId: uniqueSessionId('memory'), name: '', noPrejoin: false });
    await lobbyReady(first);
    const changed = oneEvent(first, 'ov-device-changed');
    choose(deviceSelect(first, 'audioinput')!, 'Fake Audio Input 2');
    expect((await changed).detail).to.include({ kind: 'audioinput', label: 'Fake Audio Input 2', reason: 'user' });
    await waitUntil(() => liveTracks().some((t) => t.kind === 'audio' && t.label === 'Fake Audio Input 2'), 'the microphone was not switched');
    const nameField = lobby(first)!.shadowRoot!.querySelector('input')!;
    nameField.value = 'Zoe';
    const joined = oneEvent(first, 'ov-joined');
    button(first, 'Join').click();
    await joined;
    expect(first.participantName, 'the lobby\'s name becomes the room\'s').to.equal('Zoe');
    first.remove();
    await waitUntil(() => liveTracks().length === 0);

    // Next visit: the same microphone and name.
    const second = addRoom(parent, { sessionId: uniqueSessionId('memory'), name: '', noPrejoin: false });
    await lobbyReady(second);
    await waitUntil(() => liveTracks().some((t) => t.kind === 'audio' && t.label === 'Fake Audio Input 2'), 'the remembered microphone was not used');
    expect(lobby(second)!.shadowRoot!.querySelector('input')!.value).to.equal('Zoe');
    second.remove();
    await waitUntil(() => liveTracks().length === 0);

    // A remembered camera that is no longer there: the default one, and the user is told.
    localStorage.setItem('openvidu-elements.choices', JSON.stringify({ devices: { videoinput: { deviceId: 'gone', label: 'Old Webcam' } } }));
    const third = addRoom(parent, { sessionId: uniqueSessionId('memory'), name: 'Ana', noPrejoin: false });
    const fallback = oneEvent(third, 'ov-device-changed');
    await lobbyReady(third);
    expect((await fallback).detail).to.include({ kind: 'videoinput', reason: 'fallback' });
    await waitUntil(() => deepQueryAll(third.shadowRoot!, '[part="notice"][data-code="DEVICE_FALLBACK"]').length, 'the lobby said nothing');
    expect(deepQueryAll<HTMLElement>(third.shadowRoot!, '[part="notice"][data-code="DEVICE_FALLBACK"]')[0]!.innerText).to.contain('"Old Webcam" is not available');
    third.remove();
    await waitUntil(() => liveTracks().length === 0);

    // no-remember: nothing is kept.
    localStorage.removeItem('openvidu-elements.choices');
    const fourth = addRoom(parent, { sessionId: uniqueSessionId('memory'), name: 'Ana', noPrejoin: false });
    fourth.noRemember = true;
    await lobbyReady(fourth);
    choose(deviceSelect(fourth, 'audioinput')!, 'Fake Audio Input 1');
    await waitUntil(() => liveTracks().some((t) => t.label === 'Fake Audio Input 1'));
    expect(localStorage.getItem('openvidu-elements.choices')).to.equal(null);
    parent.remove();
  });

  it('a no-publish viewer gets no camera prompt and watches', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('viewer');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await waitUntil(() => ben.state.local?.publishing, 'Ben never published');
    const before = liveTracks().length;
    const viewer = addRoom(parent, { sessionId, name: 'Vic', noPrejoin: false });
    viewer.noPublish = true;
    await waitUntil(() => lobby(viewer)?.shadowRoot?.querySelector('[part="join"]'), 'no lobby');
    expect(lobby(viewer)!.shadowRoot!.textContent).to.contain('your camera and microphone stay off');
    expect(lobby(viewer)!.shadowRoot!.querySelector('ov-video')).to.equal(null);
    await expect(viewer).to.be.accessible();
    button(viewer, 'Join').click();
    await oneEvent(viewer, 'ov-joined');
    await videoPlaying(viewer, 'Ben');
    expect(liveTracks(), 'the viewer opened no device').to.have.length(before);
    expect(findButton(viewer, 'Microphone')?.getClientRects().length ?? 0, 'no microphone toggle for a viewer').to.equal(0);
    parent.remove();
  });

  it('a token whose role is SUBSCRIBER lets the preview go quietly and watches', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('subscriber');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await waitUntil(() => ben.state.local?.publishing, 'Ben never published');
    const room = addRoom(parent, { sessionId, name: 'Sam', noPrejoin: false, tokenUrl: '' });
    room.tokenProvider = async () => ((await executeServerCommand('ov-server', { action: 'token', sessionId, role: 'SUBSCRIBER' })) as { token: string }).token;
    await lobbyReady(room);
    const errors: unknown[] = [];
    room.addEventListener('ov-error', (e) => errors.push(e.detail));
    button(room, 'Join').click();
    await oneEvent(room, 'ov-joined');
    await videoPlaying(room, 'Ben');
    await waitUntil(() => liveTracks().length === 2, 'the preview was not released'); // Ben's only
    expect(room.state.canPublish).to.equal(false);
    expect(room.state.local!.role).to.equal('SUBSCRIBER');
    expect(errors).to.deep.equal([]);
    expect(deepQueryAll(room.shadowRoot!, '[part="notice"]')).to.have.length(0);
    parent.remove();
  });
});

describe('devices during the call', () => {
  afterEach(expectNothingLeftRunning);

  it('switching the microphone leaves one live audio track, the chosen one, and the other side still hears', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('switch-mic');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    await hearsOthers(ben, 1);
    const anaAudio = () => (videoOf(tileNamed(ana, 'Ana')!).srcObject as MediaStream).getAudioTracks();
    const oldTrack = anaAudio()[0]!;

    const changed = oneEvent(ana, 'ov-device-changed');
    await ana.switchDevice('audioinput', ana.state.devices.audioinput.find((d) => d.label === 'Fake Audio Input 1')!.deviceId);
    expect((await changed).detail).to.include({ kind: 'audioinput', label: 'Fake Audio Input 1' });
    expect(oldTrack.readyState).to.equal('ended');
    const anaLive = anaAudio().filter((t) => t.readyState === 'live');
    expect(anaLive.map((t) => t.label)).to.deep.equal(['Fake Audio Input 1']);
    expect(liveTracks().filter((t) => t.kind === 'audio' && anaAudio().includes(t))).to.have.length(1);
    expect(ana.state.selectedDevices.audioinput).to.equal(anaLive[0]!.getSettings().deviceId);
    // Ben still receives Ana's sound on the same subscription.
    const [heard] = roomAudio(ben);
    const before = await bytesReceived(heard!.track!);
    await waitUntil(async () => (await bytesReceived(heard!.track!)) > before + 500, 'Ben stopped receiving Ana\'s audio');
    parent.remove();
  });

  it('switching the camera during the call: the others keep seeing, on one live camera track', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('switch-cam');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    const cameras = ana.state.devices.videoinput;
    const other = cameras.find((d) => d.deviceId !== ana.state.selectedDevices.videoinput)!;
    await ana.switchDevice('videoinput', other.deviceId);
    const anaVideo = () => (videoOf(tileNamed(ana, 'Ana')!).srcObject as MediaStream).getVideoTracks();
    expect(anaVideo().filter((t) => t.readyState === 'live').map((t) => t.label)).to.deep.equal([other.label]);
    expect(liveTracks().filter((t) => t.kind === 'video' && t.label === other.label)).to.have.length(1);
    await videoPlaying(ben, 'Ana');
    // Off and on again keeps the chosen camera.
    ana.toggleCamera();
    await waitUntil(() => !ana.state.cameraOn);
    ana.toggleCamera();
    await waitUntil(() => anaVideo().some((t) => t.readyState === 'live' && t.label === other.label), 'turning the camera on opened another one');
    parent.remove();
  });

  it('the speaker choice applies to the room\'s sound', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('speaker');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    await joinedRoom(parent, { sessionId, name: 'Ben' });
    await hearsOthers(ana, 1);
    const speaker = ana.state.devices.audiooutput.find((d) => d.label === 'Fake Audio Output 1')!;
    const changed = oneEvent(ana, 'ov-device-changed');
    await ana.switchDevice('audiooutput', speaker.deviceId);
    expect((await changed).detail).to.include({ kind: 'audiooutput', deviceId: speaker.deviceId });
    expect(roomAudio(ana).map((a) => (a.element as HTMLAudioElement & { sinkId: string }).sinkId)).to.deep.equal([speaker.deviceId]);
    expect(ana.state.selectedDevices.audiooutput).to.equal(speaker.deviceId);
    parent.remove();
  });

  it('a microphone unplugged during the call falls back to another one, with a notice', async () => {
    const parent = await stage();
    const ana = await joinedRoom(parent, { sessionId: uniqueSessionId('unplug'), name: 'Ana' });
    await waitUntil(() => ana.state.local?.publishing && ana.state.devices.audioinput.length === 3);
    await ana.switchDevice('audioinput', ana.state.devices.audioinput.find((d) => d.label === 'Fake Audio Input 2')!.deviceId);
    const unplugged = ana.state.selectedDevices.audioinput!;
    // The operating system takes the device away: it leaves the list, its track ends, the browser says so.
    const enumerate = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);
    navigator.mediaDevices.enumerateDevices = async () => (await enumerate()).filter((d) => d.deviceId !== unplugged);
    try {
      const fallback = oneEvent(ana, 'ov-device-changed');
      liveTracks().find((t) => t.label === 'Fake Audio Input 2')!.stop();
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
      expect((await fallback).detail).to.include({ kind: 'audioinput', reason: 'fallback' });
      await waitUntil(() => liveTracks().some((t) => t.kind === 'audio'), 'no microphone after the fallback');
      expect(ana.state.devices.audioinput.map((d) => d.label)).to.not.include('Fake Audio Input 2');
      await waitUntil(() => ana.state.notices.some((n) => n.code === 'DEVICE_FALLBACK'));
      expect(ana.state.notices.find((n) => n.code === 'DEVICE_FALLBACK')!.message).to.contain('Fake Audio Input 2');
    } finally {
      navigator.mediaDevices.enumerateDevices = enumerate;
    }
    parent.remove();
  });
});

describe('screen sharing', () => {
  afterEach(expectNothingLeftRunning);

  it('the others see the screen as a second video of the same participant; the sharer downloads none of its own', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('share');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    await videoPlaying(ana, 'Ben'); // Ben publishes once his subscription to Ana has media: Ana's to him comes later
    const receivingBefore = receivingPeerConnections().length;
    const changed = oneEvent(ben, 'ov-participant-changed');
    await ana.startScreenShare();
    expect(ana.state.screenSharing).to.equal(true);
    expect((await changed).detail).to.deep.include({ property: 'screen' });
    await waitUntil(() => isPlaying(screenTileOf(ben, 'Ana') && videoOf(screenTileOf(ben, 'Ana')!)), 'Ben never saw Ana\'s screen playing', { timeout: 15000 });
    // A third playing video in Ben's room, still two participants.
    expect(tiles(ben).filter((t) => isPlaying(videoOf(t)))).to.have.length(3);
    expect(ben.state.participants).to.have.length(2);
    expect(ben.state.participants.find((p) => p.name === 'Ana')!.screen).to.exist;
    expect(tileLabel(screenTileOf(ben, 'Ana')!)).to.equal('Ana\'s screen');
    expect(ben.shadowRoot!.querySelector('ov-layout')!.matches(':state(screen-focus)'), 'the screen is shown large').to.equal(true);
    // Ana sees a small preview of her own screen, not large, and subscribes to none of her streams.
    await waitUntil(() => isPlaying(screenTileOf(ana, 'Ana') && videoOf(screenTileOf(ana, 'Ana')!)), 'Ana sees no preview of her screen');
    expect(tileLabel(screenTileOf(ana, 'Ana')!)).to.equal('Your screen');
    expect(ana.shadowRoot!.querySelector('ov-layout')!.matches(':state(screen-focus)')).to.equal(false);
    const connections = await serverConnections(sessionId);
    const anaConnections = connections.filter((c) => JSON.parse(c.clientData).participantId === ana.state.local!.participantId);
    expect(anaConnections.map((c) => JSON.parse(c.clientData).type).sort()).to.deep.equal(['CAMERA', 'SCREEN']);
    expect(anaConnections.find((c) => c.stream?.typeOfVideo === 'SCREEN')).to.exist;
    const anaIds = anaConnections.map((c) => c.connectionId);
    for (const connection of anaConnections) expect(connection.subscriptions.filter((id) => anaIds.includes(id)), 'Ana subscribes to her own streams').to.deep.equal([]);
    expect(receivingPeerConnections().length, 'only Ben\'s subscription to the screen was added').to.equal(receivingBefore + 1);
    await expect(ana).to.be.accessible();
    await expect(ben).to.be.accessible();
    parent.remove();
  });

  it('the browser\'s own "Stop sharing" (the track ends) removes the screen on the other side', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('share-end');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await ana.startScreenShare();
    await waitUntil(() => isPlaying(screenTileOf(ben, 'Ana') && videoOf(screenTileOf(ben, 'Ana')!)), 'Ben never saw the screen', { timeout: 15000 });
    const track = liveTracks().find((t) => t.label.startsWith('screen:'))!;
    const stopped = oneEvent(ben, 'ov-participant-changed');
    track.stop(); // stop() alone fires nothing (OPENVIDU.md §7); the browser's bar also fires `ended`
    track.dispatchEvent(new Event('ended'));
    expect((await stopped).detail).to.deep.include({ property: 'screen' });
    await waitUntil(() => !screenTileOf(ben, 'Ana'), 'the screen stayed in Ben\'s room');
    await waitUntil(() => !ana.state.screenSharing && !screenTileOf(ana, 'Ana'));
    expect(ben.state.participants).to.have.length(2);
    await videoPlaying(ben, 'Ana');
    parent.remove();
  });

  it('cancelling the picker is a quiet return; a browser without getDisplayMedia shows no screen button', async () => {
    const parent = await stage();
    const ana = await joinedRoom(parent, { sessionId: uniqueSessionId('share-cancel'), name: 'Ana' });
    const errors: unknown[] = [];
    ana.addEventListener('ov-error', (e) => errors.push(e.detail));
    const nativeGetDisplayMedia = navigator.mediaDevices.getDisplayMedia;
    navigator.mediaDevices.getDisplayMedia = () => Promise.reject(new DOMException('Permission denied by user', 'NotAllowedError'));
    try {
      await ana.startScreenShare();
      expect(ana.state.screenSharing).to.equal(false);
      expect(errors).to.deep.equal([]);
      expect(deepQueryAll(ana.shadowRoot!, '[part="notice"]')).to.have.length(0);
      // A phone: no getDisplayMedia at all.
      (navigator.mediaDevices as { getDisplayMedia?: unknown }).getDisplayMedia = undefined;
      ana.toggleMicrophone(); // any change renders the room again
      await waitUntil(() => !ana.state.canShareScreen);
      await ana.updateComplete;
      const screenToggle = deepQueryAll(ana.shadowRoot!, 'ov-toggle[source="screen"]')[0]!;
      await waitUntil(() => screenToggle.matches(':state(unavailable)') && screenToggle.getClientRects().length === 0, 'the screen button stayed');
    } finally {
      navigator.mediaDevices.getDisplayMedia = nativeGetDisplayMedia;
    }
    parent.remove();
  });

  it('leaving while sharing releases the screen and the camera', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('share-leave');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    await ana.startScreenShare();
    const screen = liveTracks().filter((t) => t.label.startsWith('screen:'));
    expect(screen).to.have.length(1);
    await ana.leave();
    expect(screen.every((t) => t.readyState === 'ended'), 'the screen was left shared').to.equal(true);
    await waitUntil(async () => (await serverConnections(sessionId)).length === 0, 'a connection stayed');
    parent.remove();
  });
});

describe('the room\'s own sound', () => {
  afterEach(expectNothingLeftRunning);

  it('a room with only custom children and no tiles still plays the others\' audio', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('audio');
    await joinedRoom(parent, { sessionId, name: 'Ben' });
    await joinedRoom(parent, { sessionId, name: 'Cai' });
    const room = addRoom(parent, { sessionId, name: 'Ana' });
    room.append(Object.assign(document.createElement('p'), { textContent: 'My own UI, no tiles' }));
    await oneEvent(room, 'ov-joined');
    expect(deepQueryAll(room.shadowRoot!, 'ov-video')).to.have.length(0);
    await hearsOthers(room, 2);
    parent.remove();
  });
});

describe('sessions shared with OpenVidu\'s own apps', () => {
  afterEach(expectNothingLeftRunning);

  it('a participant connecting like OpenVidu Call shows with its name and its screen; it sees our name and type', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('interop');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    await waitUntil(() => ana.state.local?.publishing);
    const olga = await openViduCallParticipant(sessionId, 'Olga');
    try {
      await videoPlaying(ana, 'Olga');
      await waitUntil(() => isPlaying(screenTileOf(ana, 'Olga') && videoOf(screenTileOf(ana, 'Olga')!)), 'Olga\'s screen never played', { timeout: 15000 });
      expect(ana.state.participants.map((p) => p.name)).to.deep.equal(['Ana', 'Olga']);
      expect(tileLabel(screenTileOf(ana, 'Olga')!)).to.equal('Olga\'s screen');
      // What OpenVidu Call reads of our connection: JSON with clientData, participantId and type.
      const ours = olga.camera.remoteConnections.get(ana.state.local!.connectionId)!;
      const data = JSON.parse(ours.data) as { clientData: string; participantId: string; type: string };
      expect(data).to.deep.include({ clientData: 'Ana', type: 'CAMERA', participantId: ana.state.local!.participantId });
      expect(ours.stream?.typeOfVideo).to.equal('CAMERA');
    } finally {
      olga.leave();
    }
    await waitUntil(() => ana.state.participants.length === 1, 'Olga stayed');
    parent.remove();
  });
});
