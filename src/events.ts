/**
 * The typed `ov-*` events of `<ov-room>`. All bubble and cross shadow roots (`composed`), and each is in
 * `HTMLElementEventMap`, so `room.addEventListener('ov-error', (e) => e.detail.remedy)` is typed everywhere.
 */
import type { OvErrorDetail } from './core/errors.js';
import type { LeftReason, ParticipantSnapshot } from './core/room-state.js';

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
  /** What the participant (local or remote) turned on or off. */
  readonly property: 'microphone' | 'camera';
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

export class OvReconnectedEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('ov-reconnected', init({}));
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
  }
}
