/**
 * The room as elements see it: immutable snapshots that carry data and the commands that act on it. A new
 * snapshot object replaces the old one on every change, so context consumers are notified by identity.
 */
import type { OvErrorDetail } from './errors.js';

export const ROOM_STATUSES = ['idle', 'connecting', 'joined', 'reconnecting', 'left', 'error'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

/**
 * Why the local participant is out of the room: `user` left by a command, `removed` when `<ov-room>` left the
 * page or its inputs changed, the others are OpenVidu's own reasons (`networkDisconnect` also when a dropped
 * connection did not come back in time).
 */
export const LEFT_REASONS = [
  'user',
  'removed',
  'networkDisconnect',
  'forceDisconnectByUser',
  'forceDisconnectByServer',
  'sessionClosedByServer',
  'nodeCrashed',
] as const;
export type LeftReason = (typeof LEFT_REASONS)[number];

/** Why a remote participant left, as OpenVidu reports it (`disconnect`, `networkDisconnect`, …). */
export type ParticipantLeftReason = string;

/** What is known of a participant's camera stream, from openvidu-browser's Stream. */
export interface StreamView {
  readonly connectionId: string;
  /** The name the participant joined with, or '' when it gave none. */
  readonly name: string;
  readonly isLocal: boolean;
  /** Whether the participant publishes a stream at all. */
  readonly publishing: boolean;
  readonly microphoneOn: boolean;
  readonly cameraOn: boolean;
  /** Changes whenever the participant's camera stream is replaced; video views re-attach on change. */
  readonly streamId?: string;
}

export interface ParticipantSnapshot extends StreamView {
  readonly speaking: boolean;
  /** Shows the participant's camera in `video`; the returned function stops showing it. */
  readonly attachVideo: (video: HTMLVideoElement) => () => void;
}

export interface RoomCommands {
  /** Joins with the current inputs; joining again while connecting or joined with the same inputs does nothing. */
  join(): Promise<void>;
  /** Leaves the session and releases the camera and microphone. */
  leave(): Promise<void>;
  toggleMicrophone(): void;
  toggleCamera(): void;
  setMicrophoneEnabled(enabled: boolean): void;
  setCameraEnabled(enabled: boolean): void;
  /** Removes a non-fatal notice (such as "joined without a camera") from the snapshot. */
  dismissNotice(code: OvErrorDetail['code']): void;
  /** Asks for the camera and microphone again and publishes them, after they were refused or failed. */
  retryPublishing(): void;
}

export interface RoomSnapshot extends RoomCommands {
  readonly status: RoomStatus;
  readonly sessionId: string;
  readonly participantName: string;
  /** The BCP 47 language of the room's messages. */
  readonly lang: string;
  readonly local?: ParticipantSnapshot;
  readonly remotes: readonly ParticipantSnapshot[];
  /** The local participant first, then the others in the order they joined. */
  readonly participants: readonly ParticipantSnapshot[];
  readonly microphoneOn: boolean;
  readonly cameraOn: boolean;
  /** The error that stopped the room (status `error`). */
  readonly error?: OvErrorDetail;
  /** Errors the room went on after, such as a camera the browser refused. */
  readonly notices: readonly OvErrorDetail[];
  readonly leftReason?: LeftReason;
}

/**
 * The participant's name from OpenVidu's connection data: client data and server data joined by "%/%", each a
 * JSON object such as {"clientData":"Ana"} (the tutorials' shape) or plain text.
 */
export function participantNameFromData(data: string | undefined): string {
  if (!data) return '';
  const parts = data.split('%/%'); // client data first, then server data (openvidu-server joins them so)
  for (const part of parts) {
    const name = nameFromPart(part.trim());
    if (name) return name;
  }
  return '';
}

function nameFromPart(part: string): string {
  if (!part) return '';
  try {
    const value: unknown = JSON.parse(part);
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      for (const field of ['clientData', 'participantName', 'name', 'username', 'userName']) {
        const candidate = (value as Record<string, unknown>)[field];
        if (typeof candidate === 'string' && candidate) return candidate;
      }
    }
    return '';
  } catch {
    return part;
  }
}
