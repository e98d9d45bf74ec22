// Firefox rooms calling through the local OpenVidu server, run in Firefox: with a Chromium room (a page in a second
// browser, test/support/peer.ts), with another Firefox room, and the core of a call as the other side sees it.
import { expect, oneEvent } from '@open-wc/testing';
import { PeerRoom, type PeerView } from '../support/peer.js';
import { hearsSound, receivedAudio } from '../support/received-audio.js';
import {
  waitUntil,
  button,
  expectNothingLeftRunning,
  joinedRoom,
  liveTracks,
  stage,
  tileLabel,
  tileNamed,
  uniqueSessionId,
  videoOf,
  videoPlaying,
} from '../support/room-helpers.js';

const playing = (view: PeerView, name: string): boolean => {
  const tile = view.tiles.find((t) => t.name === name);
  return !!tile && tile.videoWidth > 0 && tile.playing;
};
const labelOf = (view: PeerView, name: string): string | undefined => view.tiles.find((t) => t.name === name)?.label;

async function chromiumPeer(sessionId: string, name: string): Promise<PeerRoom> {
  const peer = await PeerRoom.open('chromium', sessionId, name);
  const view = await peer.shows('its room joined', (v) => v.status === 'joined');
  expect(view.userAgent, 'the peer runs in Chromium').to.contain('Chrome/').and.not.contain('Firefox');
  return peer;
}

describe('Firefox calls through the local OpenVidu server', () => {
  before(() => expect(navigator.userAgent, 'these tests run in Firefox').to.contain('Firefox/'));
  afterEach(async () => {
    await PeerRoom.closeAll();
    await expectNothingLeftRunning();
  });

  it("a Firefox room and a Chromium room each play the other's video and hear the other's sound", async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('fx-chromium');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await chromiumPeer(sessionId, 'Ben');

    await videoPlaying(ana, 'Ben');
    await waitUntil(async () => hearsSound(await receivedAudio(), 1), 'Ana (Firefox) never heard Ben (Chromium)', { timeout: 10000 });
    await ben.shows("Ana's video playing and her sound", (view) => playing(view, 'Ana') && hearsSound(view.receivedAudio, 1));
    parent.remove();
  });

  it("two Firefox rooms each play the other's video and hear the other's sound", async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('fx-fx');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });

    await videoPlaying(ana, 'Ben');
    await videoPlaying(ben, 'Ana');
    // Two streams with sound arrive in this page: Ana's in Ben's room, Ben's in Ana's.
    await waitUntil(async () => hearsSound(await receivedAudio(), 2), 'the two Firefox rooms never heard each other', { timeout: 10000 });
    parent.remove();
  });

  it('a Chromium room sees a Firefox room mute, unmute, turn its camera off and on, and leave with every track released', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('fx-core');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await chromiumPeer(sessionId, 'Ben');
    await ben.shows("Ana's video playing", (view) => playing(view, 'Ana') && labelOf(view, 'Ana') === 'Ana');

    button(ana, 'Microphone').click();
    await ben.shows('Ana muted', (view) => labelOf(view, 'Ana') === 'Ana, microphone off');
    button(ana, 'Microphone').click();
    await ben.shows('Ana unmuted', (view) => labelOf(view, 'Ana') === 'Ana');

    const cameraTrack = (videoOf(tileNamed(ana, 'Ana')!).srcObject as MediaStream).getVideoTracks()[0]!;
    button(ana, 'Camera').click();
    await ben.shows("Ana's camera off", (view) => labelOf(view, 'Ana') === 'Ana, camera off');
    expect(cameraTrack.readyState, 'camera off releases the camera').to.equal('ended');
    button(ana, 'Camera').click();
    await ben.shows("Ana's camera back on", (view) => labelOf(view, 'Ana') === 'Ana' && playing(view, 'Ana'));

    const left = oneEvent(ana, 'ov-left');
    button(ana, 'Leave').click();
    expect((await left).detail.reason).to.equal('user');
    await ben.shows("Ana's tile gone", (view) => !view.tiles.some((tile) => tile.name === 'Ana'));
    expect(liveTracks(), 'no camera or microphone track of Ana is live').to.deep.equal([]);
    parent.remove();
  });

  it('a Firefox room sees a Chromium room speak, mute, turn its camera off and on, and leave', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('fx-sees');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await chromiumPeer(sessionId, 'Ben');
    await videoPlaying(ana, 'Ben');

    // Chromium's fake microphone speaks one second in three: Firefox's speaking detection outlines the tile, then not.
    await waitUntil(() => tileNamed(ana, 'Ben')!.matches(':state(speaking)'), 'Ana never saw Ben speaking', { timeout: 15000 });
    await waitUntil(() => !tileNamed(ana, 'Ben')!.matches(':state(speaking)'), 'Ben never stopped speaking', { timeout: 15000 });

    await ben.call('toggleMicrophone');
    await waitUntil(() => tileLabel(tileNamed(ana, 'Ben')!) === 'Ben, microphone off', 'Ana never saw Ben muted');
    await ben.call('toggleCamera');
    await waitUntil(() => tileLabel(tileNamed(ana, 'Ben')!) === 'Ben, microphone off, camera off', "Ana never saw Ben's camera off");
    await ben.call('toggleMicrophone');
    await ben.call('toggleCamera');
    await waitUntil(() => tileLabel(tileNamed(ana, 'Ben')!) === 'Ben', 'Ana never saw Ben back on');
    await videoPlaying(ana, 'Ben');

    const benLeft = oneEvent(ana, 'ov-participant-left');
    await ben.call('leave');
    expect((await benLeft).detail.participant.name).to.equal('Ben');
    await waitUntil(() => !tileNamed(ana, 'Ben'), "Ben's tile stayed in Ana's room");
    await ben.shows('no live camera or microphone track', (view) => view.liveTracks === 0);
    parent.remove();
  });
});
