/**
 * The room as elements see it: immutable snapshots that carry data and the commands that act on it. A new
 * snapshot object replaces the old one on every change, so context consumers are notified by identity. Nothing
 * here is an openvidu-browser type: another backend could sit behind the same elements.
 */
import type { DeviceKind, DeviceLists } from './devices.js';
import type { ChatMessage } from './chat.js';
import type { OvErrorDetail } from './errors.js';
import type { RecordingState } from './recording.js';

export type { RecordingState } from './recording.js';

export { participantNameFromData } from './connection-data.js';

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

/** What a participant's video shows: their camera, or the screen they share. */
export const VIDEO_SOURCES = ['camera', 'screen'] as const;
export type VideoSource = (typeof VIDEO_SOURCES)[number];

/** What the participant changed: `ov-participant-changed`'s `property` (`name`: renamed in OpenVidu Call). */
export type ParticipantProperty = 'microphone' | 'camera' | 'screen' | 'name';

/** A token's role: what its connection may do. */
export type ParticipantRole = 'PUBLISHER' | 'SUBSCRIBER' | 'MODERATOR';

/** What is known of a participant's camera stream. */
export interface StreamView {
  /** The camera connection's id (the screen's, while only the screen is known). */
  readonly connectionId: string;
  /** The name the participant joined with, or '' when it gave none. */
  readonly name: string;
  readonly isLocal: boolean;
  /** Whether the participant publishes a camera or microphone stream at all. */
  readonly publishing: boolean;
  readonly microphoneOn: boolean;
  readonly cameraOn: boolean;
  /** Changes whenever the participant's camera stream is replaced; video views re-attach on change. */
  readonly streamId?: string;
}

/** The screen a participant shares. */
export interface ScreenView {
  readonly connectionId: string;
  /** Changes when the shared screen is replaced; undefined until it is published (or, remotely, received). */
  readonly streamId?: string;
  /** Whether the share carries sound (a tab's or the system's). */
  readonly hasAudio: boolean;
}

export interface ParticipantSnapshot extends StreamView {
  /** Stable across the participant's camera and screen connections (and across a rejoin): key tiles by it. */
  readonly participantId: string;
  readonly speaking: boolean;
  /** The local participant's token role, once joined; undefined for the others (OpenVidu does not tell). */
  readonly role?: ParticipantRole;
  /** The screen the participant shares, if any. */
  readonly screen?: ScreenView;
  /** Shows the participant's camera (or `screen`) in `video`; the returned function stops showing it. */
  readonly attachVideo: (video: HTMLVideoElement, source?: VideoSource) => () => void;
}

export type SelectedDevices = Readonly<Partial<Record<DeviceKind, string>>>;

export interface JoinOptions {
  /** The name to join with (the lobby's name field); also becomes `<ov-room>`'s `participantName`. */
  readonly participantName?: string;
}

export interface RoomCommands {
  /** Joins with the current inputs; joining again while connecting or joined with the same inputs does nothing. */
  join(options?: JoinOptions): Promise<void>;
  /** Leaves the session and releases the camera, microphone and screen. */
  leave(): Promise<void>;
  toggleMicrophone(): void;
  toggleCamera(): void;
  setMicrophoneEnabled(enabled: boolean): void;
  setCameraEnabled(enabled: boolean): void;
  /** Starts or stops sharing the screen (a second connection of the same participant). */
  toggleScreenShare(): Promise<void>;
  /** Asks the user what to share and shares it; resolves when shared, or when the user cancelled the picker. */
  startScreenShare(): Promise<void>;
  stopScreenShare(): void;
  /** Uses another camera, microphone or speaker, before or during the call. */
  switchDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /** Opens the camera and microphone for the lobby's preview (out of the call only); they become what is published. */
  startPreview(): Promise<void>;
  /** Releases the lobby's preview (a joining room keeps it: it is what gets published). */
  stopPreview(): void;
  /** Calls `onLevel` with the microphone's level (0–1) at every animation frame it changes; returns the stop function. */
  watchMicrophoneLevel(onLevel: (level: number) => void): () => void;
  /** Plays the others' sound where the browser blocked it until a user gesture; call it from a click. */
  resumeAudio(): void;
  /**
   * Asks to receive a participant's camera (or `screen`) video: a tile has it on screen. Video is received only
   * while at least one ask holds and the page is visible (everyone is heard regardless); it stops a moment after
   * the last ask is withdrawn. Returns the function that withdraws this ask. `<ov-video>` asks while it is
   * rendered and in the viewport; a UI that shows video through `attachVideo` itself asks too.
   */
  requestVideo(participantId: string, source?: VideoSource): () => void;
  /** Sends a chat message to everyone (OpenVidu Call's format). Rejects with CHAT_MESSAGE_TOO_LONG or CHAT_NOT_SENT. */
  sendChatMessage(text: string): Promise<void>;
  /** Moderators: removes the participant (each of its connections, camera and screen). Rejects with MODERATION_NOT_ALLOWED. */
  removeParticipant(participantId: string): Promise<void>;
  /** Moderators: stops the participant's camera (with its microphone) or screen stream. OpenVidu 2 has no remote mute. */
  stopParticipantStream(participantId: string, source: VideoSource): Promise<void>;
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
  /** The local participant: in the lobby its preview (not yet in `participants`), then the joined one. */
  readonly local?: ParticipantSnapshot;
  readonly remotes: readonly ParticipantSnapshot[];
  /** The local participant first, then the others in the order they joined. */
  readonly participants: readonly ParticipantSnapshot[];
  readonly microphoneOn: boolean;
  readonly cameraOn: boolean;
  /** Whether the local camera and microphone are open (a preview or published), so they can be turned on and off. */
  readonly hasMicrophone: boolean;
  readonly hasCamera: boolean;
  /** Whether the local participant shares the screen. */
  readonly screenSharing: boolean;
  /** The camera and microphone are being opened (the lobby's preview or a join). */
  readonly mediaStarting: boolean;
  /** Whether this room may publish: not a `no-publish` viewer, and its token's role is not SUBSCRIBER. */
  readonly canPublish: boolean;
  /** Whether the browser can share a screen and the room can get a second token for it. */
  readonly canShareScreen: boolean;
  /** Whether the browser lets the page choose the speaker. */
  readonly canChooseSpeaker: boolean;
  readonly devices: DeviceLists;
  /** The device in use (or chosen) per kind. */
  readonly selectedDevices: SelectedDevices;
  /** The browser blocked the others' sound until a user gesture: offer a button that calls `resumeAudio()`. */
  readonly audioBlocked: boolean;
  /** A moderator stopped the local camera and microphone; turning either on publishes again. */
  readonly mediaStopped: boolean;
  /** Whether the local token's role is MODERATOR: it may remove participants and stop their streams. */
  readonly canModerate: boolean;
  /** The chat's last messages, oldest first (at most 200). */
  readonly chatMessages: readonly ChatMessage[];
  /** Whether the session is being recorded, as the server tells this room (`{active, id, name, startedAt}`). */
  readonly recording: RecordingState;
  /** The error that stopped the room (status `error`). */
  readonly error?: OvErrorDetail;
  /** Errors the room went on after, such as a camera the browser refused. */
  readonly notices: readonly OvErrorDetail[];
  readonly leftReason?: LeftReason;
}
