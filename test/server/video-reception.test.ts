// The video-reception patch of openvidu-browser (videoReception() in rollup.config.mjs) against the local server:
// a Subscriber stops receiving video (the server stops sending it, audio goes on) and gets it back with frames.
import { expect } from '@open-wc/testing';
import type { Subscriber } from 'openvidu-browser';
import { connectionIdOf, join, leaveAll, remoteConnection, serverControl, uniqueSessionId, videoPlaying, waitFor } from './helpers.js';

interface Inbound {
  audioBytes: number;
  videoBytes: number;
  framesDecoded: number;
}

/** What the subscriber's current peer connection has received (inbound-rtp), as a page would read it. */
async function inbound(subscriber: Subscriber): Promise<Inbound> {
  const pc = subscriber.stream.getRTCPeerConnection();
  const totals: Inbound = { audioBytes: 0, videoBytes: 0, framesDecoded: 0 };
  (await pc.getStats()).forEach((report: any) => {
    if (report.type !== 'inbound-rtp') return;
    if (report.kind === 'audio') totals.audioBytes += report.bytesReceived ?? 0;
    if (report.kind === 'video') {
      totals.videoBytes += report.bytesReceived ?? 0;
      totals.framesDecoded += report.framesDecoded ?? 0;
    }
  });
  return totals;
}

/** What the server sends on `viewer`'s subscription to `publisherId`. */
async function serverSide(viewerId: string, publisherId: string): Promise<{ kinds: string[]; packets: { audio: number; video: number } }> {
  const state = await serverControl({ action: 'state' });
  const viewer = state.sessions.flatMap((s: any) => s.connections).find((c: any) => c.connectionId === viewerId);
  return viewer.received[publisherId];
}

describe('openvidu-browser patch: Subscriber.setVideoReception', () => {
  afterEach(leaveAll);

  it('switches video reception off (the server stops sending, audio goes on) and back on (frames again)', async () => {
    const sessionId = uniqueSessionId('reception');
    const ana = await join(sessionId, 'Ana');
    const ben = await join(sessionId, 'Ben', { publish: false });
    const anaId = connectionIdOf(ana);
    const video = await videoPlaying(ben, anaId);
    const subscriber = ben.subscribers[0];
    expect(subscriber.receivingVideo).to.equal(true);
    expect((await inbound(subscriber)).videoBytes).to.be.greaterThan(0);

    await subscriber.setVideoReception(false);
    expect(subscriber.receivingVideo).to.equal(false);
    expect((await serverSide(connectionIdOf(ben), anaId)).kinds).to.deep.equal(['audio']);
    const off = await inbound(subscriber);
    await waitFor(async () => (await inbound(subscriber)).audioBytes > off.audioBytes + 2000, 'audio to keep flowing');
    const later = await inbound(subscriber);
    expect(later.videoBytes, 'video bytes stop growing').to.equal(off.videoBytes);
    expect((await serverSide(connectionIdOf(ben), anaId)).packets.video, 'the server sends no video').to.equal(0);
    expect(video.srcObject).to.equal(subscriber.stream.getMediaStream());
    expect(subscriber.stream.getMediaStream().getVideoTracks()).to.have.length(0);

    await subscriber.setVideoReception(true);
    expect(subscriber.receivingVideo).to.equal(true);
    await waitFor(async () => (await inbound(subscriber)).framesDecoded > 0, 'frames to be decoded again');
    await videoPlaying(ben, anaId);
    expect(video.srcObject).to.equal(subscriber.stream.getMediaStream());
  });

  it('asked for video while its first subscription (without video) is still negotiating, it waits for it, then receives video', async () => {
    const sessionId = uniqueSessionId('reception-early');
    const ana = await join(sessionId, 'Ana');
    const ben = await join(sessionId, 'Ben', { publish: false, subscribe: false });
    const connection = await remoteConnection(ben, ana);
    await waitFor(() => !!connection.stream, "Ana's stream to be announced");
    const subscriber = ben.session.subscribe(connection.stream!, undefined, { receiveVideo: false });
    ben.subscribers.push(subscriber);
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    subscriber.addVideoElement(video);
    ben.videos.set(connectionIdOf(ana), video);
    await subscriber.setVideoReception(true); // at once, before the audio-only answer came back
    expect(subscriber.receivingVideo).to.equal(true);
    await videoPlaying(ben, connectionIdOf(ana));
    expect((await inbound(subscriber)).videoBytes).to.be.greaterThan(0);
  });

  it('calls in quick succession end in the state the last one asked for, with one subscription on the server', async () => {
    const sessionId = uniqueSessionId('reception-queue');
    const ana = await join(sessionId, 'Ana');
    const ben = await join(sessionId, 'Ben', { publish: false });
    await videoPlaying(ben, connectionIdOf(ana));
    const subscriber = ben.subscribers[0];
    const calls = [subscriber.setVideoReception(false), subscriber.setVideoReception(true), subscriber.setVideoReception(false)];
    await Promise.all(calls);
    expect(subscriber.receivingVideo).to.equal(false);
    const state = await serverControl({ action: 'state' });
    const benState = state.sessions.flatMap((s: any) => s.connections).find((c: any) => c.connectionId === connectionIdOf(ben));
    expect(benState.subscriptions).to.deep.equal([connectionIdOf(ana)]);
    expect(benState.received[connectionIdOf(ana)].kinds).to.deep.equal(['audio']);
    // Switching to what is already received does not renegotiate.
    const pc = subscriber.stream.getRTCPeerConnection();
    await subscriber.setVideoReception(false);
    expect(subscriber.stream.getRTCPeerConnection()).to.equal(pc);
  });
});
