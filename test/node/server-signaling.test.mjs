// The local OpenVidu server's signaling, spoken over a raw WebSocket: framing, errors for bad input, and the
// notifications other participants get. What openvidu-browser does with them is tested in test/server/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinRaw, makeOffer, rest, RpcClient, startServer, token, until } from './server-support.mjs';

describe('local OpenVidu server: signaling framing', () => {
  it('answers ping before joinRoom with {value: "pong"}', async (t) => {
    const server = await startServer(t);
    const client = await RpcClient.open(server, 'any', t);
    const response = await client.request('ping', { interval: 5000 });
    assert.deepEqual(response, { jsonrpc: '2.0', id: 0, result: { value: 'pong' } });
  });

  it('injects the RPC session id into every result once joined, and ids keep counting', async (t) => {
    const server = await startServer(t);
    const { client, result } = await joinRaw(server, 'inject', t);
    assert.equal(typeof result.sessionId, 'string');
    const pong = await client.request('ping');
    assert.equal(pong.id, 2);
    assert.deepEqual(pong.result, { value: 'pong', sessionId: result.sessionId });
    const echo = await client.request('echo', {});
    assert.deepEqual(echo.result, { sessionId: result.sessionId });
  });

  it('joinRoom answers what openvidu-browser requires: version, value, role, mediaServer, customIceServers', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'shape', t, { metadata: '{"clientData":"Ana"}' });
    const ben = await joinRaw(server, 'shape', t, { role: 'MODERATOR', metadata: '{"clientData":"Ben"}' });
    const r = ben.result;
    assert.match(r.id, /^con_[A-Za-z0-9]{10}$/);
    assert.equal(r.session, 'shape');
    assert.equal(r.version, '2.32.1');
    assert.equal(r.mediaServer, 'kurento');
    assert.equal(r.role, 'MODERATOR');
    assert.equal(r.metadata, '{"clientData":"Ben"}');
    assert.deepEqual(r.customIceServers, [{ url: 'stun:127.0.0.1:3478' }]);
    assert.equal(r.value.length, 1);
    assert.equal(r.value[0].id, ana.connectionId);
    assert.equal(r.value[0].metadata, '{"clientData":"Ana"}');
    const joined = await ana.client.notification('participantJoined');
    assert.equal(joined.params.id, ben.connectionId);
    assert.equal(joined.params.metadata, '{"clientData":"Ben"}');
  });

  it("composes client and server data as openvidu-server does (client%/%server)", async (t) => {
    const server = await startServer(t);
    const { token: tok } = await token(server, 'meta', { data: 'server-side' });
    const client = await RpcClient.open(server, 'meta', t);
    const response = await client.request('joinRoom', { token: tok, session: 'meta', metadata: 'client-side', platform: 'x' });
    assert.equal(response.result.metadata, 'client-side%/%server-side');
  });

  it('hands out the connection\'s own ICE servers when the REST API set some', async (t) => {
    const server = await startServer(t);
    const ice = [{ url: 'turn:127.0.0.1:3478', username: 'u', credential: 'p' }];
    const { token: tok } = await token(server, 'ice', { customIceServers: ice });
    const client = await RpcClient.open(server, 'ice', t);
    const response = await client.request('joinRoom', { token: tok, session: 'ice', metadata: '' });
    assert.deepEqual(response.result.customIceServers, ice);
  });
});

describe('local OpenVidu server: bad input', () => {
  it('malformed JSON, non-objects and bad params get JSON-RPC errors, and the socket keeps working', async (t) => {
    const server = await startServer(t);
    const client = await RpcClient.open(server, 'bad', t);
    await client.sendRaw('{not json');
    assert.equal((await client.next((m) => m.error)).error.code, -32700);
    await client.sendRaw('[1,2,3]');
    assert.equal((await client.next((m) => m.error)).error.code, -32600);
    const badParams = await client.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'joinRoom', params: [1] }), 99);
    assert.equal(badParams.error.code, -32602);
    const noMethod = await client.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 98, method: 42 }), 98);
    assert.equal(noMethod.error.code, -32600);
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    assert.equal((await client.next((m) => m.error)).error.code, -32600);
    assert.equal((await client.request('ping')).result.value, 'pong');
  });

  it('an unknown method gets "method not found", never silence', async (t) => {
    const server = await startServer(t);
    const client = await RpcClient.open(server, 'unknown', t);
    const response = await client.request('fooBar', {});
    assert.equal(response.error.code, -32601);
    assert.match(response.error.message, /fooBar/);
  });

  it('methods before joinRoom get 803 (TRANSPORT_ERROR)', async (t) => {
    const server = await startServer(t);
    const client = await RpcClient.open(server, 'early', t);
    for (const method of ['publishVideo', 'sendMessage', 'leaveRoom', 'onIceCandidate', 'forceDisconnect']) {
      const response = await client.request(method, {});
      assert.equal(response.error?.code, 803, method);
    }
  });

  it('joinRoom: unknown session 202, unknown or reused token 401, missing params -32602, bad metadata 500', async (t) => {
    const server = await startServer(t);
    const { token: tok } = await token(server, 'tokens');
    const client = await RpcClient.open(server, 'tokens', t);
    assert.equal((await client.request('joinRoom', { token: tok, session: 'nope', metadata: '' })).error.code, 202);
    assert.equal((await client.request('joinRoom', { token: 'ws://x?sessionId=tokens&token=tok_unknown', session: 'tokens', metadata: '' })).error.code, 401);
    assert.equal((await client.request('joinRoom', { session: 'tokens' })).error.code, -32602);
    assert.equal((await client.request('joinRoom', { token: tok, session: 'tokens', metadata: { not: 'a string' } })).error.code, 500);
    assert.ok((await client.request('joinRoom', { token: tok, session: 'tokens', metadata: '' })).result);
    const again = await RpcClient.open(server, 'tokens', t);
    const reused = await again.request('joinRoom', { token: tok, session: 'tokens', metadata: '' });
    assert.equal(reused.error.code, 401);
  });

  it('a huge message closes that socket cleanly (1009) and the server keeps serving the others', async (t) => {
    const server = await startServer(t);
    const other = await RpcClient.open(server, 'huge', t);
    const client = await RpcClient.open(server, 'huge', t);
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'ping', params: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    assert.equal(await client.closed, 1009);
    assert.equal((await other.request('ping')).result.value, 'pong');
  });

  it('wrong param types and garbage SDP get errors; the participant can still publish afterwards', async (t) => {
    const server = await startServer(t);
    const { client } = await joinRaw(server, 'sdp', t);
    assert.equal((await client.request('publishVideo', { sdpOffer: 42 })).error.code, -32602);
    assert.equal((await client.request('publishVideo', { sdpOffer: 'v=0 garbage', hasAudio: 'yes' })).error.code, -32602);
    assert.equal((await client.request('publishVideo', { sdpOffer: 'v=0\r\ngarbage' })).error.code, 302);
    assert.equal((await client.request('receiveVideoFrom', { sender: 'str_CAM_abcd_con_nobody', sdpOffer: 'x' })).error.code, 102);
    assert.equal((await client.request('streamPropertyChanged', { streamId: 'str_x', property: 'audioActive', newValue: false, reason: 'x' })).error.code, 105);
    const { sdp } = await makeOffer(t);
    const published = await client.request('publishVideo', { sdpOffer: sdp, hasAudio: true, hasVideo: true, audioActive: true, videoActive: true, typeOfVideo: 'CAMERA', frameRate: 30, videoDimensions: '{"width":640,"height":480}' });
    assert.match(published.result.sdpAnswer, /^v=0/);
    assert.match(published.result.id, /^str_CAM_[A-Za-z0-9]{4}_con_/);
  });

  it('a client that vanishes in the middle of publishing leaves no peer connection behind', async (t) => {
    const server = await startServer(t, { reconnectionGraceMs: 0 });
    const { client } = await joinRaw(server, 'vanish', t);
    const { sdp } = await makeOffer(t);
    client.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'publishVideo', params: { sdpOffer: sdp } }));
    client.ws.terminate();
    await until(async () => {
      const state = await server.testControl({ action: 'state' });
      return state.sessions.length === 0 && state.media.peerConnections === 0 && state.signaling.sockets === 0;
    });
  });
});

describe('local OpenVidu server: session events over signaling', () => {
  it('signals: broadcast includes the sender, `to` restricts, bad messages get 600/601', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'sig', t);
    const ben = await joinRaw(server, 'sig', t);
    const message = (m) => ({ message: JSON.stringify(m) });
    assert.deepEqual((await ana.client.request('sendMessage', message({ to: [], data: 'hi', type: 'signal:chat' }))).result, { sessionId: ana.result.sessionId });
    for (const who of [ana, ben]) {
      const n = await who.client.notification('sendMessage');
      assert.deepEqual(n.params, { data: 'hi', type: 'signal:chat', from: ana.connectionId });
    }
    await ana.client.request('sendMessage', message({ to: [ben.connectionId], data: 'only ben', type: 'signal' }));
    assert.equal((await ben.client.notification('sendMessage')).params.data, 'only ben');
    assert.equal((await ana.client.request('sendMessage', { message: 'not json' })).error.code, 600);
    assert.equal((await ana.client.request('sendMessage', message({ to: ['con_nobody'], data: 'x' }))).error.code, 601);
    assert.equal(ana.client.notifications.filter((n) => n.method === 'sendMessage').length, 0);
  });

  it('streamPropertyChanged reaches the others with OpenVidu\'s stringified values', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'props', t);
    const ben = await joinRaw(server, 'props', t);
    const { sdp } = await makeOffer(t);
    const published = await ana.client.request('publishVideo', { sdpOffer: sdp, typeOfVideo: 'CAMERA', videoDimensions: '{"width":640,"height":480}' });
    const streamId = published.result.id;
    const announced = await ben.client.notification('participantPublished');
    assert.equal(announced.params.id, ana.connectionId);
    assert.equal(announced.params.streams[0].id, streamId);
    assert.equal(announced.params.streams[0].videoDimensions, '{"width":640,"height":480}');
    await ana.client.request('streamPropertyChanged', { streamId, property: 'audioActive', newValue: false, reason: 'publishAudio' });
    assert.deepEqual((await ben.client.notification('streamPropertyChanged')).params, {
      connectionId: ana.connectionId,
      streamId,
      property: 'audioActive',
      newValue: 'false',
      reason: 'publishAudio',
    });
    await ana.client.request('streamPropertyChanged', { streamId, property: 'videoDimensions', newValue: '{"width":320,"height":240}', reason: 'screenResized' });
    const dims = await ben.client.notification('streamPropertyChanged');
    assert.deepEqual(JSON.parse(JSON.parse(dims.params.newValue)), { width: 320, height: 240 });
    const connection = await rest(server, 'GET', `/sessions/props/connection/${ana.connectionId}`);
    assert.equal(connection.json.publishers[0].mediaOptions.audioActive, false);
    assert.equal(connection.json.publishers[0].mediaOptions.videoDimensions, '{"width":320,"height":240}');
  });

  it('subscribing answers an SDP; unpublish and leave reach the others with their reasons; empty sessions go', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'life', t);
    const ben = await joinRaw(server, 'life', t);
    const { sdp } = await makeOffer(t);
    const streamId = (await ana.client.request('publishVideo', { sdpOffer: sdp })).result.id;
    const { sdp: recv } = await makeOffer(t, 'recvonly');
    const subscribed = await ben.client.request('receiveVideoFrom', { sender: streamId, sdpOffer: recv });
    assert.match(subscribed.result.sdpAnswer, /a=sendonly/);
    assert.equal((await server.testControl({ action: 'state' })).media.peerConnections, 2);
    assert.ok((await ben.client.request('unsubscribeFromVideo', { sender: ana.connectionId })).result);
    await until(async () => (await server.testControl({ action: 'state' })).media.peerConnections === 1);
    assert.ok((await ana.client.request('unpublishVideo')).result);
    assert.deepEqual((await ben.client.notification('participantUnpublished')).params, { connectionId: ana.connectionId, reason: 'unpublish' });
    assert.ok((await ana.client.request('leaveRoom')).result);
    assert.deepEqual((await ben.client.notification('participantLeft')).params, { connectionId: ana.connectionId, reason: 'disconnect' });
    assert.ok((await ben.client.request('leaveRoom')).result);
    assert.equal((await rest(server, 'GET', '/sessions/life')).status, 404);
    await until(async () => (await server.testControl({ action: 'state' })).media.peerConnections === 0);
  });

  it('a socket closed without leaveRoom: the others get participantLeft(networkDisconnect) after the grace period', async (t) => {
    const server = await startServer(t, { reconnectionGraceMs: 50 });
    const ana = await joinRaw(server, 'net', t);
    const ben = await joinRaw(server, 'net', t);
    ana.client.ws.terminate();
    assert.deepEqual((await ben.client.notification('participantLeft')).params, { connectionId: ana.connectionId, reason: 'networkDisconnect' });
  });

  it('`connect` on a new socket resumes the RPC session; an unknown one gets 40007 "reconnection error"', async (t) => {
    const server = await startServer(t, { reconnectionGraceMs: 60_000 });
    const ana = await joinRaw(server, 'reco', t);
    const ben = await joinRaw(server, 'reco', t);
    ana.client.ws.terminate();
    const fresh = await RpcClient.open(server, 'reco', t);
    const unknown = await fresh.request('connect', { sessionId: 'not-a-session', reconnect: true });
    assert.deepEqual(unknown.error, { code: 40007, message: 'reconnection error' });
    const resumed = await fresh.request('connect', { sessionId: ana.result.sessionId, reconnect: true });
    assert.deepEqual(resumed.result, { value: 'reconnection successful', sessionId: ana.result.sessionId });
    await ben.client.request('sendMessage', { message: JSON.stringify({ to: [ana.connectionId], data: 'welcome back' }) });
    assert.equal((await fresh.notification('sendMessage')).params.data, 'welcome back');
    assert.equal(ben.client.notifications.filter((n) => n.method === 'participantLeft').length, 0);
  });

  it('forceDisconnect and forceUnpublish: 401 for publishers; moderators evict (participantEvicted + participantLeft)', async (t) => {
    const server = await startServer(t);
    const mod = await joinRaw(server, 'mod', t, { role: 'MODERATOR' });
    const ana = await joinRaw(server, 'mod', t);
    const ben = await joinRaw(server, 'mod', t);
    const { sdp } = await makeOffer(t);
    const streamId = (await ana.client.request('publishVideo', { sdpOffer: sdp })).result.id;
    assert.equal((await ben.client.request('forceDisconnect', { connectionId: ana.connectionId })).error.code, 401);
    assert.equal((await ben.client.request('forceUnpublish', { streamId })).error.code, 401);
    assert.ok((await mod.client.request('forceUnpublish', { streamId })).result);
    assert.deepEqual((await ana.client.notification('participantUnpublished')).params, { connectionId: ana.connectionId, reason: 'forceUnpublishByUser' });
    assert.ok((await mod.client.request('forceDisconnect', { connectionId: ana.connectionId })).result);
    assert.deepEqual((await ana.client.notification('participantEvicted')).params, { connectionId: ana.connectionId, reason: 'forceDisconnectByUser' });
    assert.deepEqual((await ben.client.notification('participantLeft')).params, { connectionId: ana.connectionId, reason: 'forceDisconnectByUser' });
    assert.equal((await mod.client.request('forceDisconnect', { connectionId: 'con_nobody' })).error.code, 102);
  });

  it('videoData updates the dimensions the REST API reports', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'vdata', t);
    const { sdp } = await makeOffer(t);
    await ana.client.request('publishVideo', { sdpOffer: sdp, videoDimensions: '{"width":640,"height":480}' });
    assert.ok((await ana.client.request('videoData', { width: 1280, height: 720, videoActive: true, audioActive: true })).result);
    const connection = await rest(server, 'GET', `/sessions/vdata/connection/${ana.connectionId}`);
    assert.equal(connection.json.publishers[0].mediaOptions.videoDimensions, '{"width":1280,"height":720}');
    assert.equal((await ana.client.request('videoData', { width: 'wide' })).error.code, -32602);
  });

  it('reconnectStream renegotiates a publisher and a subscriber without losing the subscription', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'restream', t);
    const ben = await joinRaw(server, 'restream', t);
    const streamId = (await ana.client.request('publishVideo', { sdpOffer: (await makeOffer(t)).sdp })).result.id;
    await ben.client.request('receiveVideoFrom', { sender: streamId, sdpOffer: (await makeOffer(t, 'recvonly')).sdp });
    const publisher = await ana.client.request('reconnectStream', { stream: streamId, sdpString: (await makeOffer(t)).sdp });
    assert.match(publisher.result.sdpAnswer, /^v=0/);
    // openvidu-browser takes the publisher's stream id from this answer again.
    assert.equal(publisher.result.id, streamId);
    assert.equal(typeof publisher.result.createdAt, 'number');
    const subscriber = await ben.client.request('reconnectStream', { stream: streamId, sdpString: (await makeOffer(t, 'recvonly')).sdp, forciblyReconnect: false });
    assert.match(subscriber.result.sdpAnswer, /a=sendonly/);
    await until(async () => (await server.testControl({ action: 'state' })).media.peerConnections === 2);
    const state = await server.testControl({ action: 'state' });
    const benState = state.sessions[0].connections.find((c) => c.connectionId === ben.connectionId);
    assert.deepEqual(benState.subscriptions, [ana.connectionId]);
    assert.equal((await ben.client.request('reconnectStream', { stream: 'str_CAM_zzzz_con_nobody', sdpString: 'v=0' })).error.code, 102);
  });

  it('publishVideo with doLoopback answers send-receive, so the publisher gets its media back; without it, receive-only', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'loopback', t);
    const ben = await joinRaw(server, 'loopback', t);
    const looped = await ana.client.request('publishVideo', { doLoopback: true, sdpOffer: (await makeOffer(t, 'sendrecv')).sdp });
    assert.equal(looped.result.sdpAnswer.match(/a=sendrecv/g)?.length, 2);
    const plain = await ben.client.request('publishVideo', { doLoopback: false, sdpOffer: (await makeOffer(t, 'sendrecv')).sdp });
    assert.equal(plain.result.sdpAnswer.match(/a=recvonly/g)?.length, 2);
    assert.doesNotMatch(plain.result.sdpAnswer, /a=sendrecv/);
    const reconnected = await ana.client.request('reconnectStream', { stream: looped.result.id, sdpString: (await makeOffer(t, 'sendrecv')).sdp });
    assert.equal(reconnected.result.sdpAnswer.match(/a=sendrecv/g)?.length, 2, 'a renegotiated loopback stream keeps its loopback');
  });

  it('stopping the server tells every participant (openviduServerStopped, as openvidu-server) and closes their sockets', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'stop', t);
    await ana.client.request('publishVideo', { sdpOffer: (await makeOffer(t)).sdp });
    const evicted = ana.client.notification('participantEvicted');
    await server.close();
    assert.deepEqual((await evicted).params, { connectionId: ana.connectionId, reason: 'openviduServerStopped' });
    assert.equal(await ana.client.closed, 1001);
    assert.equal(server.core.openEndpoints, 0);
  });

  it('a SUBSCRIBER may not publish (401); filters and Pro methods get clear errors', async (t) => {
    const server = await startServer(t);
    const viewer = await joinRaw(server, 'roles', t, { role: 'SUBSCRIBER' });
    const { sdp } = await makeOffer(t);
    assert.equal((await viewer.client.request('publishVideo', { sdpOffer: sdp })).error.code, 401);
    const filter = await viewer.client.request('applyFilter', { streamId: 'x', type: 'GStreamerFilter', options: '{}' });
    assert.match(filter.error.message, /not supported/);
    const stt = await viewer.client.request('subscribeToSpeechToText', { connectionId: viewer.connectionId, lang: 'en' });
    assert.match(stt.error.message, /Pro/);
  });
});
