import { css, html, nothing, type PropertyValues } from 'lit';
import { OvRoomAwareElement } from '../shared/room-aware.js';
import { CustomStates } from '../shared/custom-states.js';

/**
 * Shows that the session is being recorded ("REC"), while the OpenVidu server says so (`state.recording`), and
 * nothing otherwise. Its accessible name says it in words; the room announces the start and the stop itself, in
 * its own live region, whichever UI is shown.
 *
 * @summary The "being recorded" indicator.
 *
 * @csspart base - The badge.
 * @csspart dot - The red dot.
 * @csspart label - The text ("REC").
 *
 * @cssprop [--ov-recording-color=#ef4444] - The dot.
 * @cssprop [--ov-recording-background=rgb(17 20 24 / 75%)] - The badge's background.
 * @cssprop [--ov-recording-text-color=#fff] - The text.
 * @cssprop [--ov-font-family=system-ui, sans-serif] - Font.
 *
 * Custom state: `:state(active)` while the session is recorded (the element takes no room otherwise).
 */
export class OvRecordingIndicator extends OvRoomAwareElement {
  static override styles = css`
    :host {
      display: inline-flex;
    }
    :host(:not(:state(active))) {
      display: none;
    }
    [part='base'] {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px 4px 8px;
      border-radius: 999px;
      background: var(--ov-recording-background, rgb(17 20 24 / 75%));
      color: var(--ov-recording-text-color, #fff);
      font: 600 0.75rem / 1 var(--ov-font-family, system-ui, sans-serif);
      letter-spacing: 0.06em;
    }
    [part='dot'] {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--ov-recording-color, #ef4444);
      animation: pulse 2s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      [part='dot'] {
        animation: none;
      }
    }
  `;

  private readonly states = new CustomStates(this);

  /** Whether the session is being recorded now. */
  get active(): boolean {
    return !!this.room?.recording.active;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.states.set('active', this.active);
  }

  protected override render() {
    if (!this.active) return nothing;
    const label = this.t('recording.label');
    return html`
      <span part="base" role="img" aria-label=${label} title=${label}>
        <span part="dot"></span>
        <span part="label">${this.t('recording.indicator')}</span>
      </span>
    `;
  }
}
