// Synthetic participants ("bots"): connections of a session, as openvidu-browser sees any other participant, that
// publish a moving video and a voice looped from committed clips (bot-media/, made by scripts/make-bot-clip.sh). Their
// RTP is made here and handed to the subscribers' endpoints like a browser publisher's packets: no browser and no peer
// connection per bot (one browser publisher costs about 8 % of a core on the server; a bot nobody receives costs
// nearly nothing). One clock per session paces every bot of it; they speak in turn, one phrase each every 3 s, while
// the others are silent (Opus DTX).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RtpHeader, RtpPacket } from 'werift';
import type { Connection, OpenViduCore, Peer, StreamOptions } from './core.js';
import type { Kind, MediaSource, SubscriberEndpoint } from './media.js';

const MEDIA_DIR = fileURLToPath(new URL('../../demo/server/bot-media/', import.meta.url));
const REMAKE = 'Re-create it with scripts/make-bot-clip.sh.';

/** One speaking turn: a phrase of voice.ogg, then silence (scripts/make-bot-clip.sh keeps phrases shorter). */
const TURN_MS = 3000;
const AUDIO_PACKET_MS = 20;
const AUDIO_TICKS_PER_PACKET = (48000 * AUDIO_PACKET_MS) / 1000;
const VIDEO_CLOCK_RATE = 90000;
/** VP8 payload per RTP packet, under any path's MTU once headers and SRTP are added. */
const VP8_CHUNK = 1100;
/**
 * Silence as Opus DTX sends it: a packet of just a TOC byte (here CELT, 20 ms), which receivers take as "nothing to
 * play" (WebRTC's jitter buffer treats payloads of 2 bytes or less as DTX), every 400 ms instead of every 20 ms. A
 * room of silent bots then costs the server about a tenth of their audio packets.
 */
const OPUS_DTX = Buffer.from([0xf8]);
const DTX_EVERY_STEPS = 20;
/** After a stall (a busy event loop), the clock skips ahead instead of bursting more than this many steps. */
const MAX_CATCH_UP = 5;
/** A bot jumps to its next keyframe for a subscriber at most this often; otherwise the next one comes within 1 s. */
const KEYFRAME_JUMP_MIN_MS = 300;

/** Human-looking names in many scripts, so that a big room looks like one and layouts meet real text. */
export const BOT_NAMES = [
  'Ana García', 'Kwame Mensah', '陈静', 'Priya Raman', 'Олег Петров', 'Fatima Zahra', '田中 由紀', 'Lars Nilsson',
  'محمد علي', 'Sofía Ruiz', 'Nguyễn Thảo', 'Amara Okafor', 'Jonas Weber', '김민준', 'Αλέξης Παππάς', 'João Silva',
  'Élodie Martin', 'Ravi Kumar', 'שירה כהן', 'Emre Yılmaz', 'Zanele Dlamini', 'Mateo Rossi', 'Aroha Ngata', 'Hana Novák',
  'Ingrid Hansen', "Tomás O'Brien", 'Leilani Kahale', 'Małgorzata Nowak', 'Ama Boateng', 'Diego Fernández', 'Mei Lin',
  'Anjali Mehta',
];

interface VideoClip {
  width: number;
  height: number;
  fps: number;
  /** Each frame already cut into RTP payloads without the VP8 payload descriptor. */
  frames: { chunks: Buffer[]; keyframe: boolean }[];
}

interface VoiceClip {
  /** Each phrase's 20 ms Opus packets. */
  phrases: Buffer[][];
  packetsPerTurn: number;
}

function readIvf(file: string): VideoClip {
  const data = readFileSync(file);
  if (data.toString('latin1', 0, 4) !== 'DKIF' || data.toString('latin1', 8, 12) !== 'VP80') {
    throw new Error(`${file} is not VP8 in an IVF file. ${REMAKE}`);
  }
  const headerSize = data.readUInt16LE(6);
  const fps = data.readUInt32LE(16) / data.readUInt32LE(20);
  const frames: VideoClip['frames'] = [];
  for (let offset = headerSize; offset + 12 <= data.length; ) {
    const size = data.readUInt32LE(offset);
    const frame = data.subarray(offset + 12, offset + 12 + size);
    offset += 12 + size;
    const chunks: Buffer[] = [];
    for (let at = 0; at < frame.length; at += VP8_CHUNK) chunks.push(frame.subarray(at, at + VP8_CHUNK));
    // The lowest bit of a VP8 frame tag is 0 for a keyframe.
    frames.push({ chunks, keyframe: (frame[0] & 1) === 0 });
  }
  if (frames.length === 0 || !frames[0].keyframe || !Number.isFinite(fps) || fps <= 0) {
    throw new Error(`${file} must start with a VP8 keyframe and have a frame rate. ${REMAKE}`);
  }
  return { width: data.readUInt16LE(12), height: data.readUInt16LE(14), fps, frames };
}

/** The phrases of voice.ogg: chained Ogg (RFC 3533) Opus streams, one per phrase, without their header packets. */
function readOggOpus(file: string): VoiceClip {
  const data = readFileSync(file);
  const packets: Buffer[] = [];
  let pending: Buffer[] = [];
  for (let offset = 0; offset < data.length; ) {
    if (data.toString('latin1', offset, offset + 4) !== 'OggS') throw new Error(`${file} is not an Ogg file. ${REMAKE}`);
    const segments = data[offset + 26];
    let at = offset + 27 + segments;
    for (let i = 0; i < segments; i += 1) {
      const size = data[offset + 27 + i];
      pending.push(data.subarray(at, at + size));
      at += size;
      if (size < 255) {
        packets.push(Buffer.concat(pending));
        pending = [];
      }
    }
    offset = at;
  }
  const phrases: Buffer[][] = [];
  for (const packet of packets) {
    const magic = packet.toString('latin1', 0, 8);
    if (magic === 'OpusHead') phrases.push([]);
    else if (magic !== 'OpusTags') phrases.at(-1)?.push(packet);
  }
  const packetsPerTurn = TURN_MS / AUDIO_PACKET_MS;
  if (phrases.length === 0) throw new Error(`${file} is not Opus in Ogg. ${REMAKE}`);
  for (const phrase of phrases) {
    if (phrase.some((packet) => opusPacketMs(packet) !== AUDIO_PACKET_MS)) throw new Error(`${file} must have 20 ms Opus packets. ${REMAKE}`);
    if (phrase.length > packetsPerTurn) throw new Error(`${file} has a phrase longer than a ${TURN_MS} ms turn. ${REMAKE}`);
  }
  return { phrases, packetsPerTurn };
}

/** The duration of an Opus packet from its TOC byte (RFC 6716 §3.1). */
function opusPacketMs(packet: Buffer): number {
  const toc = packet[0];
  const config = toc >> 3;
  const frameMs = config < 12 ? [10, 20, 40, 60][config % 4] : config < 16 ? [10, 20][config % 2] : [2.5, 5, 10, 20][config % 4];
  const code = toc & 3;
  const frames = code === 0 ? 1 : code < 3 ? 2 : (packet[1] ?? 0) & 0x3f;
  return frameMs * frames;
}

let clips: { video: VideoClip; voice: VoiceClip } | undefined;
function loadClips(): { video: VideoClip; voice: VoiceClip } {
  clips ??= { video: readIvf(`${MEDIA_DIR}video.ivf`), voice: readOggOpus(`${MEDIA_DIR}voice.ogg`) };
  return clips;
}

const random32 = (): number => Math.floor(Math.random() * 2 ** 32);
const random16 = (): number => Math.floor(Math.random() * 2 ** 16);

/** One bot's media: its position in the clip and its RTP state. A MediaSource like a browser publisher's endpoint. */
class BotMedia implements MediaSource {
  readonly subscribers = new Set<SubscriberEndpoint>();
  closed = false;
  readonly packetsReceived = 0;
  private readonly closeListeners: (() => void)[] = [];
  private readonly ssrc = { audio: random32(), video: random32() };
  private readonly sequence = { audio: random16(), video: random16() };
  private readonly timestampBase = { audio: random32(), video: random32() };
  private pictureId = random16() & 0x7fff;
  private keyframeWanted = false;
  private lastKeyframeJump = -Infinity;
  private silent = true;

  constructor(
    private readonly video: VideoClip,
    /** The clip frame sent next: bots start at different keyframes so that they do not move in lockstep. */
    private nextFrame: number,
  ) {}

  requestKeyframe(): void {
    this.keyframeWanted = true;
  }

  /** One 20 ms step of audio: a phrase's packet while this bot speaks, `undefined` for silence. */
  sendAudio(step: number, voice: Buffer | undefined): void {
    const talkspurt = voice !== undefined && this.silent;
    const silenceStarts = voice === undefined && !this.silent;
    this.silent = voice === undefined;
    if (this.subscribers.size === 0) return;
    const timestamp = this.timestampBase.audio + step * AUDIO_TICKS_PER_PACKET;
    // RTP marks the first packet after silence (RFC 3551 §4.1).
    if (voice) this.send('audio', timestamp, voice, talkspurt);
    else if (silenceStarts || step % DTX_EVERY_STEPS === 0) this.send('audio', timestamp, OPUS_DTX, false);
  }

  /** One video frame time. Without a video subscriber only the position in the clip moves on. */
  sendVideo(step: number): void {
    const frames = this.video.frames;
    let index = this.nextFrame;
    const receivers = this.videoReceivers();
    if (this.keyframeWanted && receivers > 0) {
      // A file cannot make a keyframe on demand: skip to the next one (at most 1 s of the loop) instead of waiting.
      const now = performance.now();
      if (now - this.lastKeyframeJump >= KEYFRAME_JUMP_MIN_MS) {
        while (!frames[index].keyframe) index = (index + 1) % frames.length;
        this.lastKeyframeJump = now;
      }
    }
    const frame = frames[index];
    if (frame.keyframe) this.keyframeWanted = false;
    this.nextFrame = (index + 1) % frames.length;
    if (receivers === 0) return;
    const timestamp = this.timestampBase.video + Math.round((step * VIDEO_CLOCK_RATE) / this.video.fps);
    const pictureId = this.pictureId;
    this.pictureId = (this.pictureId + 1) & 0x7fff;
    frame.chunks.forEach((chunk, i) => {
      // VP8 payload descriptor (RFC 7741 §4.2): X, S on a frame's first packet, then a 15-bit PictureID.
      const descriptor = Buffer.from([i === 0 ? 0x90 : 0x80, 0x80, 0x80 | (pictureId >> 8), pictureId & 0xff]);
      this.send('video', timestamp, Buffer.concat([descriptor, chunk]), i === frame.chunks.length - 1);
    });
  }

  private videoReceivers(): number {
    let count = 0;
    for (const subscriber of this.subscribers) if (subscriber.sends('video')) count += 1;
    return count;
  }

  private send(kind: Kind, timestamp: number, payload: Buffer, marker: boolean): void {
    const header = new RtpHeader({
      payloadType: kind === 'audio' ? 111 : 96, // each subscriber's sender rewrites it to what it negotiated
      sequenceNumber: this.sequence[kind],
      timestamp: timestamp >>> 0,
      ssrc: this.ssrc[kind],
      marker,
    });
    this.sequence[kind] = (this.sequence[kind] + 1) & 0xffff;
    const packet = new RtpPacket(header, payload);
    for (const subscriber of this.subscribers) subscriber.write(kind, packet);
  }

  onClosed(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscriber of [...this.subscribers]) void subscriber.close();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

/** The bots of one session and the clock that paces them. */
class BotGroup {
  readonly bots: BotMedia[] = [];
  private readonly startedAt = performance.now();
  private audioSteps = 0;
  private videoSteps = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly clips: { video: VideoClip; voice: VoiceClip },
    private readonly onEmpty: () => void,
  ) {
    this.timer = setInterval(() => this.tick(), AUDIO_PACKET_MS);
    this.timer.unref();
  }

  add(media: BotMedia): void {
    this.bots.push(media);
    media.onClosed(() => {
      this.bots.splice(this.bots.indexOf(media), 1);
      if (this.bots.length === 0) this.stop();
    });
  }

  private stop(): void {
    clearInterval(this.timer);
    this.onEmpty();
  }

  private tick(): void {
    const elapsed = performance.now() - this.startedAt;
    const audioDue = Math.floor(elapsed / AUDIO_PACKET_MS);
    this.audioSteps = Math.max(this.audioSteps, audioDue - MAX_CATCH_UP);
    for (; this.audioSteps < audioDue; this.audioSteps += 1) this.audioStep(this.audioSteps);
    const videoDue = Math.floor((elapsed * this.clips.video.fps) / 1000);
    this.videoSteps = Math.max(this.videoSteps, videoDue - MAX_CATCH_UP);
    for (; this.videoSteps < videoDue; this.videoSteps += 1) for (const bot of this.bots) bot.sendVideo(this.videoSteps);
  }

  /** Turn k: bot k (round the group) says phrase k (round the clip), then silence; everyone else is silent. */
  private audioStep(step: number): void {
    if (this.bots.length === 0) return;
    const voice = this.clips.voice;
    const turn = Math.floor(step / voice.packetsPerTurn);
    const speaker = this.bots[turn % this.bots.length];
    const spoken = voice.phrases[turn % voice.phrases.length][step % voice.packetsPerTurn];
    for (const bot of this.bots) bot.sendAudio(step, bot === speaker ? spoken : undefined);
  }
}

/** What openvidu-browser's apps show for a bot: OpenVidu Call's connection data (OPENVIDU.md §5). */
export interface BotInfo {
  connectionId: string;
  participantId: string;
  name: string;
  streamId: string;
}

/** A bot needs no signaling channel: nothing it is told needs an answer. */
const BOT_PEER: Peer = { notify() {}, close() {} };

/** Adds and removes synthetic participants in the sessions of one server. */
export class Bots {
  private readonly groups = new Map<string, BotGroup>();
  /** Bots ever added per session, so that names and participant ids stay unique. */
  private readonly added = new Map<string, number>();

  constructor(private readonly core: OpenViduCore) {}

  /** Sessions with bots in them (each has one running clock). */
  get activeSessions(): number {
    return this.groups.size;
  }

  /** Adds `count` bots to the session (created if needed); they join and publish at once. */
  add(sessionId: string, count: number): BotInfo[] {
    if (!Number.isInteger(count) || count < 1) throw new Error(`The number of bots must be a whole number from 1 up, not ${count}`);
    const media = loadClips();
    const session = this.core.sessions.get(sessionId) ?? this.core.createSession({ customSessionId: sessionId });
    let group = this.groups.get(session.sessionId);
    if (!group) {
      const created = new BotGroup(media, () => {
        if (this.groups.get(session.sessionId) === created) this.groups.delete(session.sessionId);
      });
      group = created;
      this.groups.set(session.sessionId, group);
    }
    const keyframes = media.video.frames.flatMap((frame, index) => (frame.keyframe ? [index] : []));
    const options: StreamOptions = {
      hasAudio: true,
      hasVideo: true,
      audioActive: true,
      videoActive: true,
      typeOfVideo: 'CAMERA',
      frameRate: media.video.fps,
      videoDimensions: JSON.stringify({ width: media.video.width, height: media.video.height }),
      filter: {},
    };
    const infos: BotInfo[] = [];
    for (let i = 0; i < count; i += 1) {
      const number = (this.added.get(session.sessionId) ?? 0) + 1;
      this.added.set(session.sessionId, number);
      const round = Math.floor((number - 1) / BOT_NAMES.length);
      const name = BOT_NAMES[(number - 1) % BOT_NAMES.length] + (round > 0 ? ` ${round + 1}` : '');
      const participantId = `bot-${number}`;
      const pending = this.core.createConnection(session, {});
      const clientData = JSON.stringify({ clientData: name, participantId, type: 'CAMERA' });
      const connection = this.core.join(session.sessionId, pending.token, clientData, 'Synthetic participant (local OpenVidu server)', null, BOT_PEER);
      // Neighbours start 5 keyframes apart, so adjacent tiles show different colours.
      const bot = new BotMedia(media.video, keyframes[((number - 1) * 5) % keyframes.length]);
      group.add(bot);
      const stream = this.core.publishSource(connection, options, bot);
      infos.push({ connectionId: connection.connectionId, participantId, name, streamId: stream.streamId });
    }
    return infos;
  }

  /** Every bot of the session leaves (participantLeft, reason `disconnect`). */
  remove(sessionId: string): number {
    const session = this.core.sessions.get(sessionId);
    if (!session) return 0;
    const bots = session.activeConnections.filter(isBot);
    for (const connection of bots) this.core.leave(connection, 'disconnect');
    return bots.length;
  }
}

export function isBot(connection: Connection): boolean {
  return connection.peer === BOT_PEER;
}
