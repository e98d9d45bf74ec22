// The local OpenVidu server's REST API, driven by the real openvidu-node-client 2.32 (what application servers
// use), plus the raw HTTP details: auth, status codes, the signal endpoint, recordings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nodeClient from 'openvidu-node-client';
import { joinRaw, makeOffer, rest, SECRET, startServer, until } from './server-support.mjs';

const { OpenVidu, OpenViduRole } = nodeClient;

function client(server, secret = SECRET) {
  const ov = new OpenVidu(server.url, secret);
  ov.enableProdMode();
  return ov;
}

describe('local OpenVidu server: REST API with openvidu-node-client', () => {
  it('creates sessions (random and custom ids) and lists them', async (t) => {
    const server = await startServer(t);
    const ov = client(server);
    const random = await ov.createSession();
    assert.match(random.sessionId, /^ses_[A-Za-z0-9]{10}$/);
    const custom = await ov.createSession({ customSessionId: 'daily-standup' });
    assert.equal(custom.sessionId, 'daily-standup');
    assert.equal(custom.properties.customSessionId, 'daily-standup');
    assert.equal(custom.properties.mediaMode, 'ROUTED');
    await ov.fetch();
    assert.deepEqual(ov.activeSessions.map((s) => s.sessionId).sort(), ['daily-standup', random.sessionId].sort());
  });

  it('an existing customSessionId answers 409, which openvidu-node-client turns into the existing session', async (t) => {
    const server = await startServer(t);
    const ov = client(server);
    await ov.createSession({ customSessionId: 'twice' });
    assert.equal((await rest(server, 'POST', '/sessions', { customSessionId: 'twice' })).status, 409);
    const again = await client(server).createSession({ customSessionId: 'twice' });
    assert.equal(again.sessionId, 'twice');
  });

  it('creates connections whose tokens point at this server, with role and data', async (t) => {
    const server = await startServer(t);
    const session = await client(server).createSession({ customSessionId: 'tokens' });
    const connection = await session.createConnection({ role: OpenViduRole.MODERATOR, data: 'Ana' });
    const port = new URL(server.url).port;
    assert.match(connection.token, new RegExp(`^ws://127\\.0\\.0\\.1:${port}\\?sessionId=tokens&token=tok_[A-Za-z0-9]{16}$`));
    assert.match(connection.connectionId, /^con_/);
    assert.equal(connection.status, 'pending');
    assert.equal(connection.role, 'MODERATOR');
    assert.equal(connection.serverData, 'Ana');
    const listed = await rest(server, 'GET', '/sessions/tokens/connection');
    assert.equal(listed.json.numberOfElements, 1);
    assert.equal(listed.json.content[0].token, connection.token);
  });

  it('fetch shows active connections with their publishers and subscribers', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'live', t, { metadata: 'Ana' });
    const ben = await joinRaw(server, 'live', t, { metadata: 'Ben' });
    const { sdp } = await makeOffer(t);
    const streamId = (await ana.client.request('publishVideo', { sdpOffer: sdp, typeOfVideo: 'CAMERA', frameRate: 30, videoDimensions: '{"width":640,"height":480}' })).result.id;
    const { sdp: recv } = await makeOffer(t, 'recvonly');
    await ben.client.request('receiveVideoFrom', { sender: streamId, sdpOffer: recv });
    const ov = client(server);
    await ov.fetch();
    const session = ov.activeSessions.find((s) => s.sessionId === 'live');
    assert.equal(session.activeConnections.length, 2);
    const anaConnection = session.activeConnections.find((c) => c.connectionId === ana.connectionId);
    assert.equal(anaConnection.status, 'active');
    assert.equal(anaConnection.clientData, 'Ana');
    assert.equal(anaConnection.platform, 'node test');
    assert.equal(anaConnection.publishers[0].streamId, streamId);
    assert.equal(anaConnection.publishers[0].typeOfVideo, 'CAMERA');
    assert.equal(anaConnection.publishers[0].frameRate, 30);
    const benConnection = session.activeConnections.find((c) => c.connectionId === ben.connectionId);
    assert.deepEqual(benConnection.subscribers, [streamId]);
  });

  it('forceDisconnect evicts an active connection and invalidates a pending one', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'evict', t);
    const ben = await joinRaw(server, 'evict', t);
    const ov = client(server);
    await ov.fetch();
    const session = ov.activeSessions[0];
    await session.forceDisconnect(ana.connectionId);
    assert.deepEqual((await ana.client.notification('participantEvicted')).params, { connectionId: ana.connectionId, reason: 'forceDisconnectByServer' });
    assert.deepEqual((await ben.client.notification('participantLeft')).params, { connectionId: ana.connectionId, reason: 'forceDisconnectByServer' });
    const pending = await session.createConnection();
    await session.forceDisconnect(pending);
    const { RpcClient } = await import('./server-support.mjs');
    const late = await RpcClient.open(server, 'evict', t);
    assert.equal((await late.request('joinRoom', { token: pending.token, session: 'evict', metadata: '' })).error.code, 401);
  });

  it('forceUnpublish removes a stream; the owner and the others hear about it', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'unpub', t);
    const ben = await joinRaw(server, 'unpub', t);
    const { sdp } = await makeOffer(t);
    const streamId = (await ana.client.request('publishVideo', { sdpOffer: sdp })).result.id;
    const ov = client(server);
    await ov.fetch();
    await ov.activeSessions[0].forceUnpublish(streamId);
    for (const who of [ana, ben]) {
      assert.deepEqual((await who.client.notification('participantUnpublished')).params, { connectionId: ana.connectionId, reason: 'forceUnpublishByServer' });
    }
    assert.equal((await rest(server, 'DELETE', `/sessions/unpub/stream/${streamId}`)).status, 404);
  });

  it('updateConnection changes role and record; the client gets connectionPropertyChanged', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'patch', t);
    const ov = client(server);
    await ov.fetch();
    const updated = await ov.activeSessions[0].updateConnection(ana.connectionId, { role: OpenViduRole.MODERATOR, record: false });
    assert.equal(updated.connectionProperties.role, 'MODERATOR');
    assert.equal(updated.connectionProperties.record, false);
    const fetched = await rest(server, 'GET', `/sessions/patch/connection/${ana.connectionId}`);
    assert.equal(fetched.json.role, 'MODERATOR');
    assert.equal(fetched.json.record, false);
    assert.deepEqual((await ana.client.notification('connectionPropertyChanged')).params, { property: 'role', newValue: 'MODERATOR' });
    assert.deepEqual((await ana.client.notification('connectionPropertyChanged')).params, { property: 'record', newValue: 'false' });
  });

  it('closing a session evicts everyone (sessionClosedByServer) and forgets it', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'close', t);
    const session = await client(server).createSession({ customSessionId: 'close' });
    await session.close();
    assert.deepEqual((await ana.client.notification('participantEvicted')).params, { connectionId: ana.connectionId, reason: 'sessionClosedByServer' });
    assert.equal((await rest(server, 'GET', '/sessions/close')).status, 404);
    await until(async () => (await server.testControl({ action: 'state' })).signaling.rpcSessions === 0);
  });

  it('records a session: start, stop, get, list, delete, with openvidu-server\'s fields and notifications', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'rec', t, { metadata: 'Ana' });
    const ben = await joinRaw(server, 'rec', t, { role: 'MODERATOR', metadata: 'Ben' });
    const viewer = await joinRaw(server, 'rec', t, { role: 'SUBSCRIBER', metadata: 'Vi' });
    const ov = client(server);
    const started = await ov.startRecording('rec', { name: 'standup', outputMode: 'COMPOSED' });
    assert.equal(started.id, 'rec');
    assert.equal(started.sessionId, 'rec');
    assert.equal(started.status, 'started');
    assert.equal(started.url, null);
    assert.deepEqual(
      { ...started.properties },
      { name: 'standup', hasAudio: true, hasVideo: true, outputMode: 'COMPOSED', mediaNode: undefined, recordingLayout: 'BEST_FIT', resolution: '1280x720', frameRate: 25, shmSize: 536870912 },
    );
    for (const peer of [ana, ben]) assert.deepEqual((await peer.client.notification('recordingStarted')).params, { id: 'rec', name: 'standup' });
    await ov.fetch();
    assert.equal(ov.activeSessions.find((s) => s.sessionId === 'rec').recording, true);
    assert.equal((await ov.getRecording('rec')).status, 'started');
    await assert.rejects(ov.startRecording('rec'), /409/);
    await assert.rejects(ov.deleteRecording('rec'), /409/);
    const stopped = await ov.stopRecording('rec');
    assert.equal(stopped.status, 'stopped');
    for (const peer of [ana, ben]) {
      assert.deepEqual((await peer.client.notification('recordingStopped')).params, { id: 'rec', name: 'standup', reason: 'recordingStoppedByServer' });
    }
    // The default OPENVIDU_RECORDING_NOTIFICATION (publisher_moderator) tells no SUBSCRIBER.
    assert.equal(viewer.client.notifications.filter((m) => m.method?.startsWith('recording')).length, 0);
    const ready = await ov.getRecording('rec');
    assert.equal(ready.status, 'ready');
    assert.ok(ready.duration >= 0);
    await assert.rejects(ov.stopRecording('rec'), /404/);
    await ov.fetch();
    assert.equal(ov.activeSessions.find((s) => s.sessionId === 'rec').recording, false);
    // The next recording of the session gets the next free id; without a name it is named after its id.
    const second = await ov.startRecording('rec', { outputMode: 'INDIVIDUAL', hasVideo: false });
    assert.equal(second.id, 'rec~1');
    assert.equal(second.properties.name, 'rec~1');
    assert.equal(second.properties.resolution, undefined);
    assert.deepEqual((await ov.listRecordings()).map((r) => [r.id, r.status]).sort(), [['rec', 'ready'], ['rec~1', 'started']]);
    await ov.stopRecording('rec~1');
    await ov.deleteRecording('rec');
    await assert.rejects(ov.getRecording('rec'), /404/);
    await assert.rejects(ov.deleteRecording('rec'), /404/);
    assert.deepEqual((await ov.listRecordings()).map((r) => r.id), ['rec~1']);
  });

  it('recordings answer openvidu-server\'s status codes for bad requests', async (t) => {
    const server = await startServer(t);
    await client(server).createSession({ customSessionId: 'empty' });
    await joinRaw(server, 'busy', t);
    const start = (body) => rest(server, 'POST', '/recordings/start', body);
    assert.equal((await start({})).status, 400);
    assert.equal((await start({ session: 42 })).status, 400);
    assert.equal((await start({ session: 'nope' })).status, 404);
    assert.equal((await start({ session: 'empty' })).status, 406);
    assert.equal((await start({ session: 'busy', hasAudio: false, hasVideo: false })).status, 422);
    assert.equal((await start({ session: 'busy', resolution: '99x99' })).status, 422);
    assert.equal((await start({ session: 'busy', frameRate: 121 })).status, 422);
    assert.equal((await start({ session: 'busy', name: 'no spaces' })).status, 400);
    assert.equal((await start({ session: 'busy', outputMode: 'SIDEWAYS' })).status, 400);
    assert.equal((await start({ session: 'busy', hasAudio: 'yes' })).status, 400);
    assert.equal((await rest(server, 'POST', '/recordings/stop/nope')).status, 404);
    assert.equal((await rest(server, 'GET', '/recordings/nope')).status, 404);
    assert.deepEqual((await rest(server, 'GET', '/recordings')).json, { count: 0, items: [] });
    assert.equal((await start({ session: 'busy' })).status, 200);
  });

  it('joinRoom tells a participant who joins during a recording, for the roles OPENVIDU_RECORDING_NOTIFICATION names', async (t) => {
    const server = await startServer(t);
    await joinRaw(server, 'late', t);
    await client(server).startRecording('late', 'take-1');
    const publisher = await joinRaw(server, 'late', t);
    assert.equal(publisher.result.recordingId, 'late');
    assert.equal(publisher.result.recordingName, 'take-1');
    const viewer = await joinRaw(server, 'late', t, { role: 'SUBSCRIBER' });
    assert.equal(viewer.result.recordingId, undefined);

    const everyone = await startServer(t, { recordingNotification: 'all' });
    await joinRaw(everyone, 'all', t);
    await client(everyone).startRecording('all');
    const told = await joinRaw(everyone, 'all', t, { role: 'SUBSCRIBER' });
    assert.equal(told.result.recordingId, 'all');
    assert.equal(told.result.recordingName, 'all');
  });

  it('closing the session stops its recording', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'closing', t);
    await client(server).startRecording('closing');
    await ana.client.notification('recordingStarted');
    assert.equal((await rest(server, 'DELETE', '/sessions/closing')).status, 204);
    assert.deepEqual((await ana.client.notification('recordingStopped')).params, { id: 'closing', name: 'closing', reason: 'sessionClosedByServer' });
    assert.equal((await rest(server, 'GET', '/recordings/closing')).json.status, 'ready');
  });

  it('a recording nobody publishes to stops by itself, and keeps its session open until then', async (t) => {
    const server = await startServer(t, { recordingAutostopTimeoutMs: 300 });
    // Nobody publishes: openvidu-server stops the recording after OPENVIDU_RECORDING_AUTOSTOP_TIMEOUT.
    const ben = await joinRaw(server, 'idle', t);
    await client(server).startRecording('idle');
    assert.equal((await ben.client.notification('recordingStopped')).params.reason, 'automaticStop');
    assert.equal((await rest(server, 'GET', '/sessions/idle')).status, 200, 'someone is still there');

    // The last publisher leaves: the session stays (openvidu-server's recorder is still in it) until the stop.
    const cy = await joinRaw(server, 'kept', t);
    const { sdp } = await makeOffer(t);
    await cy.client.request('publishVideo', { sdpOffer: sdp, typeOfVideo: 'CAMERA', frameRate: 30, videoDimensions: '{"width":640,"height":480}' });
    await client(server).startRecording('kept');
    await cy.client.request('leaveRoom');
    assert.equal((await rest(server, 'GET', '/sessions/kept')).json.recording, true);
    await until(async () => (await rest(server, 'GET', '/recordings/kept')).json.status === 'ready');
    await until(async () => (await rest(server, 'GET', '/sessions/kept')).status === 404);
  });
});

describe('local OpenVidu server: REST API over raw HTTP', () => {
  it('wrong or missing credentials get 401', async (t) => {
    const server = await startServer(t);
    assert.equal((await rest(server, 'GET', '/sessions', undefined, 'WRONG')).status, 401);
    const bare = await fetch(`${server.url}/openvidu/api/sessions`);
    assert.equal(bare.status, 401);
    assert.equal(bare.headers.get('www-authenticate'), 'Basic realm="OpenVidu"');
    await assert.rejects(client(server, 'WRONG').createSession(), /401/);
  });

  it('bad bodies and unknown ids get 400 and 404, never a crash', async (t) => {
    const server = await startServer(t);
    assert.equal((await rest(server, 'POST', '/sessions', '{not json')).status, 400);
    assert.equal((await rest(server, 'POST', '/sessions', { customSessionId: 'no spaces!' })).status, 400);
    assert.equal((await rest(server, 'POST', '/sessions', { mediaMode: 'NONSENSE' })).status, 400);
    assert.equal((await rest(server, 'POST', '/sessions', { customSessionId: 'ok' })).status, 200);
    assert.equal((await rest(server, 'POST', '/sessions/ok/connection', { role: 'KING' })).status, 400);
    assert.equal((await rest(server, 'POST', '/sessions/ok/connection', { data: 42 })).status, 400);
    assert.equal((await rest(server, 'POST', '/sessions/ok/connection', { type: 'IPCAM', rtspUri: 'rtsp://x' })).status, 501);
    assert.equal((await rest(server, 'POST', '/sessions/nope/connection', {})).status, 404);
    assert.equal((await rest(server, 'GET', '/sessions/nope')).status, 404);
    assert.equal((await rest(server, 'DELETE', '/sessions/ok/connection/con_nobody')).status, 404);
    assert.equal((await rest(server, 'GET', '/whatever')).status, 404);
    assert.equal((await rest(server, 'POST', '/sessions', 'x'.repeat(2 * 1024 * 1024))).status, 413);
    assert.equal((await rest(server, 'GET', '/sessions/ok')).status, 200);
  });

  it('POST /signal: to everyone, to some, 404 for an unknown session, 406 for unknown recipients', async (t) => {
    const server = await startServer(t);
    const ana = await joinRaw(server, 'signal', t);
    const ben = await joinRaw(server, 'signal', t);
    assert.equal((await rest(server, 'POST', '/signal', { session: 'signal', type: 'news', data: 'all' })).status, 200);
    for (const who of [ana, ben]) assert.deepEqual((await who.client.notification('sendMessage')).params, { data: 'all', type: 'signal:news' });
    assert.equal((await rest(server, 'POST', '/signal', { session: 'signal', to: [ben.connectionId], data: 'ben' })).status, 200);
    assert.deepEqual((await ben.client.notification('sendMessage')).params, { data: 'ben', type: 'signal' });
    assert.equal((await rest(server, 'POST', '/signal', { session: 'nope', data: 'x' })).status, 404);
    assert.equal((await rest(server, 'POST', '/signal', { session: 'signal', to: ['con_nobody'] })).status, 406);
    assert.equal((await rest(server, 'POST', '/signal', { session: 'signal', to: 'everyone' })).status, 400);
  });

  it('pending connections are listed only with ?pendingConnections=true', async (t) => {
    const server = await startServer(t);
    await rest(server, 'POST', '/sessions', { customSessionId: 'pend' });
    await rest(server, 'POST', '/sessions/pend/connection', {});
    assert.equal((await rest(server, 'GET', '/sessions/pend')).json.connections.numberOfElements, 0);
    assert.equal((await rest(server, 'GET', '/sessions/pend?pendingConnections=true')).json.connections.numberOfElements, 1);
  });

  it('POST /tokens (deprecated) still answers a token', async (t) => {
    const server = await startServer(t);
    await rest(server, 'POST', '/sessions', { customSessionId: 'old' });
    const response = await rest(server, 'POST', '/tokens', { session: 'old', role: 'SUBSCRIBER', data: 'x' });
    assert.equal(response.status, 200);
    assert.match(response.json.token, /^ws:\/\/.*token=tok_/);
    assert.equal(response.json.id, response.json.token);
    assert.equal(response.json.role, 'SUBSCRIBER');
  });

  it('GET /config answers the fields of openvidu-server CE (and LOCAL_SERVER); /health answers UP', async (t) => {
    const server = await startServer(t);
    const config = await rest(server, 'GET', '/config');
    // The keys openvidu-server 2.32 CE sends with recording, without CDR and webhooks (its ConfigRestController).
    const CE_KEYS = [
      'VERSION', 'DOMAIN_OR_PUBLIC_IP', 'HTTPS_PORT', 'OPENVIDU_PUBLICURL', 'OPENVIDU_CDR',
      'OPENVIDU_STREAMS_VIDEO_MAX_RECV_BANDWIDTH', 'OPENVIDU_STREAMS_VIDEO_MIN_RECV_BANDWIDTH',
      'OPENVIDU_STREAMS_VIDEO_MAX_SEND_BANDWIDTH', 'OPENVIDU_STREAMS_VIDEO_MIN_SEND_BANDWIDTH',
      'OPENVIDU_STREAMS_FORCED_VIDEO_CODEC', 'OPENVIDU_STREAMS_ALLOW_TRANSCODING', 'OPENVIDU_WEBRTC_SIMULCAST',
      'OPENVIDU_SESSIONS_GARBAGE_INTERVAL', 'OPENVIDU_SESSIONS_GARBAGE_THRESHOLD', 'OPENVIDU_RECORDING', 'OPENVIDU_WEBHOOK',
      'OPENVIDU_RECORDING_VERSION', 'OPENVIDU_RECORDING_PATH', 'OPENVIDU_RECORDING_PUBLIC_ACCESS', 'OPENVIDU_RECORDING_NOTIFICATION',
      'OPENVIDU_RECORDING_CUSTOM_LAYOUT', 'OPENVIDU_RECORDING_AUTOSTOP_TIMEOUT',
    ];
    assert.deepEqual(Object.keys(config.json).sort(), [...CE_KEYS, 'LOCAL_SERVER'].sort());
    assert.equal(config.json.VERSION, '2.32.1');
    assert.equal(config.json.DOMAIN_OR_PUBLIC_IP, '127.0.0.1');
    assert.equal(config.json.HTTPS_PORT, server.port);
    assert.equal(config.json.OPENVIDU_PUBLICURL, server.url);
    assert.equal(config.json.OPENVIDU_RECORDING, true);
    assert.equal(config.json.OPENVIDU_RECORDING_NOTIFICATION, 'publisher_moderator');
    assert.deepEqual((await rest(server, 'GET', '/health')).json, { status: 'UP' });
  });

  it('a publicUrl option changes the tokens (wss for https)', async (t) => {
    const server = await startServer(t, { publicUrl: 'https://video.example.test:8443/' });
    await rest(server, 'POST', '/sessions', { customSessionId: 'pub' });
    const { json } = await rest(server, 'POST', '/sessions/pub/connection', {});
    assert.match(json.token, /^wss:\/\/video\.example\.test:8443\?sessionId=pub&token=tok_/);
  });
});
