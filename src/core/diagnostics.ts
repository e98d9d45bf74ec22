/**
 * The pre-call check behind `<ov-diagnostics>`: the same inputs as a room, and in order the browser, the camera and
 * microphone, the token endpoint, the OpenVidu server's WebSocket, joining the session, and a test stream sent to
 * the server and received back (openvidu-browser's `subscribeToRemote()`), measured with getStats. Each step ends
 * passed, warning or failed with a catalog code, message and remedy; steps that need a failed one are skipped.
 * The test participant is marked in its connection data, so rooms in the same session do not show it. Everything
 * acquired (tracks, the session, the level meter's audio, a generated picture) is released when the run ends.
 */
import type { OpenVidu, Publisher } from 'openvidu-browser';
import { untilAborted } from './async.js';
import { watchAudioLevel } from './audio-level.js';
import { diagnosticsConnectionData } from './connection-data.js';
import { bitrates, mediaWarning, readMediaPath, type MediaPath } from './diagnostics-stats.js';
import { OvError, isOvError, toOvError, type OvErrorCode } from './errors.js';
import { enDiagnostics } from './i18n/en-diagnostics.js';
import { isLanguageReady, loadLanguage, message, registerOnDemandEnglish, type MessageKey } from './i18n/index.js';
import { createOpenVidu, loadOpenVidu } from './openvidu.js';
import { SessionConnection } from './session-connection.js';
import { TokenSource, type TokenSourceOptions } from './token-source.js';

registerOnDemandEnglish(enDiagnostics);

export const DIAGNOSTIC_STEPS = ['browser', 'devices', 'token', 'server', 'join', 'media'] as const;
export type DiagnosticStepId = (typeof DIAGNOSTIC_STEPS)[number];

export const DIAGNOSTIC_STATUSES = ['pending', 'running', 'passed', 'warning', 'failed', 'skipped'] as const;
export type DiagnosticStatus = (typeof DIAGNOSTIC_STATUSES)[number];

export type DiagnosticDetails = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** One step as `ov-diagnostics-complete` reports it and the element shows it, in the page's language. */
export interface DiagnosticStep {
  readonly id: DiagnosticStepId;
  readonly status: DiagnosticStatus;
  /** The catalog code of a failure or warning. */
  readonly code?: OvErrorCode;
  /** What was found: the failure's message, or what passed. */
  readonly message?: string;
  readonly remedy?: string;
  /** Facts for the report and for apps (URLs, device names, candidate types, round trip …); never a token. */
  readonly details: DiagnosticDetails;
}

export interface DiagnosticsResult {
  /** No step failed (warnings allowed). */
  readonly ok: boolean;
  readonly steps: readonly DiagnosticStep[];
}

export interface DiagnosticsInputs {
  readonly sessionId: string;
  readonly tokens: TokenSourceOptions;
  readonly lang?: string;
}

export type DiagnosticsRunStatus = 'idle' | 'running' | 'done';

export interface DiagnosticsSnapshot extends DiagnosticsResult {
  readonly status: DiagnosticsRunStatus;
  readonly lang?: string;
  /** The camera while the check runs, for a live preview. */
  readonly preview?: MediaStream;
  readonly hasMicrophone: boolean;
  /** Starts a run (a run in progress is stopped first); resolves with its result. */
  readonly run: () => Promise<DiagnosticsResult>;
  /** Stops a run in progress and releases what it holds. */
  readonly stop: () => void;
  /** The last run as plain text, for support tickets. */
  readonly report: () => string;
  /** Calls `onLevel` (0–1) with the microphone's level while the check holds it; returns the function that stops. */
  readonly watchMicrophoneLevel: (onLevel: (level: number) => void) => () => void;
}

export interface DiagnosticsOptions {
  readonly onSnapshot: (snapshot: DiagnosticsSnapshot) => void;
  /** A run finished (not when it was stopped). */
  readonly onComplete?: (result: DiagnosticsResult) => void;
  /** Time limits per step in ms: token 15 s, server 8 s, join 15 s, media (until the stream is back) 15 s. */
  readonly timeouts?: Partial<Record<'token' | 'server' | 'join' | 'media', number>>;
  /** How long the returned stream is measured for its bitrate (2 s). */
  readonly measureMs?: number;
}

const DEFAULT_TIMEOUTS = { token: 15_000, server: 8_000, join: 15_000, media: 15_000 };
const TEST_PARTICIPANT_NAME = 'openvidu-elements diagnostics';

/** How a step ended, kept as errors and keys so that the snapshot words it in the language of the moment. */
interface Outcome {
  readonly status: DiagnosticStatus;
  readonly error?: OvError;
  readonly summary?: { readonly key: MessageKey; readonly params: Readonly<Record<string, string | number>> };
  readonly details: DiagnosticDetails;
}

/** Everything one run holds, released together. */
class Run {
  readonly abort = new AbortController();
  readonly outcomes = new Map<DiagnosticStepId, Outcome>();
  stream?: MediaStream;
  generated?: { readonly track: MediaStreamTrack; readonly stop: () => void };
  token?: string;
  openvidu?: OpenVidu;
  connection?: SessionConnection;
  publisher?: Publisher;
  role?: string;
  startedAt = new Date();

  release(): void {
    this.connection?.close();
    this.connection = undefined;
    for (const track of this.publisher?.stream?.getMediaStream()?.getTracks() ?? []) track.stop();
    this.publisher = undefined;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    this.generated?.stop();
    this.generated = undefined;
    this.openvidu = undefined;
  }
}

export class DiagnosticsRunner {
  private inputs: DiagnosticsInputs = { sessionId: '', tokens: {} };
  private status: DiagnosticsRunStatus = 'idle';
  private current?: Run;
  private last?: Run;
  private cache?: DiagnosticsSnapshot;
  private readonly participantId = `diagnostics-${Math.random().toString(36).slice(2, 10)}`;
  private readonly timeouts: typeof DEFAULT_TIMEOUTS;

  constructor(private readonly options: DiagnosticsOptions) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  }

  get snapshot(): DiagnosticsSnapshot {
    this.cache ??= this.buildSnapshot();
    return this.cache;
  }

  setInputs(inputs: DiagnosticsInputs): void {
    this.inputs = inputs;
    this.changed();
    if (!isLanguageReady(inputs.lang)) void loadLanguage(inputs.lang).then((loaded) => loaded && this.inputs.lang === inputs.lang && this.changed());
  }

  /** Stops a run in progress; the runner can run again. */
  stop(): void {
    const run = this.current;
    if (!run) return;
    this.current = undefined;
    run.abort.abort();
    run.release();
    this.status = this.last ? 'done' : 'idle';
    this.changed();
  }

  async run(): Promise<DiagnosticsResult> {
    this.stop();
    const run = new Run();
    this.current = run;
    this.last = run;
    this.status = 'running';
    this.changed();
    const { signal } = run.abort;
    try {
      // The result is worded in the page's language: its file is there before the first step ends.
      await loadLanguage(this.inputs.lang);
      const browser = await this.step(run, 'browser', () => this.checkBrowser());
      if (browser) await this.step(run, 'devices', () => this.checkDevices(run));
      else this.skip(run, 'devices');
      const token = await this.step(run, 'token', () => this.checkToken(run));
      const server = token ? await this.step(run, 'server', () => this.checkServer(run)) : this.skip(run, 'server');
      const joined = server && browser ? await this.step(run, 'join', () => this.checkJoin(run)) : this.skip(run, 'join');
      if (joined) await this.step(run, 'media', () => this.checkMedia(run));
      else this.skip(run, 'media');
    } catch (error) {
      if (!signal.aborted) throw error; // stopped: whoever stopped it released the run
    } finally {
      if (this.current === run) {
        run.release();
        this.current = undefined;
        this.status = 'done';
        this.changed();
      }
    }
    const result = this.result(run);
    if (!signal.aborted) this.options.onComplete?.(result);
    return result;
  }

  // The steps. Each returns how it passed (or warned) or throws what failed.

  private async step(run: Run, id: DiagnosticStepId, check: () => Promise<Outcome> | Outcome): Promise<boolean> {
    run.abort.signal.throwIfAborted();
    run.outcomes.set(id, { status: 'running', details: {} });
    this.changed();
    let outcome: Outcome;
    try {
      outcome = await check();
    } catch (error) {
      run.abort.signal.throwIfAborted();
      const ovError = isOvError(error) ? error : toOvError(error, FALLBACK_CODES[id]);
      outcome = { status: 'failed', error: ovError, details: ovError.details };
    }
    run.abort.signal.throwIfAborted();
    run.outcomes.set(id, outcome);
    this.changed();
    return outcome.status === 'passed' || outcome.status === 'warning';
  }

  private skip(run: Run, id: DiagnosticStepId): false {
    run.outcomes.set(id, { status: 'skipped', details: {} });
    this.changed();
    return false;
  }

  private checkBrowser(): Outcome {
    const details = { secureContext: globalThis.isSecureContext === true, userAgent: globalThis.navigator?.userAgent ?? '' };
    const missing = [
      typeof RTCPeerConnection === 'undefined' ? 'RTCPeerConnection' : '',
      typeof WebSocket === 'undefined' ? 'WebSocket' : '',
      globalThis.isSecureContext && typeof navigator.mediaDevices?.getUserMedia !== 'function' ? 'getUserMedia' : '',
    ].filter(Boolean);
    if (missing.length) throw new OvError('BROWSER_UNSUPPORTED', { missing: missing.join(', ') });
    // Camera, microphone and often WebRTC need a secure page; the browser simply hides them on plain HTTP.
    if (!globalThis.isSecureContext) throw new OvError('INSECURE_CONTEXT', { page: location.origin });
    return { status: 'passed', summary: { key: 'diagnostics.browser.passed', params: {} }, details };
  }

  private async checkDevices(run: Run): Promise<Outcome> {
    const media = navigator.mediaDevices;
    let stream: MediaStream | undefined;
    let warning: OvError | undefined;
    try {
      stream = await media.getUserMedia({ audio: true, video: true });
    } catch (error) {
      const name = (error as { name?: string } | undefined)?.name;
      if (name !== 'NotFoundError' && name !== 'OverconstrainedError') throw toOvError(error, 'DEVICE_NOT_FOUND');
      // One of the two is missing: find out which, and go on with the other.
      stream = await media.getUserMedia({ video: true }).catch(() => undefined);
      if (stream) warning = new OvError('MICROPHONE_NOT_FOUND');
      else {
        stream = await media.getUserMedia({ audio: true }).catch(() => undefined);
        if (!stream) throw toOvError(error, 'DEVICE_NOT_FOUND');
        warning = new OvError('CAMERA_NOT_FOUND');
      }
    }
    if (run.abort.signal.aborted) {
      for (const track of stream.getTracks()) track.stop();
      run.abort.signal.throwIfAborted();
    }
    run.stream = stream;
    this.changed();
    const [camera] = stream.getVideoTracks();
    const [microphone] = stream.getAudioTracks();
    const devices = await media.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
    const settings = camera?.getSettings();
    const details: Record<string, string | number> = {
      camera: camera?.label ?? '',
      microphone: microphone?.label ?? '',
      cameras: devices.filter((device) => device.kind === 'videoinput').length,
      microphones: devices.filter((device) => device.kind === 'audioinput').length,
    };
    if (settings?.width && settings.height) details.resolution = `${settings.width}x${settings.height}`;
    if (warning) return { status: 'warning', error: warning, details };
    return { status: 'passed', summary: { key: 'diagnostics.devices.passed', params: { camera: details.camera, microphone: details.microphone } }, details };
  }

  private async checkToken(run: Run): Promise<Outcome> {
    const { tokens, sessionId } = this.inputs;
    TokenSource.check(tokens, sessionId);
    const source = tokens.token ? 'token' : tokens.tokenProvider ? 'tokenProvider' : 'token-url';
    const details: Record<string, string> = { source };
    if (source === 'token-url' && tokens.tokenUrl) {
      details.url = new URL(tokens.tokenUrl, location.href).href;
      details.convention = tokens.convention ?? 'tutorial';
    }
    const { signal } = run.abort;
    let token: string;
    try {
      token = await this.withTimeout(
        untilAborted(new TokenSource(tokens).get({ sessionId, participantName: TEST_PARTICIPANT_NAME, kind: 'camera' }, signal), signal),
        this.timeouts.token,
        () => new OvError('JOIN_TIMED_OUT', { seconds: Math.round(this.timeouts.token / 1000), step: message('room.step.token', {}, this.inputs.lang) }),
      );
    } catch (error) {
      throw await this.explainUnreachable(error, signal);
    }
    run.token = token;
    const server = new URL(token);
    details.server = `${server.protocol}//${server.host}`;
    return { status: 'passed', summary: { key: 'diagnostics.token.passed', params: { server: details.server } }, details };
  }

  /**
   * A browser reports a refused CORS request as a network failure, like a server that is down. A request the page
   * may not read (`no-cors`) tells them apart: it goes through when the server is up.
   */
  private async explainUnreachable(error: unknown, signal: AbortSignal): Promise<unknown> {
    if (!isOvError(error) || error.code !== 'TOKEN_ENDPOINT_UNREACHABLE') return error;
    const url = String(error.details.url ?? '');
    try {
      await this.withTimeout(fetch(url, { mode: 'no-cors', signal }), 5_000, () => new Error('no answer'));
    } catch {
      return error;
    }
    return new OvError('TOKEN_ENDPOINT_CORS', { url, origin: location.origin }, { cause: error });
  }

  /** The server's WebSocket at /openvidu, opened and closed again: a closed port and an untrusted certificate look alike. */
  private async checkServer(run: Run): Promise<Outcome> {
    const token = new URL(run.token!);
    const server = `${token.protocol}//${token.host}`;
    const details = { server, httpServer: `${token.protocol === 'wss:' ? 'https' : 'http'}://${token.host}` };
    const address = `${server}/openvidu?sessionId=${encodeURIComponent(token.searchParams.get('sessionId') ?? '')}`;
    const unreachable = (cause?: unknown) => new OvError('SERVER_UNREACHABLE', details, { cause });
    await this.withTimeout(
      untilAborted(
        new Promise<void>((resolve, reject) => {
          let socket: WebSocket;
          try {
            socket = new WebSocket(address);
          } catch (error) {
            reject(unreachable(error)); // a page on https may not open ws:// (mixed content)
            return;
          }
          const done = (error?: OvError) => {
            socket.onopen = socket.onerror = null;
            socket.close();
            run.abort.signal.removeEventListener('abort', closeOnAbort);
            if (error) reject(error);
            else resolve();
          };
          const closeOnAbort = () => done(unreachable());
          run.abort.signal.addEventListener('abort', closeOnAbort);
          socket.onopen = () => done();
          socket.onerror = () => done(unreachable());
        }),
        run.abort.signal,
      ),
      this.timeouts.server,
      () => unreachable(),
    );
    return { status: 'passed', summary: { key: 'diagnostics.server.passed', params: { server } }, details };
  }

  private async checkJoin(run: Run): Promise<Outcome> {
    const { signal } = run.abort;
    await untilAborted(loadOpenVidu(), signal);
    run.openvidu = createOpenVidu();
    const connection = new SessionConnection(run.openvidu);
    run.connection = connection;
    await this.withTimeout(
      untilAborted(connection.connect(run.token!, diagnosticsConnectionData(this.participantId)), signal),
      this.timeouts.join,
      () => new OvError('JOIN_TIMED_OUT', { seconds: Math.round(this.timeouts.join / 1000), step: message('room.step.server', {}, this.inputs.lang) }),
    );
    run.role = connection.role ?? 'PUBLISHER';
    const session = connection.session.sessionId;
    return { status: 'passed', summary: { key: 'diagnostics.join.passed', params: { session, role: run.role } }, details: { session, connectionId: connection.connectionId, role: run.role } };
  }

  private async checkMedia(run: Run): Promise<Outcome> {
    if (run.role === 'SUBSCRIBER') return { status: 'warning', error: new OvError('PUBLISH_NOT_ALLOWED'), details: { role: run.role } };
    const { signal } = run.abort;
    // Without a camera (refused, missing) the network is still worth checking: with a generated picture.
    let video: MediaStreamTrack | undefined = run.stream?.getVideoTracks()[0];
    if (!video) {
      run.generated = generatedVideo();
      video = run.generated.track;
    }
    const audio = run.stream?.getAudioTracks()[0];
    const publisher = await untilAborted(
      run.openvidu!.initPublisherAsync(undefined, { videoSource: video, audioSource: audio ?? false, publishVideo: true, publishAudio: !!audio, mirror: false }),
      signal,
    );
    run.publisher = publisher;
    // The server sends the stream back on the same peer connection: what comes in went all the way through it.
    publisher.subscribeToRemote();
    await untilAborted(run.connection!.publish(publisher), signal).catch((error: unknown) => {
      throw toOvError(error, 'PUBLISH_FAILED');
    });
    const pc = publisher.stream.getRTCPeerConnection();
    const first = await this.withTimeout(untilAborted(firstFrames(pc, signal), signal), this.timeouts.media, () =>
      new OvError('MEDIA_LOOPBACK_FAILED', { seconds: Math.round(this.timeouts.media / 1000), ice: pc.iceConnectionState }),
    );
    await untilAborted(delay(this.options.measureMs ?? 2_000), signal);
    const path = readMediaPath(await pc.getStats());
    const { receivedKbps, sentKbps } = bitrates(first, path);
    const protocol = (path.selected?.protocol ?? 'udp').toUpperCase();
    const details = {
      ice: pc.iceConnectionState,
      candidateTypes: path.candidateTypes,
      localCandidate: path.selected?.localType ?? '',
      remoteCandidate: path.selected?.remoteType ?? '',
      protocol,
      rttMs: path.rttMs ?? -1,
      receivedKbps,
      sentKbps,
      framesDecoded: path.framesDecoded,
      video: run.generated ? 'generated' : 'camera',
    };
    const warning = mediaWarning(path);
    if (warning) return { status: 'warning', error: new OvError(warning, { protocol }), details };
    const params = { candidates: path.candidateTypes.join(', ') || 'host', protocol, rtt: path.rttMs ?? '?', bitrate: receivedKbps };
    return { status: 'passed', summary: { key: 'diagnostics.media.passed', params }, details };
  }

  private withTimeout<T>(work: Promise<T>, ms: number, error: () => Error): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(error()), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  // Snapshots and the report

  private changed(): void {
    this.cache = undefined;
    this.options.onSnapshot(this.snapshot);
  }

  private steps(run: Run | undefined): DiagnosticStep[] {
    const lang = this.inputs.lang;
    return DIAGNOSTIC_STEPS.map((id) => {
      const outcome = run?.outcomes.get(id) ?? { status: 'pending' as const, details: {} };
      const step: { -readonly [K in keyof DiagnosticStep]: DiagnosticStep[K] } = { id, status: outcome.status, details: outcome.details };
      if (outcome.error) {
        const detail = outcome.error.toDetail(lang);
        step.code = detail.code;
        step.message = detail.message;
        step.remedy = detail.remedy;
      } else if (outcome.summary) {
        step.message = message(outcome.summary.key, outcome.summary.params, lang);
      } else if (outcome.status === 'skipped') {
        step.message = message('diagnostics.skipped', {}, lang);
      }
      return step;
    });
  }

  private result(run: Run | undefined): DiagnosticsResult {
    const steps = this.steps(run);
    return { ok: !!run && steps.every((step) => step.status === 'passed' || step.status === 'warning'), steps };
  }

  private buildSnapshot(): DiagnosticsSnapshot {
    const run = this.current ?? this.last;
    const { ok, steps } = this.result(run);
    const stream = this.current?.stream;
    return {
      status: this.status,
      lang: this.inputs.lang,
      ok: this.status === 'done' && ok,
      steps,
      preview: stream?.getVideoTracks().length ? stream : undefined,
      hasMicrophone: !!stream?.getAudioTracks().length,
      run: () => this.run(),
      stop: () => this.stop(),
      report: () => this.report(),
      watchMicrophoneLevel: (onLevel) => watchAudioLevel(() => this.current?.stream?.getAudioTracks()[0], onLevel),
    };
  }

  /** The last run as plain text: what a support ticket needs, with no token in it. */
  report(): string {
    const run = this.current ?? this.last;
    const lang = this.inputs.lang;
    const t = (key: MessageKey, params?: Record<string, string | number>) => message(key, params, lang);
    const lines = [
      `${t('diagnostics.title')} (openvidu-elements)`,
      `${run?.startedAt.toISOString() ?? ''}`,
      `page: ${globalThis.location ? location.origin + location.pathname : ''}`,
      `browser: ${globalThis.navigator?.userAgent ?? ''}`,
      `session: ${this.inputs.sessionId}`,
      '',
    ];
    for (const step of this.steps(run)) {
      lines.push(`[${t(`diagnostics.status.${step.status}`)}] ${t(`diagnostics.step.${step.id}`)}${step.code ? ` (${step.code})` : ''}`);
      if (step.message) lines.push(`  ${step.message}`);
      if (step.remedy) lines.push(`  ${t('diagnostics.remedy')} ${step.remedy}`);
      for (const [key, value] of Object.entries(step.details)) lines.push(`  ${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
    }
    return lines.join('\n');
  }
}

/** The code of a failure no catalog code explains better, per step. */
const FALLBACK_CODES: Record<DiagnosticStepId, OvErrorCode> = {
  browser: 'BROWSER_UNSUPPORTED',
  devices: 'DEVICE_NOT_FOUND',
  token: 'TOKEN_ENDPOINT_UNREACHABLE',
  server: 'SERVER_UNREACHABLE',
  join: 'CONNECTION_FAILED',
  media: 'PUBLISH_FAILED',
};

/** Polls until the returned stream decodes video (or, without video, receives packets). */
async function firstFrames(pc: RTCPeerConnection, signal: AbortSignal): Promise<MediaPath> {
  for (;;) {
    const path = readMediaPath(await pc.getStats());
    if (path.framesDecoded > 0) return path;
    if (pc.iceConnectionState === 'failed' || pc.connectionState === 'closed') throw new OvError('MEDIA_LOOPBACK_FAILED', { seconds: 0, ice: pc.iceConnectionState });
    signal.throwIfAborted();
    await delay(200);
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A moving picture from a canvas, for the media check when no camera can be had. */
function generatedVideo(): { track: MediaStreamTrack; stop: () => void } {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const context = canvas.getContext('2d');
  let frame = 0;
  const draw = () => {
    if (!context) return;
    context.fillStyle = `hsl(${(frame++ * 9) % 360} 55% 45%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  draw();
  const timer = setInterval(draw, 100);
  const track: MediaStreamTrack = canvas.captureStream(10).getVideoTracks()[0];
  return {
    track,
    stop: () => {
      clearInterval(timer);
      track.stop();
    },
  };
}
