// The media path: a tiny SFU on werift (pure TypeScript WebRTC). A publisher's browser sends VP8 and Opus to a
// PublisherEndpoint; each SubscriberEndpoint answers a subscriber's recvonly offer with send-only tracks and gets
// every RTP packet the publisher sends. Keyframes are requested from the publisher when a subscriber connects and
// whenever a subscriber asks for one (PLI), so late joiners see video at once.
import { MediaStreamTrack, RTCPeerConnection, useNACK, useOPUS, usePLI, useVP8 } from 'werift';
import type { RTCPeerConnectionConfig, RTCRtpReceiver, RtpPacket } from 'werift';

export interface MediaOptions {
  /** The only address the peer connections gather candidates on. Loopback by default. */
  address: string;
}

type Kind = 'audio' | 'video';

export interface IceCandidateInit {
  candidate: string;
  sdpMid?: string;
  sdpMLineIndex?: number;
}

function peerConfig(address: string): RTCPeerConnectionConfig {
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
  };
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

async function answer(pc: RTCPeerConnection): Promise<string> {
  const description = await pc.createAnswer();
  await pc.setLocalDescription(description);
  await waitForGathering(pc);
  const sdp = pc.localDescription?.sdp;
  if (!sdp) throw new Error('no local description');
  return sdp;
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

/** One closable WebRTC endpoint: the server side of one browser peer connection. */
abstract class Endpoint {
  protected readonly pc: RTCPeerConnection;
  closed = false;
  private readonly closeListeners: (() => void)[] = [];
  private closedPromise: Promise<void> | undefined;

  constructor(address: string) {
    this.pc = new RTCPeerConnection(peerConfig(address));
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') void this.close();
    });
  }

  get connectionState(): string {
    return this.pc.connectionState;
  }

  async addIceCandidate(candidate: IceCandidateInit): Promise<void> {
    if (this.closed) return;
    // Browsers trickle their candidates; the ICE-lite side only needs them to accept the browser's checks.
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
export class PublisherEndpoint extends Endpoint {
  private readonly receivers = new Map<Kind, { receiver: RTCRtpReceiver; track: MediaStreamTrack }>();
  readonly subscribers = new Set<SubscriberEndpoint>();
  private lastPli = 0;
  private pliTimer: NodeJS.Timeout | undefined;
  /** RTP packets received, for tests and the benchmark. */
  packetsReceived = 0;

  private constructor(address: string) {
    super(address);
    this.pc.ontrack = (event) => {
      const track = event.track as MediaStreamTrack;
      const kind = track.kind as Kind;
      this.receivers.set(kind, { receiver: event.receiver, track });
      track.onReceiveRtp.subscribe((rtp) => this.forward(kind, rtp));
      if (kind === 'video' && this.subscribers.size > 0) this.requestKeyframe();
    };
  }

  /** Answers a publisher's send-only offer. */
  static async create(address: string, offer: unknown): Promise<{ endpoint: PublisherEndpoint; sdpAnswer: string }> {
    const endpoint = new PublisherEndpoint(address);
    try {
      const sdpAnswer = await withTimeout(
        (async () => {
          await endpoint.pc.setRemoteDescription({ type: 'offer', sdp: checkOffer(offer) });
          return answer(endpoint.pc);
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
    if (this.subscribers.size === 0) return;
    // The publisher's header extensions use the publisher's ids; subscribers negotiated none.
    const packet = rtp.clone();
    packet.header.extensions = [];
    for (const subscriber of this.subscribers) subscriber.write(kind, packet);
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
  }
}

/** Sends one published stream to one subscribing browser. */
export class SubscriberEndpoint extends Endpoint {
  private readonly tracks = new Map<Kind, MediaStreamTrack>();

  private constructor(
    address: string,
    public publisher: PublisherEndpoint,
  ) {
    super(address);
  }

  /** Follows a stream whose publisher re-negotiated its peer connection. */
  moveTo(publisher: PublisherEndpoint): void {
    this.publisher.subscribers.delete(this);
    this.publisher = publisher;
    if (!this.closed) publisher.subscribers.add(this);
  }

  /** Answers a subscriber's receive-only offer with the publisher's tracks. */
  static async create(
    address: string,
    publisher: PublisherEndpoint,
    offer: unknown,
  ): Promise<{ endpoint: SubscriberEndpoint; sdpAnswer: string }> {
    const endpoint = new SubscriberEndpoint(address, publisher);
    try {
      await withTimeout(endpoint.pc.setRemoteDescription({ type: 'offer', sdp: checkOffer(offer) }), 'Reading the subscriber offer');
      for (const transceiver of endpoint.pc.getTransceivers()) {
        const kind = transceiver.kind as Kind;
        if (kind !== 'audio' && kind !== 'video') continue;
        const track = new MediaStreamTrack({ kind });
        endpoint.tracks.set(kind, track);
        transceiver.setDirection('sendonly');
        await transceiver.sender.replaceTrack(track);
        // A subscriber that lost a frame or just started decoding asks for a keyframe: ask the publisher.
        transceiver.sender.onPictureLossIndication.subscribe(() => endpoint.publisher.requestKeyframe());
      }
      const sdpAnswer = await withTimeout(answer(endpoint.pc), 'Answering the subscriber');
      if (publisher.closed) throw new Error('The stream was unpublished');
      publisher.subscribers.add(endpoint);
      endpoint.pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') endpoint.publisher.requestKeyframe();
      });
      return { endpoint, sdpAnswer };
    } catch (error) {
      await endpoint.close();
      throw error;
    }
  }

  write(kind: Kind, packet: RtpPacket): void {
    const track = this.tracks.get(kind);
    if (!track || this.closed) return;
    try {
      track.writeRtp(packet);
    } catch {
      // a sender that is being torn down may refuse packets
    }
  }

  protected closing(): void {
    this.publisher.subscribers.delete(this);
    for (const track of this.tracks.values()) track.stop();
  }
}
