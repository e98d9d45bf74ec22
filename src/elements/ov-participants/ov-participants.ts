import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ParticipantSnapshot, VideoSource } from '../../core/room-state.js';
import { cameraIcon, cameraOffIcon, micIcon, micOffIcon, screenIcon } from '../shared/icons.js';
import { OvRoomAwareElement } from '../shared/room-aware.js';
import { visuallyHidden } from '../shared/visually-hidden.styles.js';

type Action = 'remove' | 'stop-camera' | 'stop-screen';

/**
 * Everyone in the meeting, you first, with their microphone, camera, screen and speaking state. With a MODERATOR
 * token (`state.canModerate`) each other participant gets "Stop camera", "Stop screen share" and "Remove", each
 * after a confirmation; without it, no such control appears. OpenVidu 2 has no remote mute, and none is offered.
 *
 * @summary The participants list, with a moderator's actions.
 *
 * @csspart base - The list's box.
 * @csspart list - The list.
 * @csspart participant - One participant (`data-local` for you, `data-speaking` while speaking).
 * @csspart name - Their name.
 * @csspart states - Their microphone, camera and screen icons.
 * @csspart actions - A moderator's buttons for them.
 * @csspart action - Each of those buttons.
 * @csspart confirm - The confirmation of an action.
 *
 * @cssprop [--ov-speaking-color=#4ade80] - The mark of whoever speaks.
 * @cssprop [--ov-muted-color=#fca5a5] - A microphone or camera that is off.
 * @cssprop [--ov-danger-color=#dc2626] - The confirm button of a removal.
 * @cssprop [--ov-focus-color=#93c5fd] - Focus ring.
 */
export class OvParticipants extends OvRoomAwareElement {
  static override styles = [
    visuallyHidden,
    css`
    :host {
      display: block;
      overflow-y: auto;
      color: var(--ov-room-color, #f3f4f6);
      font-family: var(--ov-font-family, system-ui, sans-serif);
    }
    :host([hidden]) {
      display: none;
    }
    [part='list'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    [part='participant'] {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
      gap: 4px 8px;
      padding: 6px 8px;
      border-radius: 8px;
      border-inline-start: 3px solid transparent;
    }
    [part='participant'][data-speaking] {
      border-inline-start-color: var(--ov-speaking-color, #4ade80);
    }
    [part='name'] {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .role {
      font-size: 0.75rem;
      opacity: 0.8;
      margin-inline-start: 6px;
    }
    [part='states'] {
      display: inline-flex;
      gap: 6px;
    }
    [part='states'] svg {
      width: 18px;
      height: 18px;
    }
    .off {
      color: var(--ov-muted-color, #fca5a5);
    }
    [part='actions'],
    [part='confirm'] {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    [part='confirm'] p {
      flex-basis: 100%;
      margin: 0;
    }
    button {
      font: inherit;
      font-size: 0.85rem;
      color: var(--ov-control-color, #f3f4f6);
      background: var(--ov-control-background, #2b303b);
      border: 0;
      border-radius: 6px;
      padding: 4px 10px;
      min-height: 40px;
      cursor: pointer;
    }
    button.danger {
      background: var(--ov-danger-color, #dc2626);
      color: #fff;
    }
    :focus-visible {
      outline: 2px solid var(--ov-focus-color, #93c5fd);
      outline-offset: 2px;
    }
    .hint {
      margin: 8px 0 0;
      font-size: 0.85rem;
      opacity: 0.8;
    }
  `,
  ];

  /** The action waiting for its confirmation. */
  @state() private pending?: { participantId: string; action: Action };

  /** Moves keyboard focus to the list (named, so a screen reader says what it is; Tab then reaches its buttons). */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('ul')?.focus(options);
  }

  protected override render() {
    const room = this.room;
    if (!room) return nothing;
    const moderating = room.canModerate;
    return html`
      <div part="base">
        <ul part="list" tabindex="-1" aria-label=${this.t('participants.list')}>
          ${repeat(room.participants, (p) => p.participantId, (p) => this.renderParticipant(p, moderating))}
        </ul>
        ${moderating ? html`<p class="hint">${this.t('participants.noRemoteMute')}</p>` : nothing}
      </div>
    `;
  }

  private renderParticipant(participant: ParticipantSnapshot, moderating: boolean) {
    const name = participant.name || this.t('participant.anonymous');
    const shown = participant.isLocal ? this.t('participant.you', { name }) : name;
    const facts = [
      participant.microphoneOn ? undefined : this.t('participant.micOff'),
      participant.cameraOn ? undefined : this.t('participant.cameraOff'),
      participant.screen ? this.t('participants.screen') : undefined,
      participant.speaking ? this.t('participants.speaking') : undefined,
    ].filter(Boolean);
    const pending = this.pending?.participantId === participant.participantId ? this.pending.action : undefined;
    return html`
      <li part="participant" ?data-local=${participant.isLocal} ?data-speaking=${participant.speaking}>
        <span part="name">${shown}${participant.role === 'MODERATOR' ? html`<span class="role">${this.t('participants.moderator')}</span>` : nothing}
          ${facts.length ? html`<span class="visually-hidden">, ${facts.join(', ')}</span>` : nothing}</span>
        <span part="states" aria-hidden="true">
          <span class=${participant.microphoneOn ? '' : 'off'}>${participant.microphoneOn ? micIcon : micOffIcon}</span>
          <span class=${participant.cameraOn ? '' : 'off'}>${participant.cameraOn ? cameraIcon : cameraOffIcon}</span>
          ${participant.screen ? screenIcon : nothing}
        </span>
        ${moderating && !participant.isLocal ? (pending ? this.renderConfirm(participant, name, pending) : this.renderActions(participant, name)) : nothing}
      </li>
    `;
  }

  private renderActions(participant: ParticipantSnapshot, name: string) {
    const ask = (action: Action) => () => {
      this.pending = { participantId: participant.participantId, action };
      this.focusLater('[part="confirm"] .danger');
    };
    return html`
      <div part="actions" role="group" aria-label=${this.t('participants.actionsFor', { name })}>
        ${participant.publishing ? html`<button part="action" type="button" @click=${ask('stop-camera')}>${this.t('participants.stopCamera')}</button>` : nothing}
        ${participant.screen ? html`<button part="action" type="button" @click=${ask('stop-screen')}>${this.t('participants.stopScreen')}</button>` : nothing}
        <button part="action" type="button" @click=${ask('remove')}>${this.t('participants.remove')}</button>
      </div>
    `;
  }

  private renderConfirm(participant: ParticipantSnapshot, name: string, action: Action) {
    const question =
      action === 'remove'
        ? this.t('participants.confirmRemove', { name })
        : action === 'stop-camera'
          ? this.t('participants.confirmStopCamera', { name })
          : this.t('participants.confirmStopScreen', { name });
    // Back to this participant's first action (the row stays: the list is keyed).
    const cancel = (event: Event) => {
      this.pending = undefined;
      this.focusLater('[part="action"]', (event.target as Element).closest('li')!);
    };
    return html`
      <div part="confirm" role="group" aria-label=${question} @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && (event.stopPropagation(), cancel(event))}>
        <p>${question}</p>
        <button type="button" class="danger" @click=${() => this.carryOut(participant.participantId, action)}>${this.t('participants.confirm')}</button>
        <button type="button" @click=${cancel}>${this.t('participants.cancel')}</button>
      </div>
    `;
  }

  private focusLater(selector: string, root: ParentNode = this.renderRoot): void {
    void this.updateComplete.then(() => root.querySelector<HTMLElement>(selector)?.focus());
  }

  private carryOut(participantId: string, action: Action): void {
    const room = this.room;
    this.pending = undefined;
    // The confirmation goes, and the button that asked goes too (the camera stopped, the row removed): focus stays in the list.
    this.focusLater('ul');
    if (!room) return;
    const source: VideoSource = action === 'stop-screen' ? 'screen' : 'camera';
    // A failure is reported by the room (ov-error); nothing more to do here.
    const done = action === 'remove' ? room.removeParticipant(participantId) : room.stopParticipantStream(participantId, source);
    done.catch(() => undefined);
  }
}
