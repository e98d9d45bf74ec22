import { css, svg, type CSSResultGroup, type TemplateResult } from 'lit';
import { OvControl } from '../shared/control.js';

const speakerViewIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><rect x="2" y="4" width="14" height="16" rx="2"/><rect x="18" y="4" width="4" height="4" rx="1"/><rect x="18" y="10" width="4" height="4" rx="1"/><rect x="18" y="16" width="4" height="4" rx="1"/></svg>`;

/**
 * Switches the stage between the speaker layout (pressed) and the grid, through the room's UI state, so every
 * `<ov-layout>` of the room without a `layout` of its own follows. A shared screen still takes the stage in both.
 *
 * @summary The "Speaker view" toggle of the meeting's toolbar.
 *
 * @cssprop [--ov-control-active-background=#1d4ed8] - Background while the speaker layout is on.
 * @csspart button - The button (`aria-pressed` in the speaker layout).
 * @csspart label - Its text (visually hidden in narrow rooms; always its accessible name).
 *
 * Custom states: `:state(pressed)`, `:state(unavailable)`.
 */
export class OvLayoutToggle extends OvControl {
  // Not pressed is the grid, a layout, not something turned off: no warning red as for a microphone that is off.
  static override styles: CSSResultGroup = [
    OvControl.styles,
    css`
      button[aria-pressed='false'] {
        background: var(--ov-control-background, #2b303b);
        color: var(--ov-control-color, #f3f4f6);
      }
      button[aria-pressed='true'] {
        background: var(--ov-control-active-background, #1d4ed8);
      }
    `,
  ];

  protected get label(): string {
    return this.t('control.speakerView');
  }

  protected get icon(): TemplateResult {
    return speakerViewIcon;
  }

  protected override get pressed(): boolean {
    return this.ui?.layout === 'speaker';
  }

  protected override get available(): boolean {
    return !!this.room && !!this.ui;
  }

  protected activate(): void {
    this.ui?.setLayout(this.pressed ? 'grid' : 'speaker');
  }
}
