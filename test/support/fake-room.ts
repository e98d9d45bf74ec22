// A stand-in room for testing how the composable elements render a given state and which command they call:
// it provides a snapshot through the same contexts <ov-room> uses. Calls are recorded, not carried out.
import { LitElement, html } from 'lit';
import { ContextProvider } from '@lit/context';
import { roomContext, uiContext } from '../../src/context.js';
import { NO_DEVICES } from '../../src/core/devices.js';
import type { RoomSnapshot } from '../../src/core/room-state.js';
import type { Panel, UiSnapshot } from '../../src/core/ui-state.js';
import type { LayoutMode } from '../../src/core/layout.js';

export type Call = [string, ...unknown[]];

export class FakeRoom extends LitElement {
  readonly calls: Call[] = [];
  private readonly room = new ContextProvider(this, { context: roomContext });
  private readonly ui = new ContextProvider(this, { context: uiContext });
  private state: RoomSnapshot;
  private panel?: Panel;
  private layout: LayoutMode = 'auto';

  constructor() {
    super();
    this.state = this.snapshot({});
    this.room.setValue(this.state);
    this.ui.setValue(this.uiSnapshot());
  }

  /** Replaces parts of the snapshot the elements see. */
  set(overrides: Partial<RoomSnapshot>): void {
    this.state = this.snapshot(overrides);
    this.room.setValue(this.state);
  }

  private record = (name: string) => (...args: unknown[]) => {
    this.calls.push([name, ...args]);
    return Promise.resolve();
  };

  private uiSnapshot(): UiSnapshot {
    return {
      openPanel: this.panel,
      togglePanel: (panel: Panel, opener?: HTMLElement) => {
        this.calls.push(['togglePanel', panel, opener]);
        this.panel = this.panel === panel ? undefined : panel;
        this.ui.setValue(this.uiSnapshot());
      },
      closePanel: () => {
        this.calls.push(['closePanel']);
        this.panel = undefined;
        this.ui.setValue(this.uiSnapshot());
      },
      unreadChat: 0,
      layout: this.layout,
      setLayout: (layout: LayoutMode) => {
        this.calls.push(['setLayout', layout]);
        this.layout = layout;
        this.ui.setValue(this.uiSnapshot());
      },
      chatShown: (shown: boolean) => this.calls.push(['chatShown', shown]),
    };
  }

  private snapshot(overrides: Partial<RoomSnapshot>): RoomSnapshot {
    const base = this.state ?? {
      status: 'joined',
      sessionId: 'fake',
      participantName: 'Ana',
      lang: 'en',
      local: undefined,
      remotes: [],
      participants: [],
      microphoneOn: true,
      cameraOn: true,
      hasMicrophone: true,
      hasCamera: true,
      screenSharing: false,
      mediaStarting: false,
      canPublish: true,
      canShareScreen: true,
      canChooseSpeaker: true,
      devices: NO_DEVICES,
      selectedDevices: {},
      audioBlocked: false,
      mediaStopped: false,
      canModerate: false,
      chatMessages: [],
      recording: { active: false },
      error: undefined,
      notices: [],
      leftReason: undefined,
    };
    const commands = {
      join: this.record('join'),
      leave: this.record('leave'),
      toggleMicrophone: this.record('toggleMicrophone'),
      toggleCamera: this.record('toggleCamera'),
      setMicrophoneEnabled: this.record('setMicrophoneEnabled'),
      setCameraEnabled: this.record('setCameraEnabled'),
      toggleScreenShare: this.record('toggleScreenShare'),
      startScreenShare: this.record('startScreenShare'),
      stopScreenShare: this.record('stopScreenShare'),
      switchDevice: this.record('switchDevice'),
      startPreview: this.record('startPreview'),
      stopPreview: this.record('stopPreview'),
      watchMicrophoneLevel: () => () => undefined,
      resumeAudio: this.record('resumeAudio'),
      requestVideo: (...args: unknown[]) => {
        this.calls.push(['requestVideo', ...args]);
        return () => void this.calls.push(['withdrawVideo', ...args]);
      },
      dismissNotice: this.record('dismissNotice'),
      retryPublishing: this.record('retryPublishing'),
      sendChatMessage: this.record('sendChatMessage'),
      removeParticipant: this.record('removeParticipant'),
      stopParticipantStream: this.record('stopParticipantStream'),
    };
    return Object.freeze({ ...base, ...overrides, ...commands }) as RoomSnapshot;
  }

  override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('fake-room', FakeRoom);
