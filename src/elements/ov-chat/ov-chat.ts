import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CHAT_MAX_LENGTH, type ChatMessage } from '../../core/chat.js';
import { OvRoomAwareElement } from '../shared/room-aware.js';
import { linkify } from './linkify.js';
import { styles } from './ov-chat.styles.js';

/**
 * The meeting's chat: messages with sender and time, links made clickable (http and https only, opened with
 * `rel="noopener noreferrer"`), everything else shown as text whatever it contains, and a composer (Enter sends,
 * Shift+Enter starts a new line) that says when a message is too long. The room announces new messages from others to
 * screen readers, this chat on screen or not, a burst summed up. It speaks OpenVidu Call's chat, so OpenVidu's own apps in the session read it.
 * While it is on screen the room counts nothing as unread.
 *
 * @summary Chat messages and a composer.
 *
 * @csspart base - The chat.
 * @csspart messages - The list of messages.
 * @csspart message - One message (`data-local` on your own).
 * @csspart sender - Its sender's name.
 * @csspart time - When it arrived.
 * @csspart text - Its text.
 * @csspart empty - What shows before the first message.
 * @csspart composer - The form to write a message.
 * @csspart input - The text field.
 * @csspart send - The Send button.
 * @csspart error - What is wrong with the message being written (too long).
 *
 * @cssprop [--ov-chat-own-background=#1e3a8a] - Background of your own messages.
 * @cssprop [--ov-chat-other-background=#2b303b] - Background of the others' messages.
 * @cssprop [--ov-chat-link-color=#93c5fd] - Links.
 * @cssprop [--ov-accent-color=#2563eb] - The Send button.
 * @cssprop [--ov-focus-color=#93c5fd] - Focus ring.
 */
export class OvChat extends OvRoomAwareElement {
  static override styles = styles;

  @state() private draft = '';
  private stickToBottom = true;
  private shown = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.shown) this.ui?.chatShown(false);
    this.shown = false;
  }

  /** Moves keyboard focus to the text field. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('textarea')?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const list = this.renderRoot.querySelector('[part="messages"]');
    // Follow new messages only for a reader who is at the end; one who scrolled back keeps their place.
    this.stickToBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 24;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.shown && this.ui) {
      this.shown = true;
      this.ui.chatShown(true);
    }
    const list = this.renderRoot.querySelector('[part="messages"]');
    if (list && this.stickToBottom) list.scrollTop = list.scrollHeight;
  }

  private senderName(message: ChatMessage): string {
    return message.local ? this.t('chat.you') : message.from.name || this.t('participant.anonymous');
  }

  protected override render() {
    const room = this.room;
    const messages = room?.chatMessages ?? [];
    const inCall = room?.status === 'joined';
    const tooLong = this.draft.trim().length - CHAT_MAX_LENGTH;
    const time = new Intl.DateTimeFormat(room?.lang || undefined, { hour: '2-digit', minute: '2-digit' });
    return html`
      <div part="base">
        ${messages.length
          ? html`<ol part="messages" aria-label=${this.t('chat.messages')} tabindex="0">
              ${repeat(
                messages,
                (message) => message.id,
                (message) => html`
                  <li part="message" ?data-local=${message.local}>
                    <span part="sender">${this.senderName(message)}</span>
                    <time part="time" datetime=${new Date(message.time).toISOString()}>${time.format(message.time)}</time>
                    <p part="text">${linkify(message.message)}</p>
                  </li>
                `,
              )}
            </ol>`
          : html`<p part="empty">${inCall ? this.t('chat.empty') : this.t('chat.notInCall')}</p>`}
        <form part="composer" @submit=${this.onSubmit}>
          <label class="visually-hidden" for="composer">${this.t('chat.composer')}</label>
          <textarea
            id="composer"
            part="input"
            rows="2"
            .value=${this.draft}
            placeholder=${this.t('chat.placeholder')}
            ?disabled=${!inCall}
            aria-invalid=${tooLong > 0 ? 'true' : 'false'}
            aria-describedby="too-long"
            @input=${(event: Event) => (this.draft = (event.target as HTMLTextAreaElement).value)}
            @keydown=${this.onKeyDown}
          ></textarea>
          <button part="send" type="submit" ?disabled=${!inCall || !this.draft.trim() || tooLong > 0}>${this.t('chat.send')}</button>
          <p part="error" id="too-long" ?hidden=${tooLong <= 0}>${tooLong > 0 ? this.t('chat.tooLong', { count: tooLong, max: CHAT_MAX_LENGTH }) : nothing}</p>
        </form>
      </div>
    `;
  }

  private onKeyDown(event: KeyboardEvent): void {
    // Enter sends; Shift+Enter is a new line; an IME still composing keeps its Enter.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.send();
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.send();
  }

  private send(): void {
    const text = this.draft.trim();
    if (!text || text.length > CHAT_MAX_LENGTH || !this.room) return;
    const sent = this.draft;
    this.draft = '';
    this.stickToBottom = true;
    // A message that could not be sent comes back to the field (the room fired ov-error).
    this.room.sendChatMessage(text).catch(() => {
      if (!this.draft) this.draft = sent;
    });
  }
}
