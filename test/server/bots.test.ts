// A big room without a browser per participant: real openvidu-browser joins a session with 24 bots of the local
// server (`--bots`), hears every one of them, sees them speak in turn, and receives video only where it asks for it.
import { expect } from '@open-wc/testing';
import type { Subscriber } from 'openvidu-browser';
import { join, leaveAll, type Participant, serverControl, uniqueSessionId, waitFor } from './helpers.js';

const BOTS = 24;

async function inboundBytes(subscriber: Subscriber, kind: 'audio' | 'video'): Promise<number> {
  let bytes = 0;
  (await subscriber.stream.getRTCPeerConnection().getStats()).forEach((report: any) => {
    if (report.type === 'inbound-rtp' && report.kind === kind) bytes += report.bytesReceived ?? 0;
  });
  return bytes;
}

/** Subscribes to every stream the participant knows of, audio only, each with a muted element (needed for hark). */
function subscribeAudioOnly(participant: Participant): Map<string, Subscriber> {
  const subscribers = new Map<string, Subscriber>();
  for (const connection of participant.session.remoteConnections.values()) {
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    const subscriber = participant.session.subscribe(connection.stream!, undefined, { receiveVideo: false });
    subscriber.addVideoElement(video);
    participant.subscribers.push(subscriber);
    participant.videos.set(connection.connectionId, video);
    subscribers.set(connection.connectionId, subscriber);
  }
  return subscribers;
}

describe('local OpenVidu server: a session with 24 bots', () => {
  let sessionId: string;
  let viewer: Participant | undefined;
  afterEach(async () => {
    await serverControl({ action: 'remove-bots', sessionId });
    // Seen leave before leaving: a client that has left logs each late participantLeft as an error.
    if (viewer) await waitFor(() => viewer!.session.remoteConnections.size === 0, 'the bots to be gone');
    await leaveAll();
    viewer = undefined;
  });

  it('shows 24 named participants, each heard, speaking in turn, each video received on demand', async () => {
    sessionId = uniqueSessionId('bots');
    const { bots } = await serverControl({ action: 'add-bots', sessionId, count: BOTS });
    const page = await join(sessionId, 'Viewer', { publish: false, subscribe: false });
    viewer = page;

    // 24 remote connections, with OpenVidu Call's data: a name, a participant id, a CAMERA stream.
    const remotes = [...page.session.remoteConnections.values()];
    expect(remotes).to.have.length(BOTS);
    const data = remotes.map((c) => JSON.parse(c.data));
    const names = data.map((d) => d.clientData as string);
    expect(new Set(names).size).to.equal(BOTS);
    expect(names.every((name) => name.trim().length > 1)).to.equal(true);
    expect(data.every((d) => d.type === 'CAMERA' && typeof d.participantId === 'string')).to.equal(true);
    expect(remotes.every((c) => c.stream?.hasAudio && c.stream.hasVideo && c.stream.typeOfVideo === 'CAMERA')).to.equal(true);

    // Everyone heard: audio-only subscriptions to all 24.
    const speakers: string[] = [];
    page.session.on('publisherStartSpeaking', (event) => speakers.push(event.connection.connectionId));
    const subscribers = subscribeAudioOnly(page);
    await waitFor(async () => {
      const bytes = await Promise.all([...subscribers.values()].map((s) => inboundBytes(s, 'audio')));
      return bytes.every((b) => b > 0);
    }, 'audio from every bot');
    for (const subscriber of subscribers.values()) expect(subscriber.receivingVideo).to.equal(false);

    // Speaking in turn: three different bots, each the one after the previous in the order they joined.
    await waitFor(() => new Set(speakers).size >= 3, 'three bots to speak');
    const order = bots.map((b: { connectionId: string }) => b.connectionId);
    const turns = speakers.filter((id, i) => id !== speakers[i - 1]).map((id) => order.indexOf(id));
    expect(turns.every((index) => index >= 0)).to.equal(true);
    for (let i = 1; i < turns.length; i += 1) expect(turns[i], `speaker after bot ${turns[i - 1]}`).to.equal((turns[i - 1] + 1) % BOTS);

    // Every bot's video can be received: switch all 24 on and see each one play.
    await Promise.all([...subscribers.values()].map((s) => s.setVideoReception(true)));
    await waitFor(() => [...page.videos.values()].every((v) => v.videoWidth === 320 && !v.paused), 'every bot video to play');

    // Half of them off again: the server stops sending their video, the others go on.
    const [off, on] = [[...subscribers.keys()].slice(0, BOTS / 2), [...subscribers.keys()].slice(BOTS / 2)];
    await Promise.all(off.map((id) => subscribers.get(id)!.setVideoReception(false)));
    const state = await serverControl({ action: 'state' });
    const received = state.sessions.find((s: any) => s.sessionId === sessionId).connections.find((c: any) => !c.bot).received;
    for (const id of off) expect(received[id].kinds, 'off').to.deep.equal(['audio']);
    for (const id of on) expect(received[id].kinds, 'on').to.deep.equal(['audio', 'video']);
    const before = await Promise.all(on.map((id) => inboundBytes(subscribers.get(id)!, 'video')));
    await waitFor(async () => {
      const now = await Promise.all(on.map((id) => inboundBytes(subscribers.get(id)!, 'video')));
      return now.every((bytes, i) => bytes > before[i]);
    }, 'video to keep flowing for the others');
  });
});
