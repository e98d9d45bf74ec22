/**
 * The typed `ov-*` events of `<ov-room>`. All bubble and cross shadow roots (`composed`), and each is in
 * `HTMLElementEventMap`, so `room.addEventListener('ov-error', (e) => e.detail.remedy)` is typed everywhere.
 */
import type { OvErrorDetail } from './core/errors.js';
import type { DiagnosticsResult } from './core/diagnostics.js';
import type { ChatMessage } from './core/chat.js';
import type { DeviceKind } from './core/devices.js';
import type { LeftReason, ParticipantProperty, ParticipantSnapshot, RecordingState } from './core/room-state.js';

const init = <T>(detail: T): CustomEventInit<T> => ({ detail, bubbles: true, composed: true });

export interface OvJoinedDetail {
  readonly sessionId: string;
  readonly connectionId: string;
}
export class OvJoinedEvent extends CustomEvent<OvJoinedDetail> {
  constructor(detail: OvJoinedDetail) {
    super('ov-joined', init(detail));
  }
}

export interface OvLeftDetail {
  readonly reason: LeftReason;
}
export class OvLeftEvent extends CustomEvent<OvLeftDetail> {
  constructor(detail: OvLeftDetail) {
    super('ov-left', init(detail));
  }
}

export interface OvParticipantDetail {
  readonly participant: ParticipantSnapshot;
}
export class OvParticipantJoinedEvent extends CustomEvent<OvParticipantDetail> {
  constructor(detail: OvParticipantDetail) {
    super('ov-participant-joined', init(detail));
  }
}

export interface OvParticipantLeftDetail extends OvParticipantDetail {
  /** OpenVidu's reason: `disconnect`, `networkDisconnect`, `forceDisconnectByUser` … */
  readonly reason: string;
}
export class OvParticipantLeftEvent extends CustomEvent<OvParticipantLeftDetail> {
  constructor(detail: OvParticipantLeftDetail) {
    super('ov-participant-left', init(detail));
  }
}

export interface OvParticipantChangedDetail extends OvParticipantDetail {
  /** What the participant (local or remote) turned on or off: `microphone`, `camera`, or `screen` (sharing). */
  readonly property: ParticipantProperty;
}
export class OvParticipantChangedEvent extends CustomEvent<OvParticipantChangedDetail> {
  constructor(detail: OvParticipantChangedDetail) {
    super('ov-participant-changed', init(detail));
  }
}

export class OvErrorEvent extends CustomEvent<OvErrorDetail> {
  constructor(detail: OvErrorDetail) {
    super('ov-error', init(detail));
  }
}

export class OvReconnectingEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('ov-reconnecting', init({}));
  }
}

export interface OvReconnectedDetail {
  /**
   * True when the server had lost the session (it restarted) and the room joined it again with a fresh token;
   * false when the same connection came back.
   */
  readonly rejoined: boolean;
}
export class OvReconnectedEvent extends CustomEvent<OvReconnectedDetail> {
  constructor(detail: OvReconnectedDetail = { rejoined: false }) {
    super('ov-reconnected', init(detail));
  }
}

export interface OvDeviceChangedDetail {
  readonly kind: DeviceKind;
  /** The device now in use; '' for the browser's default. */
  readonly deviceId: string;
  readonly label: string;
  /** `user`: chosen; `fallback`: the one in use (or remembered from an earlier visit) was gone. */
  readonly reason: 'user' | 'fallback';
}
export class OvDeviceChangedEvent extends CustomEvent<OvDeviceChangedDetail> {
  constructor(detail: OvDeviceChangedDetail) {
    super('ov-device-changed', init(detail));
  }
}

export interface OvChatMessageDetail {
  readonly message: string;
  readonly from: { readonly connectionId: string; readonly participantId: string; readonly name: string };
  /** Sent by this room (every sender receives its own message too). */
  readonly local: boolean;
  /** When it arrived, in ms since the epoch. */
  readonly time: number;
}
export class OvChatMessageEvent extends CustomEvent<OvChatMessageDetail> {
  constructor(message: ChatMessage) {
    super('ov-chat-message', init({ message: message.message, from: message.from, local: message.local, time: message.time }));
  }
}

export interface OvRecordingChangedDetail {
  /** The new state, as `state.recording`: `{active, id, name, startedAt}` while recorded, `{active: false}` after. */
  readonly recording: RecordingState;
  /** Why it stopped, as OpenVidu says: `recordingStoppedByServer`, `sessionClosedByServer`, `automaticStop` …; '' when it started. */
  readonly reason: string;
}
export class OvRecordingChangedEvent extends CustomEvent<OvRecordingChangedDetail> {
  constructor(detail: OvRecordingChangedDetail) {
    super('ov-recording-changed', init(detail));
  }
}

/**
 * `<ov-diagnostics>` finished a check: `ok` when no step failed (warnings allowed), and every step with its `id`
 * (`browser`, `devices`, `token`, `server`, `join`, `media`), `status` (`passed`, `warning`, `failed`, `skipped`),
 * `code`, `message` and `remedy` when something is wrong, and `details` (candidate types, round trip, bitrate …).
 */
export type OvDiagnosticsCompleteDetail = DiagnosticsResult;
export class OvDiagnosticsCompleteEvent extends CustomEvent<OvDiagnosticsCompleteDetail> {
  constructor(detail: OvDiagnosticsCompleteDetail) {
    super('ov-diagnostics-complete', init(detail));
  }
}

declare global {
  interface HTMLElementEventMap {
    'ov-joined': OvJoinedEvent;
    'ov-left': OvLeftEvent;
    'ov-participant-joined': OvParticipantJoinedEvent;
    'ov-participant-left': OvParticipantLeftEvent;
    'ov-participant-changed': OvParticipantChangedEvent;
    'ov-error': OvErrorEvent;
    'ov-reconnecting': OvReconnectingEvent;
    'ov-reconnected': OvReconnectedEvent;
    'ov-device-changed': OvDeviceChangedEvent;
    'ov-chat-message': OvChatMessageEvent;
    'ov-recording-changed': OvRecordingChangedEvent;
    'ov-diagnostics-complete': OvDiagnosticsCompleteEvent;
  }
}
