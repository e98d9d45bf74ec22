// The order in which the local server handles one client's requests: one lane per media endpoint (a publish and a
// subscription are negotiated side by side, as openvidu-server does), and within a lane the order they arrived in
// (an onIceCandidate never overtakes the negotiation of its endpoint).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PublisherEndpoint } from '../../build/server/media.js';
import { laneOf } from '../../build/server/signaling.js';
import { joinRaw, makeOffer, startServer } from './server-support.mjs';

const CANDIDATE = 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0';

describe('local OpenVidu server: request order', () => {
  it('laneOf: the publisher, each subscription by its publisher, everything else the session', () => {
    const own = 'con_OWN';
    const lane = (method, params = {}) => laneOf({ id: 1, method, params }, own);
    assert.equal(lane('publishVideo', { sdpOffer: 'v=0' }), 'publisher');
    assert.equal(lane('unpublishVideo'), 'publisher');
    assert.equal(lane('onIceCandidate', { endpointName: own }), 'publisher');
    assert.equal(lane('reconnectStream', { stream: `str_CAM_abcd_${own}` }), 'publisher');
    assert.equal(lane('receiveVideoFrom', { sender: 'str_CAM_abcd_con_ANA' }), 'subscription:con_ANA');
    assert.equal(lane('unsubscribeFromVideo', { sender: 'con_ANA' }), 'subscription:con_ANA');
    assert.equal(lane('onIceCandidate', { endpointName: 'con_ANA' }), 'subscription:con_ANA');
    assert.equal(lane('reconnectStream', { stream: 'str_CAM_abcd_con_ANA' }), 'subscription:con_ANA');
    for (const method of ['joinRoom', 'leaveRoom', 'sendMessage', 'streamPropertyChanged', 'videoData', 'connect', 'forceUnpublish']) {
      assert.equal(lane(method), 'session', method);
    }
    assert.equal(lane('receiveVideoFrom', { sender: 42 }), 'session', 'bad params get their error on the session lane');
  });

  it('a publish that takes long holds back its own ICE candidates, not a subscription of the same client', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'order', t);
    const streamId = (await ana.client.request('publishVideo', { sdpOffer: (await makeOffer(t)).sdp })).result.id;
    const ben = await joinRaw(server, 'order', t);
    const [publishOffer, subscribeOffer] = await Promise.all([makeOffer(t), makeOffer(t, 'recvonly')]);

    // Ben's publish waits at the media server until released.
    const create = PublisherEndpoint.create;
    let release;
    const held = new Promise((resolve) => (release = resolve));
    PublisherEndpoint.create = async function (...args) {
      await held;
      return create.apply(this, args);
    };
    t.after(() => (PublisherEndpoint.create = create));

    const answered = [];
    const request = (label, method, params) =>
      ben.client.request(method, params).then((response) => {
        assert.ok(response.result, `${label}: ${JSON.stringify(response.error)}`);
        answered.push(label);
      });
    const publish = request('publishVideo', 'publishVideo', { sdpOffer: publishOffer.sdp });
    const ownCandidate = request('own candidate', 'onIceCandidate', { endpointName: ben.connectionId, candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0 });
    await request('receiveVideoFrom', 'receiveVideoFrom', { sender: streamId, sdpOffer: subscribeOffer.sdp });
    await request('subscription candidate', 'onIceCandidate', { endpointName: ana.connectionId, candidate: CANDIDATE, sdpMid: '0', sdpMLineIndex: 0 });
    assert.deepEqual(answered, ['receiveVideoFrom', 'subscription candidate'], 'the subscription went ahead of the held publish');
    release();
    await Promise.all([publish, ownCandidate]);
    assert.deepEqual(answered.slice(2), ['publishVideo', 'own candidate'], 'the own candidate waited for its publish');
    assert.equal((await server.testControl({ action: 'state' })).media.peerConnections, 3);
  });
});
