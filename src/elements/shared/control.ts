/**
 * The base of the meeting's buttons (`<ov-toggle>`, `<ov-leave-button>`, `<ov-panel-toggle>`): one real `<button>`
 * with an icon and a name, `aria-pressed` for toggles, and its state on the host for CSS: `:state(pressed)`,
 * `:state(unavailable)` (hidden by default: a phone has no screen sharing, a viewer no microphone) and
 * `:state(disabled)`. Each control is a small class that says what it shows and what a click does.
 */
import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { OvRoomAwareElement } from './room-aware.js';
import { controlStyles } from './control.styles.js';
import { CustomStates } from './custom-states.js';

export abstract class OvControl extends OvRoomAwareElement {
  static override styles: CSSResultGroup = controlStyles;

  private readonly states = new CustomStates(this);

  /** The button's accessible name (also shown as its text, except where the room is narrow). */
  protected abstract get label(): string;
  protected abstract get icon(): TemplateResult;
  /** A toggle's state; undefined for a plain button (no `aria-pressed`). */
  protected get pressed(): boolean | undefined {
    return undefined;
  }
  /** A disclosure's state (a button that opens a panel); undefined for others (no `aria-expanded`). */
  protected get expanded(): boolean | undefined {
    return undefined;
  }
  /** False where the control makes no sense here: it is hidden. */
  protected get available(): boolean {
    return !!this.room;
  }
  protected get disabled(): boolean {
    return false;
  }
  protected abstract activate(button: HTMLButtonElement): void;
  /** A count or mark shown after the name (the chat's unread messages). */
  protected get badge(): TemplateResult | typeof nothing {
    return nothing;
  }

  /** Moves keyboard focus to the button. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('button')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.states.set('pressed', this.pressed === true || this.expanded === true);
    this.states.set('unavailable', !this.available);
    this.states.set('disabled', !this.available || this.disabled);
  }

  protected override render() {
    const pressed = this.pressed;
    const disabled = !this.available || this.disabled;
    return html`
      <button
        part="button"
        type="button"
        aria-pressed=${pressed === undefined ? nothing : String(pressed)}
        aria-expanded=${this.expanded === undefined ? nothing : String(this.expanded)}
        ?disabled=${disabled}
        @click=${(event: Event) => this.activate(event.currentTarget as HTMLButtonElement)}
      >
        ${this.icon}<span part="label">${this.label}</span>${this.badge}<slot name="badge"></slot>
      </button>
    `;
  }
}
