import { expect } from '@open-wc/testing';
import { connectionIdOf, join, leaveAll, once, serverControl, uniqueSessionId, videoPlaying } from './helpers.js';

describe('local OpenVidu server: calls with openvidu-browser', () => {
  afterEach(leaveAll);

  it('two participants publish and each sees the other\'s video playing', async () => {
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
});
