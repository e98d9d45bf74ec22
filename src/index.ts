/** The classes, types and helpers of openvidu-elements. Importing this registers nothing. */
export { OvRoom } from './elements/ov-room/ov-room.js';
export { OvVideo, OV_VIDEO_PARTICIPANTS } from './elements/ov-video/ov-video.js';
export { roomContext } from './context.js';
export * from './events.js';
export { OvError, OV_ERROR_CODES, isOvError, type OvErrorCode, type OvErrorDetail } from './core/errors.js';
export {
  TokenSource,
  TOKEN_CONVENTIONS,
  TOKEN_KINDS,
  validateToken,
  type TokenAnswer,
  type TokenConvention,
  type TokenKind,
  type TokenProvider,
  type TokenRequest,
  type TokenRequestInit,
  type TokenSourceOptions,
} from './core/token-source.js';
export {
  ROOM_STATUSES,
  LEFT_REASONS,
  participantNameFromData,
  type LeftReason,
  type ParticipantSnapshot,
  type StreamView,
  type RoomCommands,
  type RoomSnapshot,
  type RoomStatus,
} from './core/room-state.js';
export { RoomController, type RoomControllerOptions, type RoomEvent, type RoomInputs } from './core/room-controller.js';
export { bestGrid, type GridLayout } from './core/layout.js';
export { message, catalogFor, registerCatalog, type MessageKey, type Catalog } from './core/i18n/index.js';
