import { expect } from '@open-wc/testing';
import { connectionData, diagnosticsConnectionData, readConnectionData } from '../../src/core/connection-data.js';

describe('connection data (OpenVidu Call\'s shape)', () => {
  it('writes ours as OpenVidu Call does: the screen\'s name with _SCREEN', () => {
    expect(connectionData('Ana', 'p1', 'CAMERA')).to.deep.equal({ clientData: 'Ana', participantId: 'p1', type: 'CAMERA' });
    expect(connectionData('Ana', 'p1', 'SCREEN')).to.deep.equal({ clientData: 'Ana_SCREEN', participantId: 'p1', type: 'SCREEN' });
  });

  it('reads OpenVidu Call\'s camera and screen connections as one participant', () => {
    expect(readConnectionData('{"clientData":"Olga","participantId":"x1","type":"CAMERA"}')).to.deep.equal({ name: 'Olga', participantId: 'x1', type: 'CAMERA', diagnostics: false });
    expect(readConnectionData('{"clientData":"Olga_SCREEN","participantId":"x1","type":"SCREEN"}')).to.deep.equal({ name: 'Olga', participantId: 'x1', type: 'SCREEN', diagnostics: false });
  });

  it('reads every shape a real server sends: plain text, JSON, client%/%server', () => {
    expect(readConnectionData('Eve')).to.deep.equal({ name: 'Eve', participantId: undefined, type: 'CAMERA', diagnostics: false });
    expect(readConnectionData('"Dee"').name).to.equal('Dee');
    expect(readConnectionData('{"clientData":"Ana"}%/%{"role":"teacher"}')).to.deep.equal({ name: 'Ana', participantId: undefined, type: 'CAMERA', diagnostics: false });
    expect(readConnectionData('%/%{"name":"Set by the server","participantId":"srv"}')).to.deep.include({ name: 'Set by the server', participantId: 'srv' });
    expect(readConnectionData('{"nickname":"Kim"}').name).to.equal('Kim');
  });

  it('is lenient with what it cannot use', () => {
    expect(readConnectionData(undefined)).to.deep.equal({ name: '', participantId: undefined, type: 'CAMERA', diagnostics: false });
    expect(readConnectionData('{"type":"IPCAM","participantId":""}')).to.deep.equal({ name: '', participantId: undefined, type: 'CAMERA', diagnostics: false });
    expect(readConnectionData('{not json').name).to.equal('{not json');
    expect(readConnectionData('42').name).to.equal('');
  });

  it("marks <ov-diagnostics>' test participant, which rooms leave out", () => {
    expect(readConnectionData(JSON.stringify(diagnosticsConnectionData('t1')))).to.deep.equal({ name: 'openvidu-elements diagnostics', participantId: 't1', type: 'CAMERA', diagnostics: true });
    expect(readConnectionData('{"clientData":"Ana","diagnostics":"yes"}').diagnostics).to.equal(false);
  });
});
