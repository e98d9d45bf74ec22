// The media verdicts of the pre-call check, from stats reports of networks this machine does not have (a TURN
// relay, TCP only): the same standard fields Chromium reports, as getStats returns them.
import { expect } from '@open-wc/testing';
import { bitrates, mediaWarning, readMediaPath } from '../../src/core/diagnostics-stats.js';

function report(localCandidate: Record<string, unknown>, extra: Record<string, unknown>[] = []): Map<string, unknown> {
  const stats = [
    { id: 'T1', type: 'transport', selectedCandidatePairId: 'CP1', timestamp: 1000 },
    { id: 'CP1', type: 'candidate-pair', state: 'succeeded', nominated: true, localCandidateId: 'L1', remoteCandidateId: 'R1', currentRoundTripTime: 0.042, timestamp: 1000 },
    { id: 'L1', type: 'local-candidate', ...localCandidate },
    { id: 'R1', type: 'remote-candidate', candidateType: 'host', protocol: localCandidate.protocol ?? 'udp' },
    ...extra,
  ];
  return new Map(stats.map((stat) => [stat.id as string, stat]));
}

describe('media path from getStats', () => {
  it('direct UDP: host candidates, round trip, no warning', () => {
    const path = readMediaPath(report({ candidateType: 'host', protocol: 'udp' }));
    expect(path.candidateTypes).to.deep.equal(['host']);
    expect(path.selected).to.deep.equal({ localType: 'host', remoteType: 'host', protocol: 'udp' });
    expect(path.rttMs).to.equal(42);
    expect(mediaWarning(path)).to.equal(undefined);
  });

  it('only through a TURN relay: MEDIA_RELAYED, with the transport to the relay', () => {
    const path = readMediaPath(report({ candidateType: 'relay', protocol: 'udp', relayProtocol: 'tls' }));
    expect(path.selected).to.deep.include({ localType: 'relay', protocol: 'tls' });
    expect(mediaWarning(path)).to.equal('MEDIA_RELAYED');
  });

  it('over TCP: MEDIA_OVER_TCP', () => {
    const path = readMediaPath(report({ candidateType: 'srflx', protocol: 'tcp' }));
    expect(path.candidateTypes).to.deep.equal(['srflx']);
    expect(mediaWarning(path)).to.equal('MEDIA_OVER_TCP');
  });

  it('bitrates between two readings', () => {
    const before = readMediaPath(report({ candidateType: 'host' }, [{ id: 'I', type: 'inbound-rtp', bytesReceived: 0, timestamp: 1000 }]));
    const after = readMediaPath(report({ candidateType: 'host' }, [{ id: 'I', type: 'inbound-rtp', bytesReceived: 50_000, framesDecoded: 30, timestamp: 3000 }, { id: 'O', type: 'outbound-rtp', bytesSent: 25_000 }]));
    expect(bitrates(before, after)).to.deep.equal({ receivedKbps: 200, sentKbps: 100 });
    expect(after.framesDecoded).to.equal(30);
  });
});
