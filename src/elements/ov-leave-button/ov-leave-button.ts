import type { TemplateResult } from 'lit';
import { OvControl } from '../shared/control.js';
import { leaveIcon } from '../shared/icons.js';
import { controlStyles } from '../shared/control.styles.js';
import { css } from 'lit';

/**
 * Leaves the meeting: the camera, microphone and screen are released.
 *
 * @summary The leave button.
 *
 * @csspart button - The button.
 * @csspart label - Its text (visually hidden in narrow rooms; always its accessible name).
 *
 * @cssprop [--ov-danger-color=#dc2626] - Its background.
 * @cssprop [--ov-control-radius=8px] - Corner radius.
 * @cssprop [--ov-focus-color=#93c5fd] - Focus ring.
 *
 * Custom states: `:state(unavailable)` while the room is not in a call.
 */
export class OvLeaveButton extends OvControl {
  static override styles = [
    controlStyles,
    css`
      button {
        background: var(--ov-danger-color, #dc2626);
        color: #fff;
      }
    `,
  ];

  protected get label(): string {
    return this.t('control.leave');
  }

  protected get icon(): TemplateResult {
    return leaveIcon;
  }

  protected override get available(): boolean {
    const status = this.room?.status;
    return status === 'joined' || status === 'reconnecting' || status === 'connecting';
  }

  protected activate(): void {
    void this.room?.leave();
  }
}
