import { expect } from '@open-wc/testing';
import { Roster } from '../../src/core/participants.js';

describe('Roster', () => {
  it('keys participants by participant id: camera and screen connections are one participant', () => {
    const roster = new Roster();
    roster.addLocal('me', 'Ana', 'con_me');
    const camera = roster.addConnection('con_a', '{"clientData":"Olga","participantId":"olga","type":"CAMERA"}')!;
    const screen = roster.addConnection('con_b', '{"clientData":"Olga_SCREEN","participantId":"olga","type":"SCREEN"}')!;
    expect(camera.isNew).to.equal(true);
    expect(screen.isNew).to.equal(false);
    expect(screen.member).to.equal(camera.member);
    expect(roster.list().map((m) => [m.participantId, m.name, m.camera?.connectionId, m.screen?.connectionId])).to.deep.equal([
      ['me', 'Ana', 'con_me', undefined],
      ['olga', 'Olga', 'con_a', 'con_b'],
    ]);
  });

  it('a screen that arrives first lends its name until the camera comes; the participant goes with its last connection', () => {
    const roster = new Roster();
    roster.addConnection('con_s', '{"clientData":"Bo_SCREEN","participantId":"bo","type":"SCREEN"}');
    expect(roster.get('bo')!.name).to.equal('Bo');
    roster.addConnection('con_c', '{"clientData":"Bo Li","participantId":"bo","type":"CAMERA"}');
    expect(roster.get('bo')!.name).to.equal('Bo Li');
    expect(roster.removeConnection('con_s')).to.deep.include({ type: 'SCREEN', gone: false });
    expect(roster.get('bo')!.screen).to.equal(undefined);
    expect(roster.removeConnection('con_c')).to.deep.include({ type: 'CAMERA', gone: true });
    expect(roster.size).to.equal(0);
    expect(roster.removeConnection('con_c')).to.equal(undefined);
  });

  it('clients that send no participant id (the tutorials) are keyed by connection id', () => {
    const roster = new Roster();
    roster.addConnection('con_1', '{"clientData":"Ana"}');
    roster.addConnection('con_2', '{"clientData":"Ana"}');
    expect(roster.list().map((m) => m.participantId)).to.deep.equal(['con_1', 'con_2']);
  });

  it("leaves out <ov-diagnostics>' test participant: nobody is listed for it", () => {
    const roster = new Roster();
    expect(roster.addConnection('con_t', '{"clientData":"openvidu-elements diagnostics","participantId":"t","type":"CAMERA","diagnostics":true}')).to.equal(undefined);
    expect(roster.size).to.equal(0);
    expect(roster.byConnection('con_t')).to.equal(undefined);
  });
});
