import { expect } from '@open-wc/testing';
import {
  connectionIdOf,
  join,
  leaveAll,
  once,
  packetsReceived,
  publish,
  quietly,
  serverControl,
  uniqueSessionId,
  videoPlaying,
  waitFor,
} from './helpers.js';

describe('local OpenVidu server: calls with openvidu-browser', () => {
  afterEach(leaveAll);

  it("two participants publish and each sees the other's video playing", async () => {
    const sessionId = uniqueSessionId('two');
    const ana = await join(sessionId, 'Ana');
    const created = once(ana.session, 'streamCreated');
    const ben = await join(sessionId, 'Ben');
    await created;
    const anaSeesBen = await videoPlaying(ana, connectionIdOf(ben));
    const benSeesAna = await videoPlaying(ben, connectionIdOf(ana));
    expect(anaSeesBen.videoWidth).to.be.greaterThan(0);
    expect(benSeesAna.videoWidth).to.be.greaterThan(0);
    const state = await serverControl({ action: 'state' });
    const session = state.sessions.find((s: any) => s.sessionId === sessionId);
    expect(session.connections.map((c: any) => c.clientData).sort()).to.deep.equal(['{"clientData":"Ana"}', '{"clientData":"Ben"}']);
  });

  it('audio is forwarded too', async () => {
    const sessionId = uniqueSessionId('audio');
    const ana = await join(sessionId, 'Ana');
    const ben = await join(sessionId, 'Ben', { publish: false });
    await videoPlaying(ben, connectionIdOf(ana));
    const subscriber = ben.subscribers[0];
    expect(subscriber.stream.hasAudio).to.equal(true);
    await waitFor(async () => (await packetsReceived(subscriber, 'audio')) > 0, 'audio packets at Ben');
  });

  it('three participants each see the two others', async () => {
    const sessionId = uniqueSessionId('three');
    const ana = await join(sessionId, 'Ana');
    const ben = await join(sessionId, 'Ben');
    const cai = await join(sessionId, 'Cai');
    for (const viewer of [ana, ben, cai]) {
      for (const other of [ana, ben, cai]) {
        if (other !== viewer) expect((await videoPlaying(viewer, connectionIdOf(other))).videoWidth).to.be.greaterThan(0);
      }
    }
    const state = await serverControl({ action: 'state' });
    expect(state.media.publishers).to.be.at.least(3);
  });

  it('a participant who joins late gets the existing streams in joinRoom and sees them at once', async () => {
    const sessionId = uniqueSessionId('late');
    const ana = await join(sessionId, 'Ana');
    const ben = await join(sessionId, 'Ben', { publish: false });
    expect(ben.session.remoteConnections.size).to.equal(1);
    const remote = ben.session.remoteConnections.get(connectionIdOf(ana))!;
    expect(remote.data).to.equal('{"clientData":"Ana"}');
    expect(remote.stream?.typeOfVideo).to.equal('CAMERA');
    await videoPlaying(ben, connectionIdOf(ana));
  });

  it('a subscriber-only participant sees video, and may not publish', async () => {
    const sessionId = uniqueSessionId('sub');
    const ana = await join(sessionId, 'Ana');
    const viewer = await join(sessionId, 'Viewer', { role: 'SUBSCRIBER', publish: false });
    await videoPlaying(viewer, connectionIdOf(ana));
    expect(viewer.session.capabilities.publish).to.equal(false);
    const error = await quietly(() =>
      publish(viewer).then(
        () => undefined,
        (e: any) => e,
      ),
    );
    expect(error?.name).to.equal('OPENVIDU_PERMISSION_DENIED');
  });

  it("a publisher that subscribes to its own remote (doLoopback) plays its video back from the server", async () => {
    const sessionId = uniqueSessionId('loopback');
    const ana = await join(sessionId, 'Ana', { publish: false });
    const publisher = await ana.ov.initPublisherAsync(undefined, { resolution: '320x240', frameRate: 15 });
    ana.publisher = publisher;
    const cameraTrack = publisher.stream.getMediaStream().getVideoTracks()[0];
    publisher.subscribeToRemote();
    await ana.session.publish(publisher);
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    try {
      publisher.addVideoElement(video);
      await waitFor(() => video.videoWidth > 0 && video.readyState >= 2 && !video.paused, 'the looped-back video to play');
      // What plays is the track the peer connection receives from the server, not the camera's own track.
      const pc = (publisher.stream as any).getRTCPeerConnection() as RTCPeerConnection;
      const received = pc.getReceivers().map((r) => r.track).find((t) => t.kind === 'video')!;
      const playing = (video.srcObject as MediaStream).getVideoTracks()[0];
      expect(playing.id).to.equal(received.id);
      expect(playing.id).to.not.equal(cameraTrack.id);
      await waitFor(async () => {
        let frames = 0;
        (await pc.getStats()).forEach((report: any) => {
          if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
        });
        return frames > 5;
      }, 'video frames to come back');
    } finally {
      video.remove();
      cameraTrack.stop();
    }
  });

  it('a custom video track (not a camera) is published as CUSTOM and plays', async () => {
    const sessionId = uniqueSessionId('custom');
    const ana = await join(sessionId, 'Ana', { publish: false });
    const ben = await join(sessionId, 'Ben', { publish: false });
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const ctx = canvas.getContext('2d')!;
    let frame = 0;
    const timer = setInterval(() => {
      frame += 1;
      ctx.fillStyle = frame % 2 ? '#c33' : '#33c';
      ctx.fillRect(0, 0, 160, 120);
    }, 50);
    try {
      const track = canvas.captureStream(20).getVideoTracks()[0];
      track.contentHint = 'motion';
      const publisher = await ana.ov.initPublisherAsync(undefined, { videoSource: track, audioSource: false });
      const created = once(ben.session, 'streamCreated');
      await ana.session.publish(publisher);
      ana.publisher = publisher;
      const event = await created;
      expect(event.stream.typeOfVideo).to.equal('CUSTOM');
      expect(event.stream.hasAudio).to.equal(false);
      await videoPlaying(ben, connectionIdOf(ana));
    } finally {
      clearInterval(timer);
    }
  });
});
