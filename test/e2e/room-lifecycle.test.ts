import type { OvErrorEvent } from '../../src/events.js';
import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { OV_SERVER_URL, TOKEN_FIXTURE_URL, UNREACHABLE_URL } from '../support/env.js';
import { waitUntil, addRoom, button, joinedRoom, openedSockets, liveTracks, roomText, stage, tileNamed, tiles, uniqueSessionId, videoPlaying, expectNothingLeftRunning } from '../support/room-helpers.js';

interface ServerState {
  sessions: Array<{ sessionId: string; connections: Array<{ connectionId: string; status: string; clientData: string }> }>;
}
const serverState = () => executeServerCommand('ov-server', { action: 'state' }) as Promise<ServerState>;
const activeConnections = async (sessionId: string) =>
  (await serverState()).sessions.find((s) => s.sessionId === sessionId)?.connections.filter((c) => c.status === 'active') ?? [];

describe('<ov-room> lifecycle', () => {
  afterEach(expectNothingLeftRunning);

  it('joins once when join() is called twice and the element also joins by itself', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('twice');
    const room = addRoom(parent, { sessionId, name: 'Ana' });
    let joinedEvents = 0;
    room.addEventListener('ov-joined', () => joinedEvents++);
    await Promise.all([room.join(), room.join(), oneEvent(room, 'ov-joined')]);
    await room.join();
    expect(joinedEvents).to.equal(1);
    expect(await activeConnections(sessionId)).to.have.length(1);
    parent.remove();
  });

  it('changing session-id while connecting leaves the first session cleanly and joins the second', async () => {
    const parent = await stage();
    const first = uniqueSessionId('first');
    const second = uniqueSessionId('second');
    // The slow endpoint takes 1.5 s to answer the session request.
    const room = addRoom(parent, { sessionId: first, name: 'Ana', tokenUrl: `${TOKEN_FIXTURE_URL}/slow` });
    await waitUntil(() => room.state.status === 'connecting');
    const errors: unknown[] = [];
    room.addEventListener('ov-error', (e) => errors.push(e.detail));
    room.tokenUrl = `${OV_SERVER_URL}/api`;
    room.sessionId = second;
    const joined = await oneEvent(room, 'ov-joined');
    expect(joined.detail.sessionId).to.equal(second);
    await new Promise((resolve) => setTimeout(resolve, 1800)); // the slow answer arrives and must be ignored
    expect(room.state.status).to.equal('joined');
    expect(room.state.sessionId).to.equal(second);
    expect(await activeConnections(first)).to.have.length(0);
    expect(await activeConnections(second)).to.have.length(1);
    expect(errors).to.deep.equal([]);
    expect(liveTracks()).to.have.length(2); // one camera, one microphone
    parent.remove();
  });

  it('removing the room while it connects releases the camera and never joins', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('early');
    const room = addRoom(parent, { sessionId, name: 'Ana', tokenUrl: `${TOKEN_FIXTURE_URL}/slow` });
    let joined = false;
    room.addEventListener('ov-joined', () => (joined = true));
    await waitUntil(() => room.state.status === 'connecting');
    room.remove();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(joined).to.equal(false);
    expect(room.state.status, 'a room that never joined goes back to idle').to.equal('idle');
    expect(await activeConnections(sessionId)).to.have.length(0);
    parent.remove();
  });

  it('mounting and removing a room ten times leaves no connection, track or video behind', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('cycle');
    for (let i = 0; i < 10; i++) {
      const room = await joinedRoom(parent, { sessionId, name: `Guest ${i}` });
      room.remove();
    }
    await waitUntil(async () => (await activeConnections(sessionId)).length === 0, 'connections were left on the server', { timeout: 5000 });
    parent.remove();
  });

  it('rejoins with a fresh token after leaving ("Join again")', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('rejoin');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await ana.leave();
    await waitUntil(() => !tileNamed(ben, 'Ana'));
    const joined = oneEvent(ana, 'ov-joined');
    button(ana, 'Join again').click();
    await joined;
    await videoPlaying(ben, 'Ana');
    await videoPlaying(ana, 'Ben');
    parent.remove();
  });

  it('reports a dropped connection and its recovery (ov-reconnecting, ov-reconnected)', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('drop');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const ben = await joinedRoom(parent, { sessionId, name: 'Ben' });
    await videoPlaying(ben, 'Ana');
    const reconnecting = oneEvent(ana, 'ov-reconnecting');
    const reconnected = oneEvent(ana, 'ov-reconnected');
    await executeServerCommand('ov-server', { action: 'drop-socket', connectionId: ana.state.local!.connectionId });
    await reconnecting;
    expect(ana.state.status).to.equal('reconnecting');
    expect(roomText(ana)).to.contain('Reconnecting');
    await reconnected;
    expect(ana.state.status).to.equal('joined');
    expect(tiles(ben).map((t) => t.shownParticipant?.name)).to.include('Ana');
    parent.remove();
  });

  it('gives up after reconnect-timeout when the server stays away: CONNECTION_LOST, camera off, no retry loop', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('lost');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    ana.reconnectTimeout = 2;
    await waitUntil(() => ana.state.local?.publishing, 'the camera was never published');
    await executeServerCommand('ov-server', { action: 'refuse-reconnections', sessionId });
    // The broken publish may be noticed first (PUBLISH_FAILED, not fatal); the fatal error is the one that counts.
    const error = new Promise<OvErrorEvent>((resolve) => ana.addEventListener('ov-error', (event) => event.detail.fatal && resolve(event)));
    const left = oneEvent(ana, 'ov-left');
    await executeServerCommand('ov-server', { action: 'drop-socket', connectionId: ana.state.local!.connectionId });
    expect((await error).detail).to.include({ code: 'CONNECTION_LOST', fatal: true });
    expect((await left).detail.reason).to.equal('networkDisconnect');
    expect(ana.state.status).to.equal('error');
    expect(liveTracks(), 'the camera and microphone are released').to.have.length(0);
    const attempts = () => openedSockets.filter((url) => url.includes(`sessionId=${sessionId}`)).length;
    const afterGivingUp = attempts();
    await new Promise((resolve) => setTimeout(resolve, 4000)); // openvidu-browser would retry every 3 s
    expect(attempts(), 'WebSocket attempts after the room gave up').to.equal(afterGivingUp);
    await executeServerCommand('ov-server', { action: 'refuse-reconnections', sessionId, mode: 'accept' });
    parent.remove();
  });

  it('while reconnecting, what openvidu-browser sends (ICE candidates) does not throw into the page', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('hang');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    await waitUntil(() => ana.state.local?.publishing, 'the camera was never published');
    await executeServerCommand('ov-server', { action: 'refuse-reconnections', sessionId, mode: 'hang' });
    const reconnecting = oneEvent(ana, 'ov-reconnecting');
    await executeServerCommand('ov-server', { action: 'drop-socket', connectionId: ana.state.local!.connectionId });
    await reconnecting;
    // The socket now stays CONNECTING. A candidate trickling in at this moment used to throw InvalidStateError
    // from an RTCPeerConnection handler, uncaught; the test fails on any uncaught error.
    const peer = new RTCPeerConnection();
    const channel = peer.createDataChannel('x');
    const candidate = new Promise<RTCIceCandidate>((resolve) => (peer.onicecandidate = (e) => e.candidate && resolve(e.candidate)));
    await peer.setLocalDescription(await peer.createOffer());
    const found = await candidate;
    type Internals = { controller: { current?: { connection?: { session: { connection: { sendIceCandidate(c: RTCIceCandidate): void } } } } } };
    const controllerSession = (ana as unknown as Internals).controller.current?.connection?.session;
    expect(() => controllerSession!.connection.sendIceCandidate(found)).not.to.throw();
    channel.close();
    peer.close();
    await executeServerCommand('ov-server', { action: 'refuse-reconnections', sessionId, mode: 'accept' });
    parent.remove();
  });

  it('shows why when a moderator or the server removes the participant', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('evict');
    const ana = await joinedRoom(parent, { sessionId, name: 'Ana' });
    const left = oneEvent(ana, 'ov-left');
    await executeServerCommand('ov-server', { action: 'force-disconnect', connectionId: ana.state.local!.connectionId });
    expect((await left).detail.reason).to.equal('forceDisconnectByServer');
    expect(roomText(ana)).to.contain('The server removed you from the meeting.');
    parent.remove();
  });
});

describe('<ov-room> errors', () => {
  afterEach(expectNothingLeftRunning);

  async function failingRoom(tokenUrl: string, expectedCode: string) {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: uniqueSessionId('err'), name: 'Ana', tokenUrl });
    const error = await oneEvent(room, 'ov-error');
    expect(error.detail.code).to.equal(expectedCode);
    expect(error.detail.fatal).to.equal(true);
    await room.updateComplete;
    const view = room.shadowRoot!.querySelector('[part="error"]') as HTMLElement;
    expect(view, 'the error view').to.exist;
    expect(view.getAttribute('role')).to.equal('alert');
    expect(view.innerText).to.contain(error.detail.message);
    expect(view.innerText).to.contain(error.detail.remedy);
    expect(room.state.status).to.equal('error');
    return { parent, room, detail: error.detail };
  }

  it('a token URL where nothing listens: TOKEN_ENDPOINT_UNREACHABLE, naming the URL and CORS', async () => {
    const { parent, detail } = await failingRoom(UNREACHABLE_URL, 'TOKEN_ENDPOINT_UNREACHABLE');
    expect(detail.message).to.contain(UNREACHABLE_URL);
    expect(detail.remedy).to.contain('Access-Control-Allow-Origin');
    parent.remove();
  });

  it('an HTTP 500: TOKEN_ENDPOINT_HTTP_ERROR with the server\'s message', async () => {
    const { parent, detail } = await failingRoom(`${TOKEN_FIXTURE_URL}/error-500`, 'TOKEN_ENDPOINT_HTTP_ERROR');
    expect(detail.message).to.contain('HTTP 500');
    expect(detail.message).to.contain('OpenVidu is not reachable from the application server');
    parent.remove();
  });

  it('an answer without a token: TOKEN_ANSWER_WITHOUT_TOKEN', async () => {
    const { parent } = await failingRoom(`${TOKEN_FIXTURE_URL}/malformed`, 'TOKEN_ANSWER_WITHOUT_TOKEN');
    parent.remove();
  });

  it('a token that is not an OpenVidu token: TOKEN_NOT_OPENVIDU', async () => {
    const { parent } = await failingRoom(`${TOKEN_FIXTURE_URL}/not-openvidu`, 'TOKEN_NOT_OPENVIDU');
    parent.remove();
  });

  it('a token used twice: TOKEN_REJECTED, saying tokens are single-use', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('reuse');
    await joinedRoom(parent, { sessionId, name: 'Ana', tokenUrl: `${TOKEN_FIXTURE_URL}/reused` });
    const second = addRoom(parent, { sessionId, name: 'Ben', tokenUrl: `${TOKEN_FIXTURE_URL}/reused` });
    const error = await oneEvent(second, 'ov-error');
    expect(error.detail.code).to.equal('TOKEN_REJECTED');
    expect(error.detail.remedy).to.contain('used once');
    parent.remove();
  });

  it('an OpenVidu server that is not running: SERVER_UNREACHABLE, without a reconnection loop', async () => {
    const parent = await stage();
    const port = new URL(UNREACHABLE_URL).port;
    const room = addRoom(parent, { sessionId: 'nowhere', name: 'Ana' });
    room.token = `ws://127.0.0.1:${port}?sessionId=nowhere&token=tok_nowhere`;
    const error = await oneEvent(room, 'ov-error');
    expect(error.detail.code).to.equal('SERVER_UNREACHABLE');
    expect(error.detail.message).to.contain(`127.0.0.1:${port}`);
    const attempts = () => openedSockets.filter((url) => url.includes(`127.0.0.1:${port}/openvidu`)).length;
    const afterGivingUp = attempts();
    // openvidu-browser retries every 3 s; a room that gave up must not.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect(attempts(), 'WebSocket attempts after the room gave up').to.equal(afterGivingUp);
    parent.remove();
  });

  it('a token endpoint that never answers: JOIN_TIMED_OUT, not connecting forever', async () => {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: uniqueSessionId('hang'), name: 'Ana', tokenUrl: '' });
    let providerSignal: AbortSignal | undefined;
    room.tokenProvider = (_request, { signal }) => {
      providerSignal = signal;
      return new Promise(() => {}); // never settles
    };
    // The room's join deadline is 20 s; this test waits for it.
    const error = await oneEvent(room, 'ov-error');
    expect(error.detail.code).to.equal('JOIN_TIMED_OUT');
    expect(error.detail.message).to.contain('application server');
    expect(providerSignal?.aborted, 'the provider is told to stop').to.equal(true);
    parent.remove();
  }).timeout(30000);

  it('no token-url, token or tokenProvider: NO_TOKEN_SOURCE', async () => {
    const parent = await stage();
    const room = addRoom(parent, { sessionId: 's', name: 'Ana', tokenUrl: '' });
    const error = await oneEvent(room, 'ov-error');
    expect(error.detail.code).to.equal('NO_TOKEN_SOURCE');
    parent.remove();
  });

  it('a literal token is used once: joining again asks for a fresh one (TOKEN_ALREADY_USED)', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('literal');
    const first = await executeServerCommand('ov-server', { action: 'token', sessionId }) as { token: string };
    const room = addRoom(parent, { sessionId, name: 'Ana', tokenUrl: '' });
    room.token = first.token;
    await oneEvent(room, 'ov-joined');
    await room.leave();
    const error = oneEvent(room, 'ov-error');
    void room.join();
    expect((await error).detail.code).to.equal('TOKEN_ALREADY_USED');
    const second = await executeServerCommand('ov-server', { action: 'token', sessionId }) as { token: string };
    const joined = oneEvent(room, 'ov-joined');
    room.token = second.token;
    await room.updateComplete;
    await room.join();
    await joined;
    parent.remove();
  });

  it('a tokenProvider gets the request; giving it a new function (as every React render does) does not rejoin', async () => {
    const parent = await stage();
    const sessionId = uniqueSessionId('provider');
    const requests: unknown[] = [];
    const room = addRoom(parent, { sessionId, name: 'Ana', tokenUrl: '' });
    const provider = async (request: { sessionId: string }) => {
      requests.push(request);
      return ((await executeServerCommand('ov-server', { action: 'token', sessionId: request.sessionId })) as { token: string }).token;
    };
    room.tokenProvider = provider;
    let joins = 0;
    room.addEventListener('ov-joined', () => joins++);
    await oneEvent(room, 'ov-joined');
    expect(requests).to.deep.equal([{ sessionId, participantName: 'Ana', kind: 'camera' }]);
    room.tokenProvider = (request) => provider(request); // a new function, same meaning
    room.tokenRequestInit = { headers: { 'X-Render': '2' } };
    await room.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(joins).to.equal(1);
    expect(room.state.status).to.equal('joined');
    expect(await activeConnections(sessionId)).to.have.length(1);
    parent.remove();
  });

  it('"Try again" after fixing the input joins', async () => {
    const { parent, room } = await failingRoom(`${TOKEN_FIXTURE_URL}/error-500`, 'TOKEN_ENDPOINT_HTTP_ERROR');
    room.tokenUrl = `${OV_SERVER_URL}/api`;
    await room.updateComplete;
    const joined = oneEvent(room, 'ov-joined');
    button(room, 'Try again').click();
    await joined;
    expect(room.state.error).to.equal(undefined);
    parent.remove();
  });
});
