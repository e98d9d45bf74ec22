import { property } from 'lit/decorators.js';
import { css, type TemplateResult } from 'lit';
import { OvControl } from '../shared/control.js';
import { controlStyles } from '../shared/control.styles.js';
import { cameraIcon, cameraOffIcon, micIcon, micOffIcon, screenIcon, screenStopIcon } from '../shared/icons.js';

export const OV_TOGGLE_SOURCES = ['microphone', 'camera', 'screen'] as const;
export type OvToggleSource = (typeof OV_TOGGLE_SOURCES)[number];

/**
 * Turns the microphone or camera on and off, or shares the screen, in the lobby and during the call.
 *
 * It is a real `<button>` with `aria-pressed`. Hidden (`:state(unavailable)`) where it makes no sense: no screen
 * sharing on phones or for a room that cannot get a second token, no microphone or camera for a viewer.
 *
 * @summary A microphone, camera or screen-share toggle button.
 *
 * @csspart button - The button.
 * @csspart label - Its text (visually hidden in narrow rooms; always its accessible name).
 *
 * @slot badge - Something to show on the button, after its name.
 *
 * @cssprop [--ov-control-background=#2b303b] - The button's background.
 * @cssprop [--ov-control-off-background=var(--ov-danger-color, #dc2626)] - Background of a microphone or camera that is off.
 * @cssprop [--ov-accent-color=#2563eb] - Background while sharing the screen.
 * @cssprop [--ov-control-color=#f3f4f6] - Text and icon colour.
 * @cssprop [--ov-control-radius=8px] - Corner radius.
 * @cssprop [--ov-focus-color=#93c5fd] - Focus ring.
 *
 * Custom states: `:state(pressed)` while on, `:state(unavailable)`, `:state(disabled)`.
 */
export class OvToggle extends OvControl {
  static override styles = [
    controlStyles,
    css`
      /* Not sharing is the normal state, not a warning; sharing is highlighted. */
      :host([source='screen']) button[aria-pressed='false'] {
        background: var(--ov-control-background, #2b303b);
        color: var(--ov-control-color, #f3f4f6);
      }
      :host([source='screen']) button[aria-pressed='true'] {
        background: var(--ov-accent-color, #2563eb);
        color: #fff;
      }
    `,
  ];

  /** What it turns on and off. */
  @property({ reflect: true }) source: OvToggleSource = 'microphone';

  protected get label(): string {
    return this.t(this.source === 'microphone' ? 'control.microphone' : this.source === 'camera' ? 'control.camera' : 'control.screen');
  }

  protected get icon(): TemplateResult {
    const on = this.pressed;
    if (this.source === 'microphone') return on ? micIcon : micOffIcon;
    if (this.source === 'camera') return on ? cameraIcon : cameraOffIcon;
    return on ? screenStopIcon : screenIcon;
  }

  protected override get pressed(): boolean {
    const room = this.room;
    if (this.source === 'microphone') return !!room?.microphoneOn;
    if (this.source === 'camera') return !!room?.cameraOn;
    return !!room?.screenSharing;
  }

  protected override get available(): boolean {
    const room = this.room;
    if (!room) return false;
    if (this.source === 'screen') return room.canShareScreen;
    return room.canPublish;
  }

  protected override get disabled(): boolean {
    const room = this.room!;
    // After a moderator stopped them, turning either on publishes again.
    if (this.source === 'microphone') return !room.hasMicrophone && !room.mediaStopped;
    if (this.source === 'camera') return !room.hasCamera && !room.mediaStopped;
    return room.status !== 'joined';
  }

  protected activate(): void {
    const room = this.room;
    if (!room) return;
    if (this.source === 'microphone') room.toggleMicrophone();
    else if (this.source === 'camera') room.toggleCamera();
    else void room.toggleScreenShare();
  }
}
