/**
 * Whether the session is being recorded, as the OpenVidu server tells the room: openvidu-browser's session events
 * `recordingStarted` and `recordingStopped`, the first one also fired while joining a session that is already
 * recorded (joinRoom's `recordingId`). openvidu-server tells the roles its OPENVIDU_RECORDING_NOTIFICATION names
 * (publishers and moderators by default): a SUBSCRIBER room may not hear of it.
 */
import type { RecordingEvent } from 'openvidu-browser';
import type { SessionConnection } from './session-connection.js';

export interface RecordingState {
  readonly active: boolean;
  /** The recording's id on the server (while active). */
  readonly id?: string;
  /** Its name, when it was given one (OpenVidu names it after its id otherwise). */
  readonly name?: string;
  /** When this room learned of it, in ms since the epoch: its start, or the join for a room that came later. */
  readonly startedAt?: number;
}

/** Why a recording stopped, as OpenVidu says (`recordingStoppedByServer`, `sessionClosedByServer`, `automaticStop` …). */
export type RecordingStopReason = string;

export const NOT_RECORDING: RecordingState = Object.freeze({ active: false });

export class RecordingWatch {
  private value: RecordingState = NOT_RECORDING;
  /** Set while a rejoin waits to hear whether the new session is still recorded. */
  private heardSinceRejoin = true;

  constructor(private readonly onChange: (state: RecordingState, reason?: RecordingStopReason) => void) {}

  get state(): RecordingState {
    return this.value;
  }

  /** Listens on the camera's connection, before it joins: joinRoom's own `recordingStarted` comes during `connect()`. */
  attach(connection: SessionConnection): void {
    connection.on('recordingStarted', (event: RecordingEvent) => this.started(event));
    connection.on('recordingStopped', (event: RecordingEvent) => this.stopped(event));
  }

  /** A rejoin is under way: the state holds until `rejoined()` says whether the new session is recorded. */
  rejoining(): void {
    this.heardSinceRejoin = false;
  }

  /** The rejoin connected: no `recordingStarted` during it means the recording is over (the server lost it). */
  rejoined(): void {
    if (!this.heardSinceRejoin && this.value.active) this.set(NOT_RECORDING, 'nodeCrashed');
    this.heardSinceRejoin = true;
  }

  /** Out of the session: nothing is known any more (no change is reported). */
  reset(): void {
    this.value = NOT_RECORDING;
    this.heardSinceRejoin = true;
  }

  private started(event: RecordingEvent): void {
    this.heardSinceRejoin = true;
    if (this.value.active && this.value.id === event.id) return; // the same recording, heard again after a rejoin
    this.set(Object.freeze({ active: true, id: event.id, name: event.name, startedAt: Date.now() }));
  }

  private stopped(event: RecordingEvent): void {
    if (!this.value.active || (this.value.id && event.id && this.value.id !== event.id)) return;
    this.set(NOT_RECORDING, event.reason ?? '');
  }

  private set(state: RecordingState, reason?: RecordingStopReason): void {
    this.value = state;
    this.onChange(state, reason);
  }
}
