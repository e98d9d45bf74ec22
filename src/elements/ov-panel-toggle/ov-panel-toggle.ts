import { property } from 'lit/decorators.js';
import type { TemplateResult } from 'lit';
import type { MessageKey } from '../../core/i18n/index.js';
import { PANELS, type Panel } from '../../core/ui-state.js';
import { OvControl } from '../shared/control.js';
import { html, nothing } from 'lit';
import { chatIcon, peopleIcon, settingsIcon } from '../shared/icons.js';

export { PANELS as OV_PANELS };

const PANEL_LABELS: Record<Panel, MessageKey> = { settings: 'control.settings', chat: 'control.chat', participants: 'control.participants' };
const PANEL_ICONS: Record<Panel, TemplateResult> = { settings: settingsIcon, chat: chatIcon, participants: peopleIcon };

/**
 * Opens and closes one of the meeting's side panels: `settings`, `chat` (with the number of unread messages) or
 * `participants` (with how many are there). It reads and changes the room's UI state, never the panel itself, so
 * panels and their buttons can be placed anywhere.
 *
 * @summary A button that opens a side panel of the meeting.
 *
 * @csspart button - The button (`aria-expanded` while its panel is open).
 * @csspart label - Its text (visually hidden in narrow rooms; always its accessible name).
 *
 * @csspart badge - The unread count (chat) or head count (participants).
 * @slot badge - Something else to show on the button.
 *
 * @cssprop [--ov-control-background=#2b303b] - The button's background.
 * @cssprop [--ov-control-radius=8px] - Corner radius.
 * @cssprop [--ov-focus-color=#93c5fd] - Focus ring.
 *
 * Custom states: `:state(pressed)` while its panel is open, `:state(unavailable)`.
 */
export class OvPanelToggle extends OvControl {
  /** The panel it opens. */
  @property({ reflect: true }) panel: Panel = 'settings';

  protected get label(): string {
    return this.t(PANEL_LABELS[this.panel] ?? 'control.settings');
  }

  protected get icon(): TemplateResult {
    return PANEL_ICONS[this.panel] ?? settingsIcon;
  }

  /** Unread messages on the chat button, the head count on the participants button. */
  protected override get badge(): TemplateResult | typeof nothing {
    if (this.panel === 'chat') {
      const unread = this.ui?.unreadChat ?? 0;
      return unread
        ? html`<span part="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span><span class="visually-hidden">, ${this.t('control.unread', { count: unread })}</span>`
        : nothing;
    }
    if (this.panel === 'participants') {
      const count = this.room?.participants.length ?? 0;
      return count ? html`<span part="badge" class="count" aria-hidden="true">${count}</span><span class="visually-hidden">, ${count}</span>` : nothing;
    }
    return nothing;
  }

  protected override get expanded(): boolean {
    return this.ui?.openPanel === this.panel;
  }

  protected override get available(): boolean {
    return !!this.room && !!this.ui && (PANELS as readonly string[]).includes(this.panel);
  }

  protected activate(button: HTMLButtonElement): void {
    this.ui?.togglePanel(this.panel, button);
  }
}
