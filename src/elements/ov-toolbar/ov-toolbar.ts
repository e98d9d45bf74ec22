import { css, html } from 'lit';
import { OvRoomAwareElement } from '../shared/room-aware.js';

/**
 * The meeting's row of controls: microphone, camera, screen share, speaker view, chat, participants, settings, then whatever
 * you slot in, then Leave. Each is a public element (`<ov-toggle>`, `<ov-panel-toggle>`, `<ov-leave-button>`); for another order or
 * another set, write your own row of them instead.
 *
 * @summary The built-in row of meeting controls.
 *
 * @slot - More controls, placed before Leave.
 *
 * @csspart base - The row (a `role="toolbar"` group).
 * @csspart microphone - The microphone toggle (its own parts exported as `microphone-button` …).
 * @csspart camera - The camera toggle.
 * @csspart screen - The screen-share toggle.
 * @csspart layout - The "Speaker view" toggle (`<ov-layout-toggle>`).
 * @csspart chat - The chat button (its unread count as `chat-badge`).
 * @csspart participants - The participants button.
 * @csspart settings - The settings button.
 * @csspart leave - The leave button.
 *
 * @cssprop [--ov-toolbar-gap=8px] - Space between controls.
 */
export class OvToolbar extends OvRoomAwareElement {
  static override styles = css`
    :host {
      display: block;
    }
    [part='base'] {
      display: flex;
      justify-content: center;
      align-items: center;
      flex-wrap: wrap;
      gap: var(--ov-toolbar-gap, 8px);
    }
    ::slotted(*) {
      flex: none;
    }
    /* A phone keeps one row of controls. */
    @container (max-width: 420px) {
      [part='base'] {
        gap: var(--ov-toolbar-gap, 4px);
      }
    }
  `;

  protected override render() {
    return html`
      <div part="base" role="toolbar" aria-label=${this.t('room.toolbar')} @keydown=${this.onKeyDown}>
        <ov-toggle source="microphone" part="microphone" exportparts="button:microphone-button, label:microphone-label"></ov-toggle>
        <ov-toggle source="camera" part="camera" exportparts="button:camera-button, label:camera-label"></ov-toggle>
        <ov-toggle source="screen" part="screen" exportparts="button:screen-button, label:screen-label"></ov-toggle>
        <ov-layout-toggle part="layout" exportparts="button:layout-button, label:layout-label"></ov-layout-toggle>
        <ov-panel-toggle panel="chat" part="chat" exportparts="button:chat-button, label:chat-label, badge:chat-badge"></ov-panel-toggle>
        <ov-panel-toggle panel="participants" part="participants" exportparts="button:participants-button, label:participants-label"></ov-panel-toggle>
        <ov-panel-toggle panel="settings" part="settings" exportparts="button:settings-button, label:settings-label"></ov-panel-toggle>
        <slot></slot>
        <ov-leave-button part="leave" exportparts="button:leave-button, label:leave-label"></ov-leave-button>
      </div>
    `;
  }

  /** Arrow keys move between the buttons, as in any toolbar; Tab still reaches each of them. */
  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const buttons = this.buttons();
    const current = buttons.findIndex((button) => button.matches(':focus-within') || button.shadowRoot?.activeElement);
    if (current < 0) return;
    const next = buttons[(current + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length];
    next?.focus();
    event.preventDefault();
  }

  private buttons(): HTMLElement[] {
    const own = [...this.renderRoot.querySelectorAll<HTMLElement>('ov-toggle, ov-layout-toggle, ov-panel-toggle, ov-leave-button')];
    const slotted = (this.renderRoot.querySelector('slot')?.assignedElements({ flatten: true }) ?? []) as HTMLElement[];
    const ordered = [...own.slice(0, -1), ...slotted, ...own.slice(-1)];
    return ordered.filter((element) => !element.matches(':state(unavailable), :state(disabled)') && element.getClientRects().length > 0);
  }
}
