import { expect } from '@open-wc/testing';
import {
  connectionIdOf,
  join,
  leave,
  leaveAll,
  once,
  publish,
  quietly,
  remoteConnection,
  rest,
  serverControl,
  uniqueSessionId,
  videoPlaying,
  waitFor,
} from './helpers.js';

describe('local OpenVidu server: signaling with openvidu-browser', () => {
  afterEach(leaveAll);

  describe('stream properties', () => {
    it('muting and unmuting the microphone reaches the other side as booleans', async () => {
      const sessionId = uniqueSessionId('mute');
      const ana = await join(sessionId, 'Ana');
      const ben = await join(sessionId, 'Ben', { publish: false });
      await videoPlaying(ben, connectionIdOf(ana));
      let changed = once(ben.session, 'streamPropertyChanged');
      ana.publisher!.publishAudio(false);
      let event = await changed;
      expect(event.changedProperty).to.equal('audioActive');
      expect(event.newValue).to.equal(false);
      expect(event.reason).to.equal('publishAudio');
      expect(event.stream.audioActive).to.equal(false);
      changed = once(ben.session, 'streamPropertyChanged');
      ana.publisher!.publishAudio(true);
      event = await changed;
      expect(event.newValue).to.equal(true);
      expect(event.stream.audioActive).to.equal(true);
    });

    it('turning the camera off and on reaches the other side, and the REST API shows it', async () => {
      const sessionId = uniqueSessionId('video');
      const ana = await join(sessionId, 'Ana');
      const ben = await join(sessionId, 'Ben', { publish: false });
      await videoPlaying(ben, connectionIdOf(ana));
      const changed = once(ben.session, 'streamPropertyChanged');
      ana.publisher!.publishVideo(false);
      const event = await changed;
      expect(event.changedProperty).to.equal('videoActive');
      expect(event.newValue).to.equal(false);
      const connection = await (await rest('GET', `/sessions/${sessionId}/connection/${connectionIdOf(ana)}`)).json();
      expect(connection.publishers[0].mediaOptions.videoActive).to.equal(false);
      expect(connection.publishers[0].mediaOptions.audioActive).to.equal(true);
    });
  });

  describe('signals', () => {
    it('a broadcast signal reaches everyone, the sender included, with its type, data and sender', async () => {
      const sessionId = uniqueSessionId('signal');
      const ana = await join(sessionId, 'Ana', { publish: false });
      const ben = await join(sessionId, 'Ben', { publish: false });
      const atAna = once(ana.session, 'signal:chat');
      const atBen = once(ben.session, 'signal:chat');
      await ana.session.signal({ type: 'chat', data: 'hello' });
      for (const event of [await atAna, await atBen]) {
        expect(event.type).to.equal('signal:chat');
        expect(event.data).to.equal('hello');
        expect(event.from.connectionId).to.equal(connectionIdOf(ana));
      }
    });

    it('a signal with `to` reaches only those connections', async () => {
      const sessionId = uniqueSessionId('to');
      const ana = await join(sessionId, 'Ana', { publish: false });
      const ben = await join(sessionId, 'Ben', { publish: false });
      const cai = await join(sessionId, 'Cai', { publish: false });
      const atCai: string[] = [];
      cai.session.on('signal', (e: any) => atCai.push(e.data));
      const atBen = once(ben.session, 'signal');
      const benConnection = await remoteConnection(ana, ben);
      await ana.session.signal({ data: 'for Ben', to: [benConnection] });
      expect((await atBen).data).to.equal('for Ben');
      // Signals keep their order per receiver: the broadcast that follows is the first thing Cai gets.
      const broadcast = once(cai.session, 'signal');
      await ana.session.signal({ data: 'for all' });
      await broadcast;
      expect(atCai).to.deep.equal(['for all']);
    });

    it('a signal from the REST API reaches the clients without a sender', async () => {
      const sessionId = uniqueSessionId('restsignal');
      const ana = await join(sessionId, 'Ana', { publish: false });
      const received = once(ana.session, 'signal:notice');
      const response = await rest('POST', '/signal', { session: sessionId, type: 'notice', data: 'from the server' });
      expect(response.status).to.equal(200);
      const event = await received;
      expect(event.data).to.equal('from the server');
      expect(event.from).to.equal(undefined);
    });
  });

  describe('unpublish and leave', () => {
    it('unpublishing destroys the stream for the others, and publishing again shows video again', async () => {
      const sessionId = uniqueSessionId('unpub');
      const ana = await join(sessionId, 'Ana');
      const ben = await join(sessionId, 'Ben', { publish: false });
      await videoPlaying(ben, connectionIdOf(ana));
      const destroyed = once(ben.session, 'streamDestroyed');
      ana.session.unpublish(ana.publisher!);
      expect((await destroyed).reason).to.equal('unpublish');
      await waitFor(async () => (await serverControl({ action: 'state' })).media.peerConnections === 0, 'peer connections to close');
      const created = once(ben.session, 'streamCreated');
      await publish(ana);
      await created;
      await videoPlaying(ben, connectionIdOf(ana));
    });

    it('leaving destroys the stream and the connection for the others (reason "disconnect")', async () => {
      const sessionId = uniqueSessionId('leave');
      const ana = await join(sessionId, 'Ana');
      const ben = await join(sessionId, 'Ben', { publish: false });
      await videoPlaying(ben, connectionIdOf(ana));
      const streamDestroyed = once(ben.session, 'streamDestroyed');
      const connectionDestroyed = once(ben.session, 'connectionDestroyed');
      await leave(ana);
      expect((await streamDestroyed).reason).to.equal('disconnect');
      const event = await connectionDestroyed;
      expect(event.reason).to.equal('disconnect');
      expect(event.connection.connectionId).not.to.equal(connectionIdOf(ben));
    });

    it('the last one to leave closes the session', async () => {
      const sessionId = uniqueSessionId('last');
      const ana = await join(sessionId, 'Ana', { publish: false });
      await leave(ana);
      await waitFor(async () => (await rest('GET', `/sessions/${sessionId}`)).status === 404, 'the session to close');
    });
  });

  describe('moderation', () => {
    it('a moderator force-disconnects someone: they get sessionDisconnected, the others connectionDestroyed', async () => {
      const sessionId = uniqueSessionId('fd');
      const mod = await join(sessionId, 'Mod', { role: 'MODERATOR', publish: false });
      const ana = await join(sessionId, 'Ana');
      const ben = await join(sessionId, 'Ben', { publish: false });
      await videoPlaying(ben, connectionIdOf(ana));
      const disconnected = once(ana.session, 'sessionDisconnected');
      const destroyed = once(ben.session, 'connectionDestroyed');
      await mod.session.forceDisconnect(await remoteConnection(mod, ana));
      expect((await disconnected).reason).to.equal('forceDisconnectByUser');
      expect((await destroyed).reason).to.equal('forceDisconnectByUser');
    });

    it('a publisher may not force-disconnect: OPENVIDU_PERMISSION_DENIED', async () => {
      const sessionId = uniqueSessionId('fd401');
      const ana = await join(sessionId, 'Ana', { publish: false });
      const ben = await join(sessionId, 'Ben', { publish: false });
      const error = await quietly(() =>
        remoteConnection(ana, ben).then((connection) => ana.session.forceDisconnect(connection)).then(
          () => undefined,
          (e: any) => e,
        ),
      );
      expect(error?.name).to.equal('OPENVIDU_PERMISSION_DENIED');
    });

    it('a moderator force-unpublishes a stream: the publisher and the others lose it', async () => {
      const sessionId = uniqueSessionId('fu');
      const mod = await join(sessionId, 'Mod', { role: 'MODERATOR', publish: false });
      const ana = await join(sessionId, 'Ana');
      await videoPlaying(mod, connectionIdOf(ana));
      const ownDestroyed = once(ana.publisher!, 'streamDestroyed');
      const destroyed = once(mod.session, 'streamDestroyed');
      await mod.session.forceUnpublish((await remoteConnection(mod, ana)).stream!);
      expect((await ownDestroyed).reason).to.equal('forceUnpublishByUser');
      expect((await destroyed).reason).to.equal('forceUnpublishByUser');
    });

    it('a publisher may not force-unpublish: OPENVIDU_PERMISSION_DENIED', async () => {
      const sessionId = uniqueSessionId('fu401');
      const ana = await join(sessionId, 'Ana');
      const ben = await join(sessionId, 'Ben', { publish: false });
      await videoPlaying(ben, connectionIdOf(ana));
      const error = await quietly(() =>
        remoteConnection(ben, ana).then((connection) => ben.session.forceUnpublish(connection.stream!)).then(
          () => undefined,
          (e: any) => e,
        ),
      );
      expect(error?.name).to.equal('OPENVIDU_PERMISSION_DENIED');
    });

    it('the REST API evicts a connection and closes a session', async () => {
      const sessionId = uniqueSessionId('restevict');
      const ana = await join(sessionId, 'Ana', { publish: false });
      const ben = await join(sessionId, 'Ben', { publish: false });
      const anaGone = once(ana.session, 'sessionDisconnected');
      expect((await rest('DELETE', `/sessions/${sessionId}/connection/${connectionIdOf(ana)}`)).status).to.equal(204);
      expect((await anaGone).reason).to.equal('forceDisconnectByServer');
      const benGone = once(ben.session, 'sessionDisconnected');
      expect((await rest('DELETE', `/sessions/${sessionId}`)).status).to.equal(204);
      expect((await benGone).reason).to.equal('sessionClosedByServer');
    });
  });

  describe('network trouble', () => {
    it('a dropped WebSocket reconnects through `connect`: reconnecting, reconnected, and the call goes on', async () => {
      const sessionId = uniqueSessionId('drop');
      const ana = await join(sessionId, 'Ana');
      const ben = await join(sessionId, 'Ben');
      await videoPlaying(ben, connectionIdOf(ana));
      const reconnecting = once(ana.session, 'reconnecting');
      const reconnected = once(ana.session, 'reconnected');
      await quietly(async () => {
        await serverControl({ action: 'drop-socket', connectionId: connectionIdOf(ana) });
        await reconnecting;
        await reconnected;
      });
      // Signals still flow both ways on the new socket, and the video never stopped.
      const atAna = once(ana.session, 'signal:after');
      await ben.session.signal({ type: 'after', data: 'still here' });
      expect((await atAna).data).to.equal('still here');
      await videoPlaying(ben, connectionIdOf(ana));
      const state = await serverControl({ action: 'state' });
      const session = state.sessions.find((s: any) => s.sessionId === sessionId);
      expect(session.connections.filter((c: any) => c.status === 'active')).to.have.length(2);
    });

    it('a server that stops answering pings makes the client reconnect', async () => {
      const sessionId = uniqueSessionId('ping');
      const ana = await join(sessionId, 'Ana', { publish: false });
      const reconnected = once(ana.session, 'reconnected');
      await quietly(async () => {
        await serverControl({ action: 'ignore-pings', connectionId: connectionIdOf(ana) });
        await reconnected;
      });
      const signal = once(ana.session, 'signal');
      await ana.session.signal({ data: 'ok' });
      expect((await signal).data).to.equal('ok');
    }).timeout(25000);

    it('a participant cut off for good leaves with reason "networkDisconnect"', async () => {
      const sessionId = uniqueSessionId('netdown');
      const ana = await join(sessionId, 'Ana');
      const ben = await join(sessionId, 'Ben', { publish: false });
      await videoPlaying(ben, connectionIdOf(ana));
      const destroyed = once(ben.session, 'connectionDestroyed');
      const anaDisconnected = once(ana.session, 'sessionDisconnected');
      await quietly(async () => {
        await serverControl({ action: 'drop-socket', connectionId: connectionIdOf(ana), reconnect: false });
        expect((await destroyed).reason).to.equal('networkDisconnect');
        // Ana's client comes back, `connect` fails with 40007, and it gives up.
        expect((await anaDisconnected).reason).to.equal('networkDisconnect');
      });
    });
  });
});
