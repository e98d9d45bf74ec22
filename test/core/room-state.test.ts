import { expect } from '@open-wc/testing';
import { participantNameFromData } from '../../src/core/room-state.js';

describe('participantNameFromData', () => {
  it('reads the tutorials\' {"clientData": name}', () => {
    expect(participantNameFromData('{"clientData":"Ana"}')).to.equal('Ana');
  });

  it('prefers the client data when openvidu-server joined client and server data with %/%', () => {
    expect(participantNameFromData('{"clientData":"Ana"}%/%{"name":"server-side name"}')).to.equal('Ana');
    expect(participantNameFromData('%/%{"name":"Set by the server"}')).to.equal('Set by the server');
  });

  it('accepts other common field names, JSON strings and plain text', () => {
    expect(participantNameFromData('{"participantName":"Ben"}')).to.equal('Ben');
    expect(participantNameFromData('{"username":"cai"}')).to.equal('cai');
    expect(participantNameFromData('"Dee"')).to.equal('Dee');
    expect(participantNameFromData('Eve')).to.equal('Eve');
  });

  it('gives an empty name when there is none', () => {
    expect(participantNameFromData(undefined)).to.equal('');
    expect(participantNameFromData('')).to.equal('');
    expect(participantNameFromData('{"role":"x"}')).to.equal('');
  });
});
