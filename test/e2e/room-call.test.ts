import { expect, oneEvent } from '@open-wc/testing';
import {
  waitUntil,
  addRoom,
  refuseNextDeviceRequests,
  button,
  joinedRoom,
  stage,
  tileLabel,
  tileName,
  tileNamed,
  tiles,
  uniqueSessionId,
  videoOf,
  videoPlaying,
  expectNothingLeftRunning,
  deepActiveElement,
} from '../support/room-helpers.js';

describe('<ov-room> calls through the local OpenVidu server', () => {
  // Every test leaves the page with no camera or microphone running.
  afterEach(expectNothingLeftRunning);

  it('two rooms join one session and each shows the other\'s video playing, with names', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('two');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });

    await videoPlaying(ana, 'Ben');
    await videoPlaying(ben, 'Ana');
    await videoPlaying(ana, 'Ana'); // the local preview

    expect(tiles(ana).map(tileName)).to.deep.equal(['Ana (you)', 'Ben']);
    expect(tileLabel(tileNamed(ben, 'Ana')!)).to.equal('Ana');
    expect(ana.state.participants.map((p) => p.name)).to.deep.equal(['Ana', 'Ben']);
    parent.remove();
  });

  it('three rooms each show the two others playing', async () => {
    const parent = await stage();
    // Rooms big enough for three tiles of at least 200 px on one page (smaller ones page them, see <ov-layout>).
    parent.style.gridTemplateColumns = 'repeat(3, 440px)';
    const sessionId = uniqueSessionId('three');
    const rooms = [
      await joinedRoom(parent, { sessionId, name: 'Ana' }),
      await joinedRoom(parent, { sessionId, name: 'Ben' }),
      await joinedRoom(parent, { sessionId, name: 'Cai' }),
    ];
    for (const room of rooms) room.style.height = '480px';
    const names = ['Ana', 'Ben', 'Cai'];
    for (const [index, room] of rooms.entries()) {
      for (const other of names.filter((_, i) => i !== index)) await videoPlaying(room, other);
      expect(tiles(room)).to.have.length(3);
    }
    parent.remove();
  });

  it('muting the microphone and turning off the camera show in the other room', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('mute');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');

    const micButton = button(ana, 'Microphone');
    expect(micButton.getAttribute('aria-pressed')).to.equal('true');
    const changed = oneEvent(ben, 'ov-participant-changed');
    const changedLocally = oneEvent(ana, 'ov-participant-changed');
    micButton.click();
    expect((await changedLocally).detail.participant).to.include({ isLocal: true, microphoneOn: false });
    expect((await changed).detail).to.deep.include({ property: 'microphone' });
    expect((await changed).detail.participant).to.include({ name: 'Ana', microphoneOn: false });
    await waitUntil(() => tileLabel(tileNamed(ben, 'Ana')!) === 'Ana, microphone off', 'Ben never saw Ana muted');
    expect(tileNamed(ben, 'Ana')!.shadowRoot!.querySelector('[part="mic-off"]')).to.exist;
    expect(micButton.getAttribute('aria-pressed')).to.equal('false');

    const localVideoTrack = (videoOf(tileNamed(ana, 'Ana')!).srcObject as MediaStream).getVideoTracks()[0]!;
    button(ana, 'Camera').click();
    await waitUntil(() => tileLabel(tileNamed(ben, 'Ana')!) === 'Ana, microphone off, camera off', 'Ben never saw Ana\'s camera off');
    expect(tileNamed(ben, 'Ana')!.shadowRoot!.querySelector('[part="placeholder"]')!.hasAttribute('hidden')).to.equal(false);
    // Camera off releases the camera: its light goes off.
    expect(localVideoTrack.readyState).to.equal('ended');

    button(ana, 'Microphone').click();
    button(ana, 'Camera').click();
    await waitUntil(() => tileLabel(tileNamed(ben, 'Ana')!) === 'Ana', 'Ben never saw Ana back on');
    await videoPlaying(ben, 'Ana');
    parent.remove();
  });

  it('outlines the tile of whoever is speaking (the fake microphone speaks one second in three)', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('speak');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    await waitUntil(() => tileNamed(ben, 'Ana')!.matches(':state(speaking)'), 'Ben never saw Ana speaking', { timeout: 15000 });
    // Silence follows: the outline goes away again.
    await waitUntil(() => !tileNamed(ben, 'Ana')!.matches(':state(speaking)'), 'Ana never stopped speaking', { timeout: 15000 });
    expect(ana.state.local!.connectionId).to.be.a('string');
    parent.remove();
  });

  it('turning the camera off and on and leaving at once leaves no camera running', async () => {
    const parent = await stage();
    const ana = await joinedRoom(parent, { sessionId: uniqueSessionId('flip'), name: 'Ana' });
    await waitUntil(() => ana.state.local?.publishing && ana.state.cameraOn, 'the camera was never published');
    ana.toggleCamera();
    await waitUntil(() => !ana.state.cameraOn);
    ana.toggleCamera(); // asks for the camera again…
    await ana.leave(); // …and leaves before it arrives
    // afterEach checks that no track is left live, the late one included.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    parent.remove();
  });

  it('tells the app who joins, with name and connection id', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('detail');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const joined = oneEvent(ana, 'ov-participant-joined');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    const { participant } = (await joined).detail;
    expect(participant).to.include({ name: 'Ben', isLocal: false, connectionId: ben.state.local!.connectionId });
    expect(ana.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.contain('Ben joined.');
    // Ben found Ana already there: an event for the app, but no "Ana joined." announcement.
    expect(ben.state.remotes.map((p) => p.name)).to.deep.equal(['Ana']);
    expect(ben.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.not.contain('Ana joined.');
    parent.remove();
  });

  it('joins without a refused camera, says so, and publishes after "Try again" once allowed', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('denied');
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    refuseNextDeviceRequests(1);
    const ana = addRoom(parent, { sessionId, name: 'Ana' });
    const error = await oneEvent(ana, 'ov-error');
    expect(error.detail).to.include({ code: 'DEVICE_ACCESS_DENIED', fatal: false });
    await waitUntil(() => ana.state.status === 'joined', 'Ana did not join without her camera');
    await ana.updateComplete;
    const notice = ana.shadowRoot!.querySelector('[part="notice"][data-code="DEVICE_ACCESS_DENIED"]') as HTMLElement;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.innerText).to.contain('did not allow access to the camera or microphone');
    expect(button(ana, 'Microphone').disabled).to.equal(true);
    await waitUntil(() => tileNamed(ben, 'Ana'), 'Ben never saw Ana');
    expect(tileLabel(tileNamed(ben, 'Ana')!)).to.equal('Ana, microphone off, camera off');

    button(ana, 'Try again').click(); // the user allowed the camera in the address bar
    await videoPlaying(ben, 'Ana');
    await waitUntil(() => !ana.shadowRoot!.querySelector('[part="notice"]'), 'the notice stayed');
    expect(button(ana, 'Microphone').disabled).to.equal(false);
    parent.remove();
  });

  it('leaving removes the tile elsewhere and ends every local track', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('leave');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    const anaTracks = (videoOf(tileNamed(ana, 'Ana')!).srcObject as MediaStream).getTracks();
    expect(anaTracks).to.have.length(2);

    const left = oneEvent(ana, 'ov-left');
    const participantLeft = oneEvent(ben, 'ov-participant-left');
    button(ana, 'Leave').focus(); // as a click does
    button(ana, 'Leave').click();
    expect((await left).detail.reason).to.equal('user');
    expect((await participantLeft).detail.participant.name).to.equal('Ana');
    await waitUntil(() => !tileNamed(ben, 'Ana'), 'Ana\'s tile stayed in Ben\'s room');
    expect(anaTracks.map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
    expect(ana.shadowRoot!.textContent).to.contain('You left the meeting.');
    await ana.updateComplete;
    expect(deepActiveElement(ana), 'keyboard focus moves to "Join again"').to.equal(button(ana, 'Join again'));
    parent.remove();
  });

  it('removing <ov-room> from the page leaves the session and ends every local track', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('remove');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    const anaVideo = videoOf(tileNamed(ana, 'Ana')!);
    const anaTracks = (anaVideo.srcObject as MediaStream).getTracks();

    const participantLeft = oneEvent(ben, 'ov-participant-left');
    ana.remove();
    expect((await participantLeft).detail).to.deep.include({ reason: 'disconnect' });
    await waitUntil(() => anaTracks.every((t) => t.readyState === 'ended'), 'Ana\'s camera stayed on after removal');
    expect(anaVideo.srcObject).to.equal(null);
    await waitUntil(() => !tileNamed(ben, 'Ana'), 'Ana\'s tile stayed in Ben\'s room');
    parent.remove();
  });

  it('a room moved within the page stays in the call', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('move');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    parent.append(ana); // moves it after Ben: disconnected and connected in one task
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ana.state.status).to.equal('joined');
    await videoPlaying(ben, 'Ana');
    await videoPlaying(ana, 'Ben');
    parent.remove();
  });
});
