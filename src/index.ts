/** The classes, types and helpers of openvidu-elements. Importing this registers nothing. */
export { OvRoom } from './elements/ov-room/ov-room.js';
export { OvVideo, OV_VIDEO_PARTICIPANTS, OV_VIDEO_SOURCES } from './elements/ov-video/ov-video.js';
export { OvPrejoin } from './elements/ov-prejoin/ov-prejoin.js';
export { OvDeviceSelect, OV_DEVICE_KINDS } from './elements/ov-device-select/ov-device-select.js';
export { OvToggle, OV_TOGGLE_SOURCES, type OvToggleSource } from './elements/ov-toggle/ov-toggle.js';
export { OvLeaveButton } from './elements/ov-leave-button/ov-leave-button.js';
export { OvPanelToggle, OV_PANELS } from './elements/ov-panel-toggle/ov-panel-toggle.js';
export { OvLayoutToggle } from './elements/ov-layout-toggle/ov-layout-toggle.js';
export { OvToolbar } from './elements/ov-toolbar/ov-toolbar.js';
export { OvLayout, OV_LAYOUT_MODES } from './elements/ov-layout/ov-layout.js';
export { OvChat } from './elements/ov-chat/ov-chat.js';
export { OvParticipants } from './elements/ov-participants/ov-participants.js';
export { OvRecordingIndicator } from './elements/ov-recording-indicator/ov-recording-indicator.js';
// <ov-diagnostics> loads on demand (the CDN bundle does not carry it): its class and runner are exported by its own
// module, openvidu-elements/ov-diagnostics.js; here only their types.
export type { OvDiagnostics } from './elements/ov-diagnostics/ov-diagnostics.js';
export { OvRoomAwareElement, type RoomSource } from './elements/shared/room-aware.js';
export { roomContext, uiContext } from './context.js';
export * from './events.js';
export { OvError, OV_ERROR_CODES, MEDIA_NOTICES, isOvError, type OvErrorCode, type OvErrorDetail } from './core/errors.js';
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
  VIDEO_SOURCES,
  participantNameFromData,
  type JoinOptions,
  type LeftReason,
  type ParticipantProperty,
  type ParticipantRole,
  type ParticipantSnapshot,
  type RecordingState,
  type ScreenView,
  type SelectedDevices,
  type StreamView,
  type RoomCommands,
  type RoomSnapshot,
  type RoomStatus,
  type VideoSource,
} from './core/room-state.js';
export { CONNECTION_TYPES, connectionData, readConnectionData, type ConnectionIdentity, type ConnectionType } from './core/connection-data.js';
export { CHAT_MAX_LENGTH, CHAT_HISTORY, type ChatMessage, type ChatSender } from './core/chat.js';
export { DEVICE_KINDS, type DeviceKind, type DeviceLists, type DeviceOption } from './core/devices.js';
export { PANELS, type Panel, type UiSnapshot } from './core/ui-state.js';
export { RoomController, type DeviceChangeReason, type RoomControllerOptions, type RoomEvent, type RoomInputs } from './core/room-controller.js';
export type {
  DiagnosticsRunner,
  DiagnosticDetails,
  DiagnosticStatus,
  DiagnosticStep,
  DiagnosticStepId,
  DiagnosticsInputs,
  DiagnosticsOptions,
  DiagnosticsResult,
  DiagnosticsSnapshot,
} from './core/diagnostics.js';
export { bestGrid, planStage, pageOf, tilesThatFit, LAYOUT_MODES, type GridLayout, type LayoutMode, type StagePlan, type StageInput, type Page } from './core/layout.js';
export { message, catalogFor, registerCatalog, type MessageKey, type Catalog } from './core/i18n/index.js';
