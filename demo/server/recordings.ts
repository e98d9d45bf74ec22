// Recordings as openvidu-server CE 2.32 reports them (REST /openvidu/api/recordings…, the recordingStarted and
// recordingStopped notifications, joinRoom's recordingId/recordingName, a session's `recording` flag), without
// the files: the real server records through Kurento and a Docker container; this one keeps the status only
// (README "Support table"). Status codes and JSON fields follow SessionRestController, RecordingManager and
// RecordingProperties.fromJson of openvidu-server 2.32.
import type { Connection, Session } from './core.js';
import { HttpError } from './core.js';

export const OUTPUT_MODES = ['COMPOSED', 'COMPOSED_QUICK_START', 'INDIVIDUAL'] as const;
export const RECORDING_LAYOUTS = ['BEST_FIT', 'PICTURE_IN_PICTURE', 'VERTICAL_PRESENTATION', 'HORIZONTAL_PRESENTATION', 'CUSTOM'] as const;
/** Who is told about recordings (OPENVIDU_RECORDING_NOTIFICATION); openvidu-server's default is publisher_moderator. */
export const RECORDING_NOTIFICATIONS = ['none', 'moderator', 'publisher_moderator', 'all'] as const;
export type RecordingNotification = (typeof RECORDING_NOTIFICATIONS)[number];
export type RecordingStatus = 'starting' | 'started' | 'stopped' | 'ready' | 'failed';
/** Why a recording stopped, as openvidu-browser's RecordingEvent reports it. */
export type RecordingEndReason = 'recordingStoppedByServer' | 'sessionClosedByServer' | 'automaticStop' | 'lastParticipantLeft' | 'openviduServerStopped';

interface RecordingProperties {
  name: string;
  outputMode: (typeof OUTPUT_MODES)[number];
  hasAudio: boolean;
  hasVideo: boolean;
  recordingLayout: string;
  customLayout: string;
  resolution: string;
  frameRate: number;
  shmSize: number;
  ignoreFailedStreams: boolean;
}

export class Recording {
  readonly createdAt = Date.now();
  status: RecordingStatus = 'started';
  duration = 0;
  stoppedAt?: number;

  constructor(
    readonly id: string,
    readonly session: Session,
    readonly props: RecordingProperties,
  ) {}

  get composedWithVideo(): boolean {
    return this.props.outputMode !== 'INDIVIDUAL' && this.props.hasVideo;
  }

  /** Recording.toJson of openvidu-server: layout fields only for composed recordings with video. */
  toJson(): Record<string, unknown> {
    const p = this.props;
    const json: Record<string, unknown> = { id: this.id, object: 'recording', name: p.name, outputMode: p.outputMode };
    if (this.composedWithVideo) {
      json.resolution = p.resolution;
      json.frameRate = p.frameRate;
      json.recordingLayout = p.recordingLayout;
      if (p.recordingLayout === 'CUSTOM') json.customLayout = p.customLayout;
    }
    Object.assign(json, {
      sessionId: this.session.sessionId,
      createdAt: this.createdAt,
      // No file is written: its size is 0 and it has no URL.
      size: 0,
      duration: this.duration,
      url: null,
      hasAudio: p.hasAudio,
      hasVideo: p.hasVideo,
      status: this.status,
    });
    return json;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const VALID_NAME = /^[a-zA-Z0-9_\-~]+$/;
const VALID_RESOLUTION = /^(?!0)([0-9]{3}|1[0-9]{3})x(?!0)([0-9]{3}|1[0-9]{3})$/;

export interface RecordingsOptions {
  notification: RecordingNotification;
  /** OPENVIDU_RECORDING_AUTOSTOP_TIMEOUT: a recording with nobody publishing stops after this long (120 s). */
  autostopTimeoutMs: number;
  /** Closes a session that the recording was keeping open once it is empty. */
  closeIfEmpty: (session: Session) => void;
}

export class Recordings {
  /** Every recording, stopped ones too, until deleted (GET /recordings lists them). */
  readonly all = new Map<string, Recording>();
  private readonly autostop = new Map<Session, NodeJS.Timeout>();

  constructor(private readonly options: RecordingsOptions) {}

  get notification(): RecordingNotification {
    return this.options.notification;
  }

  get autostopTimeoutMs(): number {
    return this.options.autostopTimeoutMs;
  }

  /** POST /recordings/start. */
  start(sessions: ReadonlyMap<string, Session>, body: unknown): Recording {
    if (!isObject(body)) throw new HttpError(400, 'Error in body parameters. Cannot be empty');
    if (body.session !== undefined && body.session !== null && typeof body.session !== 'string') throw new HttpError(400, 'Type error in parameter "session"');
    if (typeof body.session !== 'string') throw new HttpError(400, '"session" parameter is mandatory');
    const session = sessions.get(body.session);
    if (!session || session.closed) throw new HttpError(404, `Session ${body.session} not found`);
    if (session.props.mediaMode !== 'ROUTED' || session.recording) throw new HttpError(409, `Session ${session.sessionId} is already being recorded (or is not ROUTED)`);
    if (session.activeConnections.length === 0) throw new HttpError(406, `Session ${session.sessionId} has no connected participants`);
    const props = this.properties(body, session.props.defaultRecordingProperties);
    const id = this.freeId(session.sessionId);
    if (!props.name) props.name = id;
    const recording = new Recording(id, session, props);
    this.all.set(id, recording);
    session.recording = recording;
    this.notify(session, 'recordingStarted', { id, name: props.name });
    if (!session.activeConnections.some((c) => c.stream)) this.startAutostop(session);
    return recording;
  }

  /** POST /recordings/stop/{id}: a recording that is not started (or unknown) is 404, as in openvidu-server. */
  stopById(id: string): Record<string, unknown> {
    const recording = this.all.get(id);
    if (!recording || recording.status !== 'started') throw new HttpError(404, `Recording ${id} not found or not started`);
    return this.stop(recording.session, 'recordingStoppedByServer')!;
  }

  get(id: string): Recording {
    const recording = this.all.get(id);
    if (!recording) throw new HttpError(404, `Recording ${id} not found`);
    return recording;
  }

  /** DELETE /recordings/{id}: 409 while it records. */
  delete(id: string): void {
    const recording = this.get(id);
    if (recording.status === 'started' || recording.status === 'starting') throw new HttpError(409, `Recording ${id} is in progress: stop it first`);
    this.all.delete(id);
  }

  /**
   * Stops the session's recording and tells the participants. The REST answer says `stopped`; openvidu-server
   * then turns it `ready` once the file is written, which here, without a file, happens at once. Returns the
   * recording as it was when stopped.
   */
  stop(session: Session, reason: RecordingEndReason): Record<string, unknown> | undefined {
    const recording = session.recording;
    if (!recording) return undefined;
    session.recording = undefined;
    this.cancelAutostop(session);
    recording.status = 'stopped';
    recording.stoppedAt = Date.now();
    this.notify(session, 'recordingStopped', { id: recording.id, name: recording.props.name, reason });
    const stopped = recording.toJson();
    recording.duration = Math.round((recording.stoppedAt - recording.createdAt) / 10) / 100;
    recording.status = 'ready';
    return stopped;
  }

  /** The joinRoom fields of a recorded session, for those OPENVIDU_RECORDING_NOTIFICATION tells. */
  joinRoomFields(connection: Connection): Record<string, string> {
    const recording = connection.session.recording;
    if (!recording || !this.told(connection)) return {};
    return { recordingId: recording.id, recordingName: recording.props.name };
  }

  /**
   * The last participant left: a recording keeps the session open (openvidu-server's recorder participant does)
   * until the autostop timeout, unless someone publishes again. Returns whether it keeps it.
   */
  keepsOpen(session: Session): boolean {
    if (!session.recording) return false;
    this.startAutostop(session, this.options.autostopTimeoutMs === 0 ? 'lastParticipantLeft' : 'automaticStop');
    return true;
  }

  /** Someone publishes: a pending automatic stop is called off. */
  onPublished(session: Session): void {
    this.cancelAutostop(session);
  }

  /** Session closed: its recording stops first, so that the participants still hear of it. */
  onSessionClosing(session: Session, reason: RecordingEndReason): void {
    this.stop(session, reason);
  }

  close(): void {
    for (const timer of this.autostop.values()) clearTimeout(timer);
    this.autostop.clear();
  }

  private startAutostop(session: Session, reason: RecordingEndReason = 'automaticStop'): void {
    this.cancelAutostop(session);
    const timer = setTimeout(() => {
      this.autostop.delete(session);
      this.stop(session, reason);
      this.options.closeIfEmpty(session);
    }, this.options.autostopTimeoutMs);
    timer.unref();
    this.autostop.set(session, timer);
  }

  private cancelAutostop(session: Session): void {
    clearTimeout(this.autostop.get(session));
    this.autostop.delete(session);
  }

  private told(connection: Connection): boolean {
    switch (this.options.notification) {
      case 'all':
        return true;
      case 'publisher_moderator':
        return connection.role !== 'SUBSCRIBER';
      case 'moderator':
        return connection.role === 'MODERATOR';
      default:
        return false;
    }
  }

  private notify(session: Session, method: string, params: Record<string, unknown>): void {
    for (const connection of session.activeConnections) if (this.told(connection)) connection.notify(method, params);
  }

  /** The session id, then `id~1`, `id~2` … among the recordings not deleted (RecordingManagerUtils). */
  private freeId(sessionId: string): string {
    let id = sessionId;
    for (let i = 1; this.all.has(id); i += 1) id = `${sessionId}~${i}`;
    return id;
  }

  /** RecordingProperties.fromJson: wrong types 400, impossible values 422, the session's defaults otherwise. */
  private properties(body: Record<string, unknown>, defaults: Record<string, unknown>): RecordingProperties {
    const pick = <T>(key: string, type: 'string' | 'boolean' | 'number'): T | undefined => {
      const value = body[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== type) throw new HttpError(400, `Type error in some parameter: "${key}" must be a ${type}`);
      return value as T;
    };
    const name = pick<string>('name', 'string');
    if (name && !VALID_NAME.test(name)) throw new HttpError(400, "Parameter 'name' is wrong. Must be an alphanumeric string [a-zA-Z0-9_-~]+");
    const hasAudio = pick<boolean>('hasAudio', 'boolean') ?? (defaults.hasAudio as boolean) ?? true;
    const hasVideo = pick<boolean>('hasVideo', 'boolean') ?? (defaults.hasVideo as boolean) ?? true;
    if (!hasAudio && !hasVideo) throw new HttpError(422, 'Cannot start a recording with both "hasAudio" and "hasVideo" set to false');
    const outputMode = pick<string>('outputMode', 'string') ?? (defaults.outputMode as string) ?? 'COMPOSED';
    if (!(OUTPUT_MODES as readonly string[]).includes(outputMode)) throw new HttpError(400, "Type error in parameter 'outputMode'");
    const recordingLayout = pick<string>('recordingLayout', 'string') ?? (defaults.recordingLayout as string) ?? 'BEST_FIT';
    if (!(RECORDING_LAYOUTS as readonly string[]).includes(recordingLayout)) throw new HttpError(400, "Type error in parameter 'recordingLayout'");
    const resolution = pick<string>('resolution', 'string') ?? (defaults.resolution as string) ?? '1280x720';
    const frameRate = pick<number>('frameRate', 'number') ?? (defaults.frameRate as number) ?? 25;
    const shmSize = pick<number>('shmSize', 'number') ?? (defaults.shmSize as number) ?? 536870912;
    if (outputMode !== 'INDIVIDUAL') {
      if (!VALID_RESOLUTION.test(resolution)) throw new HttpError(422, "Wrong 'resolution' parameter. Acceptable values from 100 to 1999 for both width and height");
      if (!(Math.trunc(frameRate) > 0 && Math.trunc(frameRate) <= 120)) throw new HttpError(422, "Wrong 'frameRate' parameter. Acceptable values are within range [1,120]");
      if (shmSize < 134217728) throw new HttpError(422, "Wrong 'shmSize' parameter. Must be 134217728 (128 MB) minimum");
    }
    return {
      name: name || ((defaults.name as string | undefined) ?? ''),
      outputMode: outputMode as RecordingProperties['outputMode'],
      hasAudio,
      hasVideo,
      recordingLayout,
      customLayout: pick<string>('customLayout', 'string') ?? (defaults.customLayout as string) ?? '',
      resolution,
      frameRate: Math.trunc(frameRate),
      shmSize,
      ignoreFailedStreams: pick<boolean>('ignoreFailedStreams', 'boolean') ?? false,
    };
  }
}
