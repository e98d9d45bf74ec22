/**
 * React components for React 18 and older (`openvidu-elements/react`), made with @lit/react: properties are set as
 * properties and `ov-*` events arrive in `onOv…` props (`onOvJoined`, `onOvError` …), which React 18 does not do for
 * custom elements. React 19 needs none of this: use the tags (typed by `openvidu-elements/react-jsx`).
 * Importing this registers every element. Not part of the CDN bundle.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import '../define.js';
import { OvChat as OvChatElement } from '../elements/ov-chat/ov-chat.js';
import { OvDeviceSelect as OvDeviceSelectElement } from '../elements/ov-device-select/ov-device-select.js';
import { OvDiagnostics as OvDiagnosticsElement } from '../elements/ov-diagnostics/ov-diagnostics.js';
import { OvLayout as OvLayoutElement } from '../elements/ov-layout/ov-layout.js';
import { OvLayoutToggle as OvLayoutToggleElement } from '../elements/ov-layout-toggle/ov-layout-toggle.js';
import { OvLeaveButton as OvLeaveButtonElement } from '../elements/ov-leave-button/ov-leave-button.js';
import { OvPanelToggle as OvPanelToggleElement } from '../elements/ov-panel-toggle/ov-panel-toggle.js';
import { OvParticipants as OvParticipantsElement } from '../elements/ov-participants/ov-participants.js';
import { OvPrejoin as OvPrejoinElement } from '../elements/ov-prejoin/ov-prejoin.js';
import { OvRecordingIndicator as OvRecordingIndicatorElement } from '../elements/ov-recording-indicator/ov-recording-indicator.js';
import { OvRoom as OvRoomElement } from '../elements/ov-room/ov-room.js';
import { OvToggle as OvToggleElement } from '../elements/ov-toggle/ov-toggle.js';
import { OvToolbar as OvToolbarElement } from '../elements/ov-toolbar/ov-toolbar.js';
import { OvVideo as OvVideoElement } from '../elements/ov-video/ov-video.js';
import type {
  OvChatMessageEvent,
  OvDeviceChangedEvent,
  OvErrorEvent,
  OvJoinedEvent,
  OvLeftEvent,
  OvParticipantChangedEvent,
  OvParticipantJoinedEvent,
  OvParticipantLeftEvent,
  OvReconnectedEvent,
  OvReconnectingEvent,
  OvRecordingChangedEvent,
} from '../events.js';

/** `<ov-room>`'s events as React props; test/examples/ checks this against custom-elements.json. */
export const OV_ROOM_EVENTS = {
  onOvJoined: 'ov-joined' as EventName<OvJoinedEvent>,
  onOvLeft: 'ov-left' as EventName<OvLeftEvent>,
  onOvParticipantJoined: 'ov-participant-joined' as EventName<OvParticipantJoinedEvent>,
  onOvParticipantLeft: 'ov-participant-left' as EventName<OvParticipantLeftEvent>,
  onOvParticipantChanged: 'ov-participant-changed' as EventName<OvParticipantChangedEvent>,
  onOvDeviceChanged: 'ov-device-changed' as EventName<OvDeviceChangedEvent>,
  onOvError: 'ov-error' as EventName<OvErrorEvent>,
  onOvChatMessage: 'ov-chat-message' as EventName<OvChatMessageEvent>,
  onOvReconnecting: 'ov-reconnecting' as EventName<OvReconnectingEvent>,
  onOvReconnected: 'ov-reconnected' as EventName<OvReconnectedEvent>,
  onOvRecordingChanged: 'ov-recording-changed' as EventName<OvRecordingChangedEvent>,
} as const;

export const OvRoom = createComponent({ react: React, tagName: 'ov-room', elementClass: OvRoomElement, events: OV_ROOM_EVENTS });
export const OvVideo = createComponent({ react: React, tagName: 'ov-video', elementClass: OvVideoElement });
export const OvPrejoin = createComponent({ react: React, tagName: 'ov-prejoin', elementClass: OvPrejoinElement });
export const OvDeviceSelect = createComponent({ react: React, tagName: 'ov-device-select', elementClass: OvDeviceSelectElement });
export const OvToggle = createComponent({ react: React, tagName: 'ov-toggle', elementClass: OvToggleElement });
export const OvLeaveButton = createComponent({ react: React, tagName: 'ov-leave-button', elementClass: OvLeaveButtonElement });
export const OvPanelToggle = createComponent({ react: React, tagName: 'ov-panel-toggle', elementClass: OvPanelToggleElement });
export const OvToolbar = createComponent({ react: React, tagName: 'ov-toolbar', elementClass: OvToolbarElement });
export const OvLayout = createComponent({ react: React, tagName: 'ov-layout', elementClass: OvLayoutElement });
export const OvLayoutToggle = createComponent({ react: React, tagName: 'ov-layout-toggle', elementClass: OvLayoutToggleElement });
/** `<ov-diagnostics>` loads on demand, as in define.js: `import 'openvidu-elements/ov-diagnostics.js'` registers it. */
export const OvDiagnostics = createComponent({
  react: React,
  tagName: 'ov-diagnostics',
  elementClass: OvDiagnosticsElement,
  events: { onOvDiagnosticsComplete: 'ov-diagnostics-complete' as EventName<CustomEvent> },
});
export const OvChat = createComponent({ react: React, tagName: 'ov-chat', elementClass: OvChatElement });
export const OvParticipants = createComponent({ react: React, tagName: 'ov-participants', elementClass: OvParticipantsElement });
export const OvRecordingIndicator = createComponent({ react: React, tagName: 'ov-recording-indicator', elementClass: OvRecordingIndicatorElement });
