// The media path: a tiny SFU on werift (pure TypeScript WebRTC). A publisher's browser sends VP8 and Opus to a
// PublisherEndpoint; each SubscriberEndpoint answers a subscriber's receive offer with send-only tracks for the kinds
// the offer asks for (an offer with only audio gets only audio) and gets every RTP packet of those kinds. Keyframes
// are requested from the publisher when a subscriber connects and whenever a subscriber asks for one (PLI), so late
// joiners see video at once. A stream's media may also come from a synthetic participant (bots.ts): anything that
// is a MediaSource can feed subscribers.
import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { networkInterfaces } from 'node:os';
import { MediaStreamTrack, RTCPeerConnection, useNACK, useOPUS, usePLI, useVP8 } from 'werift';
import type { RTCPeerConnectionConfig, RTCRtpReceiver, RtpPacket } from 'werift';

interface Nacl {
  box: { keyPair: () => { publicKey: Uint8Array; secretKey: Uint8Array } };
  scalarMult: (secret: Uint8Array, point: Uint8Array) => Uint8Array;
}

/**
 * werift's DTLS makes the X25519 key of every handshake with tweetnacl, in JavaScript: 3 ms of the event loop on an
 * idle machine, 25 ms on a busy one, for every subscription (a page turn of nine tiles makes nine, and a turn waits
 * for the last). Node's own X25519 (OpenSSL) takes microseconds. werift calls tweetnacl through its module object,
 * so the two functions it uses are replaced there, with the same inputs and outputs (32-byte keys; the scalar is
 * clamped by both).
 */
function nativeX25519(): void {
  const nacl = createRequire(createRequire(import.meta.url).resolve('werift'))('tweetnacl') as Nacl;
  if ((nacl as { native?: true }).native) return;
  const PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');
  const SPKI = Buffer.from('302a300506032b656e032100', 'hex');
  // A copy with its own 32-byte ArrayBuffer: werift reads the keys' `.buffer`.
  const own = (bytes: Uint8Array) => new Uint8Array(bytes);
  nacl.box.keyPair = Object.assign(() => {
    const { privateKey, publicKey } = generateKeyPairSync('x25519');
    return {
      secretKey: own(privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8.length)),
      publicKey: own(publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI.length)),
    };
  }, nacl.box.keyPair);
  nacl.scalarMult = Object.assign((secret: Uint8Array, point: Uint8Array) => {
    try {
      return own(
        diffieHellman({
          privateKey: createPrivateKey({ key: Buffer.concat([PKCS8, secret]), format: 'der', type: 'pkcs8' }),
          publicKey: createPublicKey({ key: Buffer.concat([SPKI, point]), format: 'der', type: 'spki' }),
        }),
      );
    } catch {
      // A low-order key from a broken peer: Node throws where tweetnacl gives zeros and the handshake just fails.
      return new Uint8Array(32);
    }
  }, nacl.scalarMult);
  (nacl as { native?: true }).native = true;
}
nativeX25519();

export interface MediaOptions {
  /** The one IPv4 address the peer connections listen on and announce. */
  address: string;
  /** Answer ICE checks only from this machine's own addresses (the server listens on loopback). */
  thisMachineOnly: boolean;
}

export type Kind = 'audio' | 'video';

/** Where a stream's media comes from: a browser's peer connection, or a bot's clip (bots.ts). */
export interface MediaSource {
  readonly subscribers: Set<SubscriberEndpoint>;
  readonly closed: boolean;
  /** RTP packets received from a browser (0 for a bot), for tests and the benchmark. */
  readonly packetsReceived: number;
  /** A subscriber needs a keyframe (it just connected, or lost a picture). */
  requestKeyframe(): void;
  onClosed(listener: () => void): void;
  close(): Promise<void>;
}

export interface IceCandidateInit {
  candidate: string;
  sdpMid?: string;
  sdpMLineIndex?: number;
}

let addresses: { at: number; list: { address: string; internal: boolean }[] } | undefined;

/** This machine's IPv4 addresses, read again after a second (ICE asks for every check; reading them costs). */
function ipv4Addresses(): { address: string; internal: boolean }[] {
  const now = Date.now();
  if (!addresses || now - addresses.at > 1000) {
    const list = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info?.family === 'IPv4')
      .map((info) => ({ address: info!.address, internal: info!.internal }));
    addresses = { at: now, list };
  }
  return addresses.list;
}

/**
 * Where media flows when nobody chose: this machine's first network address, else loopback. Firefox gathers no
 * loopback candidate and pairs none of its own with the server's loopback one (unless media.peerconnection.ice.
 * loopback is set, which no user does), while a page on this machine reaches its own network address like any
 * other. Read for each peer connection, so a laptop that changes networks keeps working.
 */
export function defaultMediaAddress(): string {
  return ipv4Addresses().find((info) => !info.internal)?.address ?? '127.0.0.1';
}

/** Whether `address` belongs to this machine (loopback or one of its interfaces). */
export function isThisMachine(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || ipv4Addresses().some((info) => info.address === v4);
}

function peerConfig({ address, thisMachineOnly }: MediaOptions): RTCPeerConnectionConfig {
  return {
    // VP8 and Opus only: every browser offers both, and publisher and subscribers then share one codec, so RTP
    // can be forwarded without transcoding (the sender rewrites SSRC and payload type).
    codecs: {
      audio: [useOPUS()],
      video: [useVP8({ rtcpFeedback: [useNACK(), usePLI()] })],
    },
    headerExtensions: { audio: [], video: [] },
    // ICE-lite on one address: no STUN queries (none can succeed offline) and no 5 s gathering stalls.
    iceLite: true,
    iceServers: [],
    iceUseIpv6: false,
    iceAdditionalHostAddresses: [address],
    iceInterfaceAddresses: { udp4: address },
    // A media socket on the LAN address of a loopback server still serves this machine's pages only.
    iceFilterStunResponse: thisMachineOnly ? (_message, [host]) => isThisMachine(host) : undefined,
  };
}

/**
 * werift also announces the machine's other addresses on sockets bound to `address` (they cannot receive
 * anything): a browser that pairs with one of those never connects (Firefox, which skips loopback, did exactly
 * that). Only candidates on the address really listened on stay.
 */
function keepCandidatesOn(sdp: string, address: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') || line.split(' ')[4] === address)
    .join('\r\n');
}

async function waitForGathering(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') {
        unSubscribe();
        resolve();
      }
    });
  });
}

async function answer(pc: RTCPeerConnection, address: string): Promise<string> {
  const description = await pc.createAnswer();
  await pc.setLocalDescription(description);
  await waitForGathering(pc);
  const sdp = pc.localDescription?.sdp;
  if (!sdp) throw new Error('no local description');
  return keepCandidatesOn(sdp, address);
}

function checkOffer(sdp: unknown): string {
  if (typeof sdp !== 'string' || !sdp.startsWith('v=0')) throw new Error('The SDP offer is not a valid session description');
  if (!/\nm=(audio|video) /.test(sdp)) throw new Error('The SDP offer has no audio or video section');
  return sdp;
}

/** Negotiation never hangs a client's request queue: werift gets this long to answer. */
const NEGOTIATION_TIMEOUT_MS = 10_000;

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), NEGOTIATION_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Makes every audio and video transceiver of an answered offer send a track of its own (`direction`), and relays
 * the browser's keyframe requests on them to `onPictureLoss`.
 */
async function addSendingTracks(
  pc: RTCPeerConnection,
  direction: 'sendonly' | 'sendrecv',
  onPictureLoss: () => void,
): Promise<Map<Kind, MediaStreamTrack>> {
  const tracks = new Map<Kind, MediaStreamTrack>();
  for (const transceiver of pc.getTransceivers()) {
    const kind = transceiver.kind as Kind;
    if (kind !== 'audio' && kind !== 'video') continue;
    const track = new MediaStreamTrack({ kind });
    tracks.set(kind, track);
    transceiver.setDirection(direction);
    await transceiver.sender.replaceTrack(track);
    transceiver.sender.onPictureLossIndication.subscribe(onPictureLoss);
  }
  return tracks;
}

function writeTo(tracks: Map<Kind, MediaStreamTrack>, kind: Kind, packet: RtpPacket): void {
  try {
    tracks.get(kind)?.writeRtp(packet);
  } catch {
    // a sender that is being torn down may refuse packets
  }
}

/** One closable WebRTC endpoint: the server side of one browser peer connection. */
abstract class Endpoint {
  protected readonly pc: RTCPeerConnection;
  closed = false;
  private readonly closeListeners: (() => void)[] = [];
  private closedPromise: Promise<void> | undefined;

  constructor(protected readonly options: MediaOptions) {
    this.pc = new RTCPeerConnection(peerConfig(options));
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') void this.close();
    });
  }

  get connectionState(): string {
    return this.pc.connectionState;
  }

  /**
   * From now on nothing reaches or leaves this endpoint's sockets, as when a firewall closes the media ports in
   * the middle of a call: no answers to ICE checks, no RTP, RTCP or DTLS either way (testControl `block-media`).
   */
  block(): void {
    for (const transport of this.pc.iceTransports) {
      // werift keeps its sockets private: each ICE protocol's UDP transport.
      const ice = transport.connection as unknown as { protocols: { transport?: { onData: unknown; send: unknown } }[] };
      for (const protocol of ice.protocols) {
        if (!protocol.transport) continue;
        protocol.transport.onData = () => {};
        protocol.transport.send = async () => {};
      }
    }
  }

  async addIceCandidate(candidate: IceCandidateInit): Promise<void> {
    if (this.closed) return;
    // Browsers trickle their candidates; the ICE-lite side only needs them to accept the browser's checks, and it
    // learns every address from the checks themselves. A browser's mDNS name (Firefox's and Chrome's host
    // candidates: "<uuid>.local") would have werift ask the network for 10 s, holding up this client's requests.
    if (/^\S+\.local$/i.test(candidate.candidate.split(' ')[4] ?? '')) return;
    await this.pc.addIceCandidate({
      candidate: candidate.candidate,
      sdpMid: candidate.sdpMid,
      sdpMLineIndex: candidate.sdpMLineIndex,
    });
  }

  /** Runs `listener` once when the endpoint closes, for whatever reason. */
  onClosed(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  close(): Promise<void> {
    this.closedPromise ??= (async () => {
      this.closed = true;
      this.closing();
      for (const listener of this.closeListeners.splice(0)) listener();
      try {
        await this.pc.close();
      } catch {
        // closing a half-negotiated peer connection may throw inside werift; it is closed either way
      }
    })();
    return this.closedPromise;
  }

  protected abstract closing(): void;
}

/** Receives one published stream from a browser. */
export class PublisherEndpoint extends Endpoint implements MediaSource {
  private readonly receivers = new Map<Kind, { receiver: RTCRtpReceiver; track: MediaStreamTrack }>();
  readonly subscribers = new Set<SubscriberEndpoint>();
  private lastPli = 0;
  private pliTimer: NodeJS.Timeout | undefined;
  /** RTP packets received, for tests and the benchmark. */
  packetsReceived = 0;
  /**
   * With `doLoopback` (openvidu-browser's `publisher.subscribeToRemote()`), the publisher's own media is sent back
   * on the same peer connection, as Kurento connects a loopback publisher's endpoint to itself.
   */
  private loopbackTracks = new Map<Kind, MediaStreamTrack>();

  private constructor(options: MediaOptions) {
    super(options);
    this.pc.ontrack = (event) => {
      const track = event.track as MediaStreamTrack;
      const kind = track.kind as Kind;
      this.receivers.set(kind, { receiver: event.receiver, track });
      track.onReceiveRtp.subscribe((rtp) => this.forward(kind, rtp));
      if (kind === 'video' && (this.subscribers.size > 0 || this.loopbackTracks.size > 0)) this.requestKeyframe();
    };
  }

  /** Answers a publisher's send-only offer, or its send-receive offer when it asked for its media back. */
  static async create(options: MediaOptions, offer: unknown, loopback = false): Promise<{ endpoint: PublisherEndpoint; sdpAnswer: string }> {
    const endpoint = new PublisherEndpoint(options);
    try {
      const sdpAnswer = await withTimeout(
        (async () => {
          await endpoint.pc.setRemoteDescription({ type: 'offer', sdp: checkOffer(offer) });
          if (loopback) endpoint.loopbackTracks = await addSendingTracks(endpoint.pc, 'sendrecv', () => endpoint.requestKeyframe());
          return answer(endpoint.pc, options.address);
        })(),
        'Answering the publisher',
      );
      return { endpoint, sdpAnswer };
    } catch (error) {
      await endpoint.close();
      throw error;
    }
  }

  private forward(kind: Kind, rtp: RtpPacket): void {
    this.packetsReceived += 1;
    if (this.subscribers.size === 0 && this.loopbackTracks.size === 0) return;
    // The publisher's header extensions use the publisher's ids; subscribers negotiated none.
    const packet = rtp.clone();
    packet.header.extensions = [];
    for (const subscriber of this.subscribers) subscriber.write(kind, packet);
    if (!this.closed) writeTo(this.loopbackTracks, kind, packet);
  }

  /** Asks the publisher for a keyframe, at most every 200 ms (a trailing request is kept). */
  requestKeyframe(): void {
    if (this.closed) return;
    const now = Date.now();
    const wait = this.lastPli + 200 - now;
    if (wait > 0) {
      this.pliTimer ??= setTimeout(() => {
        this.pliTimer = undefined;
        this.requestKeyframe();
      }, wait);
      return;
    }
    this.lastPli = now;
    const video = this.receivers.get('video');
    if (video?.track.ssrc !== undefined) video.receiver.sendRtcpPLI(video.track.ssrc).catch(() => {});
  }

  protected closing(): void {
    clearTimeout(this.pliTimer);
    for (const subscriber of [...this.subscribers]) void subscriber.close();
    for (const track of this.loopbackTracks.values()) track.stop();
  }
}

/** Sends one published stream to one subscribing browser. */
export class SubscriberEndpoint extends Endpoint {
  private readonly tracks = new Map<Kind, MediaStreamTrack>();
  /** RTP packets handed to the browser's tracks, per kind, for tests and the benchmark. */
  readonly packetsForwarded: Record<Kind, number> = { audio: 0, video: 0 };

  private constructor(
    options: MediaOptions,
    public source: MediaSource,
  ) {
    super(options);
  }

  /** The kinds this subscription sends: what the subscriber's offer asked to receive. */
  get kinds(): Kind[] {
    return [...this.tracks.keys()];
  }

  sends(kind: Kind): boolean {
    return this.tracks.has(kind);
  }

  /** Follows a stream whose publisher re-negotiated its peer connection. */
  moveTo(source: MediaSource): void {
    this.source.subscribers.delete(this);
    this.source = source;
    if (!this.closed) source.subscribers.add(this);
  }

  /**
   * Answers a subscriber's receive offer. Each audio or video section the offer wants to receive (recvonly or
   * sendrecv) gets a send-only track fed by the source; any other section is answered inactive. So an offer with
   * only an audio section, which is how openvidu-browser asks for a stream without video, gets audio and no video
   * packets, as Kurento answers it.
   */
  static async create(
    options: MediaOptions,
    source: MediaSource,
    offer: unknown,
  ): Promise<{ endpoint: SubscriberEndpoint; sdpAnswer: string }> {
    const endpoint = new SubscriberEndpoint(options, source);
    try {
      await withTimeout(endpoint.pc.setRemoteDescription({ type: 'offer', sdp: checkOffer(offer) }), 'Reading the subscriber offer');
      for (const transceiver of endpoint.pc.getTransceivers()) {
        const kind = transceiver.kind as Kind;
        // offerDirection is the offer's direction seen from here: the browser receives what we may send.
        const wanted = transceiver.offerDirection === 'sendonly' || transceiver.offerDirection === 'sendrecv';
        if ((kind !== 'audio' && kind !== 'video') || !wanted || endpoint.tracks.has(kind)) {
          transceiver.setDirection('inactive');
          continue;
        }
        const track = new MediaStreamTrack({ kind });
        endpoint.tracks.set(kind, track);
        transceiver.setDirection('sendonly');
        await transceiver.sender.replaceTrack(track);
        // A subscriber that lost a frame or just started decoding asks for a keyframe: ask the source.
        if (kind === 'video') transceiver.sender.onPictureLossIndication.subscribe(() => endpoint.source.requestKeyframe());
      }
      const sdpAnswer = await withTimeout(answer(endpoint.pc, options.address), 'Answering the subscriber');
      if (source.closed) throw new Error('The stream was unpublished');
      source.subscribers.add(endpoint);
      endpoint.pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected' && endpoint.sends('video')) endpoint.source.requestKeyframe();
      });
      return { endpoint, sdpAnswer };
    } catch (error) {
      await endpoint.close();
      throw error;
    }
  }

  write(kind: Kind, packet: RtpPacket): void {
    const track = this.tracks.get(kind);
    // Before DTLS is up werift would drop the packet anyway.
    if (!track || this.closed || this.pc.connectionState !== 'connected') return;
    try {
      track.writeRtp(packet);
      this.packetsForwarded[kind] += 1;
    } catch {
      // a sender that is being torn down may refuse packets
    }
  }

  protected closing(): void {
    this.source.subscribers.delete(this);
    for (const track of this.tracks.values()) track.stop();
  }
}
