/**
 * What a peer connection's `getStats()` says about the media path of the pre-call check: which ICE candidate types
 * worked (host, srflx, relay), over UDP or TCP, the round trip, and the bitrates between two readings. Plain
 * functions over the standard stats report, so that any verdict can be tested on a report of a network this
 * machine does not have (a TURN relay, TCP only).
 */
import type { OvErrorCode } from './errors.js';

export const CANDIDATE_TYPES = ['host', 'srflx', 'prflx', 'relay'] as const;
export type CandidateType = (typeof CANDIDATE_TYPES)[number];

export interface MediaPath {
  /** Local candidate types of every pair that succeeded, in CANDIDATE_TYPES order. */
  readonly candidateTypes: readonly CandidateType[];
  /** The pair in use: its local candidate's type, and the transport (for a relay, the one to the TURN server). */
  readonly selected?: { readonly localType: CandidateType; readonly remoteType: CandidateType; readonly protocol: 'udp' | 'tcp' | 'tls' };
  /** The selected pair's current round trip in ms, when measured. */
  readonly rttMs?: number;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly framesDecoded: number;
  readonly packetsReceived: number;
  readonly timestamp: number;
}

type Stat = Record<string, unknown> & { type: string; id: string };

const asCandidateType = (value: unknown): CandidateType => ((CANDIDATE_TYPES as readonly unknown[]).includes(value) ? (value as CandidateType) : 'host');

/** Reads the media path from one stats report (RTCStatsReport is a Map of id → stats). */
export function readMediaPath(report: ReadonlyMap<string, unknown>): MediaPath {
  const stats = [...report.values()] as Stat[];
  const byId = new Map(stats.map((stat) => [stat.id, stat]));
  const pairs = stats.filter((stat) => stat.type === 'candidate-pair');
  const transport = stats.find((stat) => stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string');
  const selectedPair =
    (transport && byId.get(transport.selectedCandidatePairId as string)) ??
    pairs.find((pair) => pair.selected === true || pair.nominated === true) ??
    pairs.find((pair) => pair.state === 'succeeded');
  const types = new Set<CandidateType>();
  for (const pair of pairs) {
    if (pair.state !== 'succeeded') continue;
    const local = byId.get(pair.localCandidateId as string);
    if (local) types.add(asCandidateType(local.candidateType));
  }
  let selected: MediaPath['selected'];
  let rttMs: number | undefined;
  if (selectedPair) {
    const local = byId.get(selectedPair.localCandidateId as string);
    const remote = byId.get(selectedPair.remoteCandidateId as string);
    if (local) {
      const localType = asCandidateType(local.candidateType);
      // A relayed candidate's protocol is the relay's side; what crosses the firewall is relayProtocol.
      const transport = localType === 'relay' && typeof local.relayProtocol === 'string' ? local.relayProtocol : local.protocol;
      const raw = typeof transport === 'string' ? transport.toLowerCase() : 'udp';
      selected = { localType, remoteType: asCandidateType(remote?.candidateType), protocol: raw === 'tcp' ? 'tcp' : raw === 'tls' ? 'tls' : 'udp' };
    }
    if (typeof selectedPair.currentRoundTripTime === 'number') rttMs = Math.round(selectedPair.currentRoundTripTime * 1000);
  }
  let bytesReceived = 0;
  let bytesSent = 0;
  let framesDecoded = 0;
  let packetsReceived = 0;
  for (const stat of stats) {
    if (stat.type === 'inbound-rtp') {
      bytesReceived += Number(stat.bytesReceived ?? 0);
      packetsReceived += Number(stat.packetsReceived ?? 0);
      framesDecoded += Number(stat.framesDecoded ?? 0);
    } else if (stat.type === 'outbound-rtp') {
      bytesSent += Number(stat.bytesSent ?? 0);
    }
    // Without a measured pair round trip, the sender's view of it (RTCP) will do.
    if (rttMs === undefined && stat.type === 'remote-inbound-rtp' && typeof stat.roundTripTime === 'number') rttMs = Math.round(stat.roundTripTime * 1000);
  }
  const timestamp = Math.max(0, ...stats.map((stat) => Number(stat.timestamp ?? 0)));
  return { candidateTypes: CANDIDATE_TYPES.filter((type) => types.has(type)), selected, rttMs, bytesReceived, bytesSent, framesDecoded, packetsReceived, timestamp };
}

/** Kilobits per second between two readings of the same connection. */
export function bitrates(before: MediaPath, after: MediaPath): { readonly receivedKbps: number; readonly sentKbps: number } {
  const seconds = (after.timestamp - before.timestamp) / 1000;
  if (!(seconds > 0)) return { receivedKbps: 0, sentKbps: 0 };
  const kbps = (bytes: number) => Math.max(0, Math.round((bytes * 8) / 1000 / seconds));
  return { receivedKbps: kbps(after.bytesReceived - before.bytesReceived), sentKbps: kbps(after.bytesSent - before.bytesSent) };
}

/**
 * What a working media path is worth a warning for: only through a TURN relay (more delay, load on the server),
 * or over TCP (stutters when packets are lost). Undefined when it is direct UDP.
 */
export function mediaWarning(path: MediaPath): OvErrorCode | undefined {
  if (path.selected?.localType === 'relay' || path.selected?.remoteType === 'relay') return 'MEDIA_RELAYED';
  if (path.selected && path.selected.protocol !== 'udp') return 'MEDIA_OVER_TCP';
  return undefined;
}
