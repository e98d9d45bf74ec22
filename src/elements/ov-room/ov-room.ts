import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { provide } from '@lit/context';
import { roomContext } from '../../context.js';
import { message, type MessageKey } from '../../core/i18n/index.js';
import { bestGrid } from '../../core/layout.js';
import { MEDIA_NOTICES, RoomController, type RoomEvent, type RoomInputs } from '../../core/room-controller.js';
import type { ParticipantSnapshot, RoomSnapshot } from '../../core/room-state.js';
import type { TokenConvention, TokenProvider, TokenRequestInit, TokenSourceOptions } from '../../core/token-source.js';
import {
  OvErrorEvent,
  OvJoinedEvent,
  OvLeftEvent,
  OvParticipantChangedEvent,
  OvParticipantJoinedEvent,
  OvParticipantLeftEvent,
  OvReconnectedEvent,
  OvReconnectingEvent,
} from '../../events.js';
import { cameraIcon, cameraOffIcon, leaveIcon, micIcon, micOffIcon } from '../shared/icons.js';
import { styles } from './ov-room.styles.js';

const TOKEN_PROPERTIES = ['tokenUrl', 'token', 'tokenProvider', 'tokenConvention', 'tokenRequestInit'] as const;
const TILE_ASPECT_RATIO = 16 / 9;
const TILE_GAP_PX = 8;

/**
 * A complete OpenVidu 2 meeting: asks the application server for a token, joins the session, publishes the
 * camera and microphone, and shows everyone in a grid with microphone, camera and leave controls.
 *
 * Children replace the built-in meeting UI; they receive the room through context (`<ov-video>` does).
 *
 * @summary A video meeting on an OpenVidu 2 deployment.
 *
 * @slot - Your own meeting UI. Leave empty for the built-in one.
 *
 * @csspart base - The room's box.
 * @csspart prejoin - The join step (name and Join button).
 * @csspart status - The "joining" and "left" messages.
 * @csspart error - The error view.
 * @csspart stage - The grid of participant tiles.
 * @csspart tile - Each participant's `<ov-video>` (its own parts are exported with a `tile-` prefix).
 * @csspart toolbar - The row of controls.
 * @csspart button - Every button of the room.
 * @csspart notice - A problem the room went on after (a refused camera, a failed media connection).
 *
 * @cssprop [--ov-room-background=#111418] - Room background.
 * @cssprop [--ov-room-color=#f3f4f6] - Text colour.
 * @cssprop [--ov-room-min-height=360px] - Height of the room when its container sets none.
 * @cssprop [--ov-accent-color=#2563eb] - Primary buttons.
 * @cssprop [--ov-danger-color=#dc2626] - The leave button and turned-off controls.
 * @cssprop [--ov-control-background=#2b303b] - Control buttons.
 * @cssprop [--ov-focus-color=#93c5fd] - Focus ring.
 * @cssprop [--ov-font-family=system-ui, sans-serif] - Font of the room.
 * @cssprop [--ov-room-radius=12px] - Corner radius of the room.
 * @cssprop [--ov-notice-background=#3f2d0c] - Background of notices (a refused camera, reconnecting).
 * @cssprop [--ov-notice-color=#fde68a] - Text colour of notices.
 *
 * Custom state: `:state(custom-ui)` while children replace the built-in UI (the room then draws no box).
 *
 * @fires {OvJoinedEvent} ov-joined - The local participant joined the session.
 * @fires {OvLeftEvent} ov-left - The local participant is out of the session; `detail.reason` says why.
 * @fires {OvParticipantJoinedEvent} ov-participant-joined - Someone else joined.
 * @fires {OvParticipantLeftEvent} ov-participant-left - Someone else left.
 * @fires {OvParticipantChangedEvent} ov-participant-changed - A participant (the local one too) turned their microphone or camera on or off.
 * @fires {OvErrorEvent} ov-error - Something went wrong; `detail` has `code`, `message`, `remedy`, `fatal`.
 * @fires {OvReconnectingEvent} ov-reconnecting - The connection dropped; the room is trying to recover it.
 * @fires {OvReconnectedEvent} ov-reconnected - The connection is back.
 */
export class OvRoom extends LitElement {
  static override styles = styles;

  /** The application server's token endpoint (for OpenVidu's tutorial servers, `http://localhost:5000/api`). */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  /** How to ask `token-url` for a token: `tutorial` (default) or `single-request`. */
  @property({ attribute: 'token-convention' }) tokenConvention: TokenConvention = 'tutorial';

  /** The OpenVidu session to join (its custom session id). */
  @property({ attribute: 'session-id' }) sessionId = '';

  /** The name others see. Without it, the join step asks for one. */
  @property({ attribute: 'participant-name' }) participantName = '';

  /** A ready OpenVidu token: no request to an application server. Single-use, like every OpenVidu token. */
  @property() token?: string;

  /** Join at once, without the join step. */
  @property({ type: Boolean, attribute: 'no-prejoin' }) noPrejoin = false;

  /** The language of the room's texts (`en`, `es`); by default the page's (`<html lang>`), else English. */
  @property() override lang = '';

  /** Seconds a dropped connection may take to come back before the room gives up (`CONNECTION_LOST`). */
  @property({ type: Number, attribute: 'reconnect-timeout' }) reconnectTimeout = 30;

  /** A function that returns tokens, for backends that fit neither convention. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /** Headers, credentials and the like for the requests to `token-url`. */
  @property({ attribute: false }) tokenRequestInit?: TokenRequestInit;

  @provide({ context: roomContext })
  @state()
  private snapshot: RoomSnapshot;

  @state() private hasCustomUi = false;
  @state() private announcement = '';
  @state() private stageSize = { width: 0, height: 0 };

  private readonly controller: RoomController;
  private readonly internals = this.attachInternals();
  private tokens: TokenSourceOptions = {};
  private resizeObserver?: ResizeObserver;
  private observedStage?: Element;
  /** Set by the user's own clicks that change the view, so that keyboard focus follows to the new view. */
  private moveFocus = false;

  constructor() {
    super();
    this.controller = new RoomController({
      onSnapshot: (snapshot) => (this.snapshot = snapshot),
      onEvent: (event) => this.onRoomEvent(event),
    });
    this.snapshot = this.controller.snapshot;
  }

  /** The room as it is now: status, participants, errors, and the commands. */
  get state(): RoomSnapshot {
    return this.snapshot;
  }

  /** Joins the session. Joining again while joining or joined with the same inputs does nothing. */
  join(): Promise<void> {
    this.controller.setInputs(this.inputs());
    return this.controller.join();
  }

  /** Leaves the session: the camera and microphone are released. */
  leave(): Promise<void> {
    return this.controller.leave('user');
  }

  toggleMicrophone(): void {
    this.snapshot.toggleMicrophone();
  }

  toggleCamera(): void {
    this.snapshot.toggleCamera();
  }

  setMicrophoneEnabled(enabled: boolean): void {
    this.snapshot.setMicrophoneEnabled(enabled);
  }

  setCameraEnabled(enabled: boolean): void {
    this.snapshot.setCameraEnabled(enabled);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.hasCustomUi = hasContent(this.childNodes);
    this.resizeObserver = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (width !== this.stageSize.width || height !== this.stageSize.height) this.stageSize = { width, height };
    });
    this.requestUpdate(); // observes the stage again with the new ResizeObserver
    const { status, leftReason } = this.snapshot;
    if (this.noPrejoin && (status === 'idle' || leftReason === 'removed')) void this.updateComplete.then(() => this.autoJoin());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.observedStage = undefined;
    // A move within the page disconnects and reconnects at once: only leave if the room stays out of the page.
    queueMicrotask(() => {
      if (!this.isConnected) this.controller.dispose();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Your own UI flows in the page: no dark box, no minimum height (see :state(custom-ui) in the styles).
    if (this.hasCustomUi) this.internals.states.add('custom-ui');
    else this.internals.states.delete('custom-ui');
    const tokensChanged = TOKEN_PROPERTIES.some((name) => changed.has(name));
    if (tokensChanged) {
      this.tokens = {
        token: this.token || undefined,
        tokenProvider: this.tokenProvider,
        tokenUrl: this.tokenUrl || undefined,
        convention: this.tokenConvention,
        requestInit: this.tokenRequestInit,
      };
    }
    if (tokensChanged || changed.has('sessionId') || changed.has('participantName') || changed.has('lang') || changed.has('reconnectTimeout')) {
      const inputs = this.inputs();
      // Inputs that change while connecting or joined take effect at once: the old session is left first.
      const rejoin = this.controller.isActiveWithOtherInputs(inputs);
      this.controller.setInputs(inputs);
      if (rejoin) void this.controller.join();
    }
  }

  private inputs(): RoomInputs {
    return {
      sessionId: this.sessionId,
      participantName: this.participantName,
      tokens: this.tokens,
      lang: this.lang || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || undefined,
      reconnectTimeoutMs: this.reconnectTimeout * 1000,
    };
  }

  private autoJoin(): void {
    if (this.isConnected && this.noPrejoin) void this.join();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const stage = this.renderRoot.querySelector('[part="stage"]') ?? undefined;
    if (stage !== this.observedStage) {
      if (this.observedStage) this.resizeObserver?.unobserve(this.observedStage);
      if (stage) this.resizeObserver?.observe(stage);
      this.observedStage = stage;
    }
    // `no-prejoin` set after the room entered the page (frameworks often set properties late).
    if (changed.has('noPrejoin') && changed.get('noPrejoin') === false && this.snapshot.status === 'idle') this.autoJoin();
    const { status } = this.snapshot;
    if (this.moveFocus && (status === 'joined' || status === 'left' || status === 'error')) this.focusView();
  }

  private onRoomEvent(event: RoomEvent): void {
    const nameOf = (participant: ParticipantSnapshot) => participant.name || this.t('participant.anonymous');
    switch (event.type) {
      case 'joined':
        this.announce(this.t('room.announce.joined', { session: this.sessionId }));
        this.dispatchEvent(new OvJoinedEvent({ sessionId: event.sessionId, connectionId: event.connectionId }));
        break;
      case 'left':
        if (event.reason !== 'removed') this.announce(this.leftMessage());
        this.dispatchEvent(new OvLeftEvent({ reason: event.reason }));
        break;
      case 'participant-joined':
        // Those already in the session arrive before `joined`: they did not just join.
        if (this.snapshot.status === 'joined') this.announce(this.t('room.announce.participantJoined', { name: nameOf(event.participant) }));
        this.dispatchEvent(new OvParticipantJoinedEvent({ participant: event.participant }));
        break;
      case 'participant-left':
        this.announce(this.t('room.announce.participantLeft', { name: nameOf(event.participant) }));
        this.dispatchEvent(new OvParticipantLeftEvent({ participant: event.participant, reason: event.reason }));
        break;
      case 'participant-changed':
        this.dispatchEvent(new OvParticipantChangedEvent({ participant: event.participant, property: event.property }));
        break;
      case 'error':
        this.dispatchEvent(new OvErrorEvent(event.error));
        break;
      case 'reconnecting':
        this.announce(this.t('room.reconnecting'));
        this.dispatchEvent(new OvReconnectingEvent());
        break;
      case 'reconnected':
        this.dispatchEvent(new OvReconnectedEvent());
        break;
    }
  }

  private announce(text: string): void {
    // Re-setting the same text would not be read again; a changed one is.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  private t(key: MessageKey, params?: Record<string, string>): string {
    return message(key, params, this.snapshot.lang);
  }

  private leftMessage(): string {
    const reason = this.snapshot.leftReason;
    const key = `room.leftReason.${reason}` as MessageKey;
    return reason && reason !== 'user' && reason !== 'removed' ? this.t(key) : this.t('room.left');
  }

  protected override render() {
    return html`
      <div part="base" class="room">
        <slot @slotchange=${this.onSlotChange}></slot>
        ${this.hasCustomUi ? nothing : this.renderBuiltIn()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </div>
    `;
  }

  private onSlotChange(event: Event): void {
    this.hasCustomUi = hasContent((event.target as HTMLSlotElement).assignedNodes());
  }


  private renderBuiltIn() {
    const { status } = this.snapshot;
    switch (status) {
      case 'idle':
        return this.noPrejoin ? this.renderJoining() : this.renderPrejoin();
      case 'connecting':
        return this.renderJoining();
      case 'joined':
      case 'reconnecting':
        return this.renderMeeting();
      case 'left':
        return this.renderLeft();
      case 'error':
        return this.renderError();
    }
  }

  private renderPrejoin() {
    return html`
      <form part="prejoin" class="panel" @submit=${this.onPrejoinSubmit}>
        <h2>${this.t('room.joinTitle', { session: this.sessionId })}</h2>
        <label for="name">${this.t('room.nameLabel')}</label>
        <input id="name" name="name" autocomplete="name" .value=${this.participantName} required maxlength="100" />
        <button part="button" class="primary" type="submit">${this.t('room.join')}</button>
      </form>
    `;
  }

  private onPrejoinSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    this.participantName = input.value.trim();
    this.moveFocus = true;
    void this.updateComplete.then(() => this.join());
  }

  private onLeaveClick(): void {
    this.moveFocus = true;
    void this.leave();
  }

  private onJoinClick(): void {
    this.moveFocus = true;
    void this.join();
  }

  /** Focus the new view's main button: Join again / Try again, or the microphone once it can be used (never Leave). */
  private focusView(): void {
    const candidates = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button.primary, [part="toolbar"] button:not(.danger)')];
    const target = candidates.find((button) => !button.disabled);
    if (!target) return; // the controls are still disabled: try again on the next render
    this.moveFocus = false;
    target.focus();
  }

  private renderJoining() {
    return html`
      <div part="status" class="panel" role="status">
        <span class="spinner" aria-hidden="true"></span>
        <p>${this.t('room.joining', { session: this.sessionId })}</p>
      </div>
    `;
  }

  private renderLeft() {
    return html`
      <div part="status" class="panel">
        <p>${this.leftMessage()}</p>
        <button part="button" class="primary" type="button" @click=${this.onJoinClick}>${this.t('room.rejoin')}</button>
      </div>
    `;
  }

  private renderError() {
    const error = this.snapshot.error!;
    return html`
      <div part="error" class="panel" role="alert" data-code=${error.code}>
        <h2>${this.t('room.errorTitle')}</h2>
        <p class="message">${error.message}</p>
        <p class="remedy">${error.remedy}</p>
        <button part="button" class="primary" type="button" @click=${this.onJoinClick}>${this.t('room.retry')}</button>
      </div>
    `;
  }

  private renderMeeting() {
    const { participants, notices, status, microphoneOn, cameraOn, local } = this.snapshot;
    const grid = bestGrid(participants.length, this.stageSize.width, this.stageSize.height, TILE_ASPECT_RATIO, TILE_GAP_PX);
    const gridStyle = `--_columns:${grid.columns};--_tile-width:${Math.floor(grid.tileWidth)}px;--_tile-height:${Math.floor(grid.tileHeight)}px`;
    return html`
      ${status === 'reconnecting' ? html`<div part="notice" class="banner">${this.t('room.reconnecting')}</div>` : nothing}
      ${notices.map(
        (notice) => html`
          <div part="notice" class="banner" role="status" data-code=${notice.code}>
            <p><strong>${notice.message}</strong> ${notice.remedy}</p>
            ${MEDIA_NOTICES.includes(notice.code)
              ? html`<button part="button" type="button" @click=${() => this.snapshot.retryPublishing()}>${this.t('room.retry')}</button>`
              : nothing}
            <button part="button" type="button" @click=${() => this.snapshot.dismissNotice(notice.code)}>${this.t('room.dismiss')}</button>
          </div>
        `,
      )}
      <section part="stage" class="stage" style=${gridStyle} aria-label=${this.t('room.participants')}>
        ${repeat(
          participants,
          (participant) => participant.connectionId,
          (participant) =>
            participant.isLocal
              ? html`<ov-video part="tile" exportparts=${TILE_PARTS} participant="local"></ov-video>`
              : html`<ov-video part="tile" exportparts=${TILE_PARTS} connection-id=${participant.connectionId}></ov-video>`,
        )}
      </section>
      <div part="toolbar" class="toolbar" role="group" aria-label=${this.t('room.toolbar')}>
        <button part="button" class="control" type="button" aria-pressed=${microphoneOn} ?disabled=${!local?.publishing} @click=${() => this.toggleMicrophone()}>
          ${microphoneOn ? micIcon : micOffIcon}<span>${this.t('room.microphone')}</span>
        </button>
        <button part="button" class="control" type="button" aria-pressed=${cameraOn} ?disabled=${!local?.publishing} @click=${() => this.toggleCamera()}>
          ${cameraOn ? cameraIcon : cameraOffIcon}<span>${this.t('room.camera')}</span>
        </button>
        <button part="button" class="control danger" type="button" @click=${this.onLeaveClick}>
          ${leaveIcon}<span>${this.t('room.leave')}</span>
        </button>
      </div>
    `;
  }
}

const TILE_PARTS = ['base', 'video', 'placeholder', 'avatar', 'label', 'name', 'mic-off', 'play'].map((part) => `${part}:tile-${part}`).join(', ');

/** Whether slotted nodes are a UI (elements or text), not the whitespace between tags. */
function hasContent(nodes: Iterable<Node>): boolean {
  for (const node of nodes) {
    if (node.nodeType === Node.ELEMENT_NODE) return true;
    if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) return true;
  }
  return false;
}
