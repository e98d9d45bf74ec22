// Synthetic participants (--bots) and what a subscription sends: bots are connections as openvidu-browser sees them,
// their media reaches a real WebRTC receiver (werift), an offer without video gets no video, and reconnectStream
// switches a subscription between audio+video and audio only, with a keyframe when video comes back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { joinRaw, rest, startServer, until } from './server-support.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A receiving peer connection for `kinds`, as openvidu-browser makes one (recvonly transceivers, one bundled
 * transport), that counts what arrives. `t.after` closes it.
 */
async function receiver(t, kinds) {
  const pc = new RTCPeerConnection({
    bundlePolicy: 'max-bundle',
    iceServers: [],
    iceUseIpv6: false,
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    iceAdditionalHostAddresses: ['127.0.0.1'],
  });
  t.after(() => pc.close());
  const received = { audio: 0, video: 0, voiced: 0, voicedAt: [], firstVideoFrameIsKey: undefined };
  pc.ontrack = ({ track }) => {
    track.onReceiveRtp.subscribe((rtp) => {
      received[track.kind] += 1;
      // Silence is Opus DTX (1 byte every 400 ms); a spoken 20 ms is tens of bytes.
      if (track.kind === 'audio' && rtp.payload.length > 10) {
        received.voiced += 1;
        received.voicedAt.push(performance.now());
      }
      // The first packet of a VP8 frame has S set in its descriptor; with X, I and a 15-bit PictureID the VP8
      // frame tag starts at byte 4, and its lowest bit is 0 on a keyframe.
      if (track.kind === 'video' && received.firstVideoFrameIsKey === undefined && rtp.payload[0] & 0x10) {
        received.firstVideoFrameIsKey = (rtp.payload[4] & 1) === 0;
      }
    });
  };
  for (const kind of kinds) pc.addTransceiver(kind, { direction: 'recvonly' });
  await pc.setLocalDescription(await pc.createOffer());
  return {
    pc,
    received,
    offer: pc.localDescription.sdp,
    async accept(sdpAnswer) {
      await pc.setRemoteDescription({ type: 'answer', sdp: sdpAnswer });
      await until(() => pc.connectionState === 'connected');
    },
  };
}

const mediaSections = (sdp) => [...sdp.matchAll(/^m=(\w+) /gm)].map((m) => m[1]);

async function subscriptionOf(server, subscriberId, publisherId) {
  const state = await server.testControl({ action: 'state' });
  const connection = state.sessions.flatMap((s) => s.connections).find((c) => c.connectionId === subscriberId);
  return connection?.received[publisherId];
}

describe('local OpenVidu server: bots and audio-only subscriptions', () => {
  it('bots join and publish as OpenVidu Call participants would, with names and CAMERA streams', async (t) => {
    const server = await startServer(t, { bots: 3, botsSession: 'bots-meta' });
    const ana = await joinRaw(server, 'bots-meta', t);
    const bots = ana.result.value;
    assert.equal(bots.length, 3);
    const data = bots.map((c) => JSON.parse(c.metadata));
    for (const d of data) {
      assert.deepEqual(Object.keys(d), ['clientData', 'participantId', 'type']);
      assert.equal(d.type, 'CAMERA');
    }
    assert.equal(new Set(data.map((d) => d.clientData)).size, 3);
    assert.equal(new Set(data.map((d) => d.participantId)).size, 3);
    for (const bot of bots) {
      const [stream] = bot.streams;
      assert.match(stream.id, new RegExp(`^str_CAM_\\w{4}_${bot.id}$`));
      assert.equal(stream.hasAudio && stream.hasVideo && stream.audioActive && stream.videoActive, true);
      assert.equal(stream.typeOfVideo, 'CAMERA');
      assert.deepEqual(JSON.parse(stream.videoDimensions), { width: 320, height: 240 });
    }
    // The REST API lists them like anyone else.
    const session = await rest(server, 'GET', '/sessions/bots-meta');
    assert.equal(session.json.connections.numberOfElements, 4);

    // More bots later: everyone already there sees them join and publish; names stay unique.
    const joined = ana.client.notification('participantJoined');
    const published = ana.client.notification('participantPublished');
    const { bots: added } = await server.testControl({ action: 'add-bots', sessionId: 'bots-meta', count: 1 });
    assert.deepEqual(JSON.parse((await joined).params.metadata), { clientData: added[0].name, participantId: added[0].participantId, type: 'CAMERA' });
    assert.equal((await published).params.streams[0].id, added[0].streamId);
    assert.ok(!data.some((d) => d.clientData === added[0].name));

    // They leave as participants leave; the session stays for the one still in it.
    const left = ana.client.notification('participantLeft');
    assert.deepEqual(await server.testControl({ action: 'remove-bots', sessionId: 'bots-meta' }), { removed: 4 });
    assert.equal((await left).params.reason, 'disconnect');
    assert.equal((await rest(server, 'GET', '/sessions/bots-meta')).json.connections.numberOfElements, 1);
  });

  it('a subscription to a bot starts with a keyframe, carries its voice, and unsubscribing stops its packets', async (t) => {
    const server = await startServer(t, { bots: 2, botsSession: 'bots-media' });
    const ana = await joinRaw(server, 'bots-media', t);
    const [first, second] = ana.result.value;
    const subscribers = [];
    for (const bot of [first, second]) {
      const rx = await receiver(t, ['audio', 'video']);
      const response = await ana.client.request('receiveVideoFrom', { sender: bot.streams[0].id, sdpOffer: rx.offer });
      assert.deepEqual(mediaSections(response.result.sdpAnswer), ['audio', 'video']);
      await rx.accept(response.result.sdpAnswer);
      subscribers.push(rx);
    }
    for (const { received } of subscribers) {
      await until(() => received.video > 15 && received.audio > 0);
      assert.equal(received.firstVideoFrameIsKey, true, 'the first frame a subscriber gets is a keyframe');
    }
    // They speak in turn (3 s each): both are heard, never at the same moment.
    await until(() => subscribers.every((s) => s.received.voiced > 20), 8000);
    const [a, b] = subscribers.map((s) => s.received.voicedAt);
    assert.ok(!a.some((at) => b.some((other) => Math.abs(other - at) < 100)), 'one speaks while the other is silent');

    assert.deepEqual((await ana.client.request('unsubscribeFromVideo', { sender: first.id })).result, { sessionId: ana.result.sessionId });
    await until(async () => (await subscriptionOf(server, ana.connectionId, first.id)) === undefined);
    const before = { ...subscribers[0].received };
    await sleep(500);
    assert.equal(subscribers[0].received.audio, before.audio, 'no audio after unsubscribing');
    assert.equal(subscribers[0].received.video, before.video, 'no video after unsubscribing');
    assert.ok((await subscriptionOf(server, ana.connectionId, second.id)).packets.video > 0);
  });

  it('an offer with only audio gets audio and no video packets; reconnectStream goes audio-only and back with a keyframe', async (t) => {
    const server = await startServer(t, { bots: 1, botsSession: 'bots-reneg' });
    const ana = await joinRaw(server, 'bots-reneg', t);
    const bot = ana.result.value[0];
    const stream = bot.streams[0].id;

    const audioOnly = await receiver(t, ['audio']);
    const answer = (await ana.client.request('receiveVideoFrom', { sender: stream, sdpOffer: audioOnly.offer })).result.sdpAnswer;
    assert.deepEqual(mediaSections(answer), ['audio']);
    await audioOnly.accept(answer);
    await until(() => audioOnly.received.audio > 25);
    assert.deepEqual((await subscriptionOf(server, ana.connectionId, bot.id)).kinds, ['audio']);
    assert.equal((await subscriptionOf(server, ana.connectionId, bot.id)).packets.video, 0);

    // Back to audio and video: a new offer for the same stream, as openvidu-browser's reconnection sends it.
    const both = await receiver(t, ['audio', 'video']);
    const again = await ana.client.request('reconnectStream', { stream, sdpString: both.offer, forciblyReconnect: false });
    assert.deepEqual(mediaSections(again.result.sdpAnswer), ['audio', 'video']);
    await both.accept(again.result.sdpAnswer);
    await until(() => both.received.video > 10);
    assert.equal(both.received.firstVideoFrameIsKey, true);
    assert.deepEqual((await subscriptionOf(server, ana.connectionId, bot.id)).kinds, ['audio', 'video']);

    // And audio only again: the server stops sending video at once.
    const third = await receiver(t, ['audio']);
    const last = await ana.client.request('reconnectStream', { stream, sdpString: third.offer, forciblyReconnect: false });
    await third.accept(last.result.sdpAnswer);
    await until(() => third.received.audio > 10);
    assert.equal(third.received.video, 0);
    const state = await server.testControl({ action: 'state' });
    assert.equal(state.media.peerConnections, 1, 'the replaced subscriptions are closed');
  });

  it("a browser publisher's subscriber going back to video makes the server ask the publisher for a keyframe", async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'reneg-pli', t);
    const ben = await joinRaw(server, 'reneg-pli', t);
    // Ana publishes from werift: any RTP will do, the server forwards what it gets.
    const publisher = new RTCPeerConnection({ bundlePolicy: 'max-bundle', iceServers: [], iceUseIpv6: false, iceInterfaceAddresses: { udp4: '127.0.0.1' }, iceAdditionalHostAddresses: ['127.0.0.1'] });
    t.after(() => publisher.close());
    const tracks = { audio: new MediaStreamTrack({ kind: 'audio' }), video: new MediaStreamTrack({ kind: 'video' }) };
    const transceivers = { audio: publisher.addTransceiver(tracks.audio, { direction: 'sendonly' }), video: publisher.addTransceiver(tracks.video, { direction: 'sendonly' }) };
    let plis = 0;
    transceivers.video.sender.onPictureLossIndication.subscribe(() => (plis += 1));
    await publisher.setLocalDescription(await publisher.createOffer());
    const published = (await ana.client.request('publishVideo', { sdpOffer: publisher.localDescription.sdp, hasAudio: true, hasVideo: true })).result;
    await publisher.setRemoteDescription({ type: 'answer', sdp: published.sdpAnswer });
    await until(() => publisher.connectionState === 'connected');
    let sequence = 0;
    const sending = setInterval(() => {
      sequence += 1;
      for (const kind of ['audio', 'video']) tracks[kind].writeRtp(new RtpPacket(new RtpHeader({ sequenceNumber: sequence, timestamp: sequence * 960, marker: true }), Buffer.alloc(20, 1)));
    }, 20);
    t.after(() => clearInterval(sending));

    const audioOnly = await receiver(t, ['audio']);
    await audioOnly.accept((await ben.client.request('receiveVideoFrom', { sender: published.id, sdpOffer: audioOnly.offer })).result.sdpAnswer);
    await until(() => audioOnly.received.audio > 10);
    await sleep(100);
    assert.equal(audioOnly.received.video, 0, 'no video for an audio-only subscription');
    const plisBefore = plis;
    const both = await receiver(t, ['audio', 'video']);
    await both.accept((await ben.client.request('reconnectStream', { stream: published.id, sdpString: both.offer })).result.sdpAnswer);
    await until(() => both.received.video > 5 && plis > plisBefore);
  });

  it('rejects a bad bot count, and closing the server ends every bot', async (t) => {
    await assert.rejects(startServer(t, { bots: -1 }), /bots must be a whole number/);
    const server = await startServer(t, { bots: 2, botsSession: 'bots-close' });
    await assert.rejects(server.testControl({ action: 'add-bots', sessionId: 'bots-close', count: 0 }), /from 1 up/);
    const ana = await joinRaw(server, 'bots-close', t);
    const rx = await receiver(t, ['audio', 'video']);
    await rx.accept((await ana.client.request('receiveVideoFrom', { sender: ana.result.value[0].streams[0].id, sdpOffer: rx.offer })).result.sdpAnswer);
    await until(() => rx.received.video > 0);
    await server.close();
    assert.equal(server.core.sessions.size, 0);
    assert.equal(server.core.openEndpoints, 0);
    assert.equal(server.bots.activeSessions, 0);
  });
});

