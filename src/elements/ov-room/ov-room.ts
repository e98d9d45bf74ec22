import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { roomContext, uiContext } from '../../context.js';
import type { DeviceKind } from '../../core/devices.js';
import { MEDIA_NOTICES } from '../../core/errors.js';
import { isLanguageReady, leftMessage, loadLanguage, message, type MessageKey } from '../../core/i18n/index.js';
import { RoomController, type RoomEvent, type RoomInputs } from '../../core/room-controller.js';
import type { JoinOptions, RoomSnapshot, VideoSource } from '../../core/room-state.js';
import type { TokenConvention, TokenProvider, TokenRequestInit, TokenSourceOptions } from '../../core/token-source.js';
import { UiState, type Panel, type UiSnapshot } from '../../core/ui-state.js';
import type { LayoutMode } from '../../core/layout.js';
import {
  OvChatMessageEvent,
  OvDeviceChangedEvent,
  OvErrorEvent,
  OvJoinedEvent,
  OvLeftEvent,
  OvParticipantChangedEvent,
  OvParticipantJoinedEvent,
  OvParticipantLeftEvent,
  OvReconnectedEvent,
  OvReconnectingEvent,
  OvRecordingChangedEvent,
} from '../../events.js';
import { CustomStates } from '../shared/custom-states.js';
import { closeIcon } from '../shared/icons.js';
import { styles } from './ov-room.styles.js';

const TOKEN_PROPERTIES = ['tokenUrl', 'token', 'tokenProvider', 'tokenConvention', 'tokenRequestInit'] as const;
const INPUT_PROPERTIES = ['sessionId', 'participantName', 'lang', 'reconnectTimeout', 'noPublish', 'noRemember'] as const;
const LAYOUT_PARTS = ['base:layout-base', 'focus', 'strip', 'grid', 'cell', 'pin', 'pager', 'page-button', 'page-status', 'previous', 'next', 'tile', 'screen-tile', ...['base', 'video', 'placeholder', 'avatar', 'label', 'name', 'mic-off', 'play'].map((p) => `tile-${p}`)].join(', ');

/**
 * A complete OpenVidu 2 meeting: a lobby with camera preview and device choices, then everyone in a grid (a
 * shared screen large), with microphone, camera, screen-share, settings and leave controls. The built-in meeting
 * is made of the public elements (`<ov-prejoin>`, `<ov-layout>`, `<ov-toolbar>`, `<ov-device-select>` …), which you
 * can also arrange yourself: children replace the built-in UI and receive the room through context.
 *
 * @summary A video meeting on an OpenVidu 2 deployment.
 *
 * @slot - Your own meeting UI. Leave empty for the built-in one.
 *
 * @csspart base - The room's box.
 * @csspart prejoin - The lobby (`<ov-prejoin>`; its parts are exported with a `prejoin-` prefix).
 * @csspart status - The "joining" and "left" messages.
 * @csspart error - The error view.
 * @csspart layout - The stage (`<ov-layout>`); its parts are exported as `tile`, `tile-video`, `focus`, `strip` ….
 * @csspart tile - Each participant's `<ov-video>` (its own parts are exported with a `tile-` prefix).
 * @csspart pin - The pin button on each tile; also `cell`, `grid`, `pager`, `page-button`, `page-status` of `<ov-layout>`.
 * @csspart toolbar - The row of controls (`<ov-toolbar>`).
 * @csspart recording - The "REC" badge while the session is recorded (`<ov-recording-indicator>`, its parts exported with a `recording-` prefix).
 * @csspart panel - The side panel (settings).
 * @csspart button - The room's own buttons (Join again, Try again, notices' buttons).
 * @csspart notice - A problem the room went on after (a refused camera, a failed media connection).
 * @csspart diagnostics - The connection check (`<ov-diagnostics>`) that the error view offers, loaded on demand.
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
 * @cssprop [--ov-panel-background=#1a1e24] - Background of the side panel.
 * @cssprop [--ov-panel-width=20rem] - Width of the side panel on wide rooms.
 * @cssprop [--ov-notice-background=#3f2d0c] - Background of notices (a refused camera, reconnecting).
 * @cssprop [--ov-notice-color=#fde68a] - Text colour of notices.
 *
 * Custom state: `:state(custom-ui)` while children replace the built-in UI (the room then draws no box).
 *
 * @fires {OvJoinedEvent} ov-joined - The local participant joined the session.
 * @fires {OvLeftEvent} ov-left - The local participant is out of the session; `detail.reason` says why.
 * @fires {OvParticipantJoinedEvent} ov-participant-joined - Someone else joined.
 * @fires {OvParticipantLeftEvent} ov-participant-left - Someone else left.
 * @fires {OvParticipantChangedEvent} ov-participant-changed - A participant (the local one too) turned their microphone or camera on or off, or started or stopped sharing the screen.
 * @fires {OvDeviceChangedEvent} ov-device-changed - The camera, microphone or speaker in use changed (chosen, or fallen back to the default).
 * @fires {OvErrorEvent} ov-error - Something went wrong; `detail` has `code`, `message`, `remedy`, `fatal`.
 * @fires {OvChatMessageEvent} ov-chat-message - A chat message arrived, the local participant's own included: `detail.message`, `detail.from` (`connectionId`, `participantId`, `name`), `detail.local`, `detail.time`.
 * @fires {OvReconnectingEvent} ov-reconnecting - The connection dropped; the room is trying to recover it.
 * @fires {OvRecordingChangedEvent} ov-recording-changed - The session started or stopped being recorded (`detail.recording`, as `state.recording`; `detail.reason` why it stopped). Also when joining a session already recorded.
 * @fires {OvReconnectedEvent} ov-reconnected - The connection is back; `detail.rejoined` when the room had to join the session again (the server restarted).
 */
export class OvRoom extends LitElement {
  static override styles = styles;

  /** The application server's token endpoint (for OpenVidu's tutorial servers, `http://localhost:5000/api`). */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  /** How to ask `token-url` for a token: `tutorial` (default) or `single-request`. */
  @property({ attribute: 'token-convention' }) tokenConvention: TokenConvention = 'tutorial';

  /** The OpenVidu session to join (its custom session id). */
  @property({ attribute: 'session-id' }) sessionId = '';

  /** The name others see. The lobby asks for it, prefilled with this (or the name used last time). */
  @property({ attribute: 'participant-name' }) participantName = '';

  /** A ready OpenVidu token: no request to an application server. Single-use, like every OpenVidu token. */
  @property() token?: string;

  /** Join at once, without the lobby. */
  @property({ type: Boolean, attribute: 'no-prejoin' }) noPrejoin = false;

  /** Watch only: no camera, no microphone, no permission prompt. */
  @property({ type: Boolean, attribute: 'no-publish' }) noPublish = false;

  /** Do not remember the chosen devices and name for the next visit (they are kept in localStorage otherwise). */
  @property({ type: Boolean, attribute: 'no-remember' }) noRemember = false;

  /** The language of the room's texts (`en`, `es`); by default the page's (`<html lang>`), else English. */
  @property() override lang = '';

  /** Seconds a dropped connection may take to come back before the room gives up (`CONNECTION_LOST`). */
  @property({ type: Number, attribute: 'reconnect-timeout' }) reconnectTimeout = 30;

  /**
   * How the stage lays out the tiles: `auto` (a grid; a shared screen large), `grid`, or `speaker` (whoever speaks
   * large). The toolbar's "Speaker view" button changes it during the call.
   */
  @property() layout: LayoutMode = 'auto';

  /** At most this many tiles at once on the stage; the rest go to pages. By default as many as fit. */
  @property({ type: Number, attribute: 'max-tiles' }) maxTiles?: number;

  /** A function that returns tokens, for backends that fit neither convention. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /** Headers, credentials and the like for the requests to `token-url`. */
  @property({ attribute: false }) tokenRequestInit?: TokenRequestInit;

  @state() private snapshot: RoomSnapshot;
  @state() private uiSnapshot: UiSnapshot;
  @state() private hasCustomUi = false;
  @state() private announcement = '';
  /** The error view's connection check: shown on demand, its module loaded then (`failed` if it cannot be had). */
  @state() private diagnostics: 'hidden' | 'loading' | 'shown' | 'failed' = 'hidden';

  private readonly controller: RoomController;
  private readonly uiState: UiState;
  private readonly roomProvider = new ContextProvider(this, { context: roomContext });
  private readonly uiProvider = new ContextProvider(this, { context: uiContext });
  private readonly listeners = new Set<(state: RoomSnapshot, ui: UiSnapshot) => void>();
  private readonly states = new CustomStates(this);
  /** Where the room plays the others' sound: in its shadow root, whatever UI is shown. */
  private readonly audioContainer = document.createElement('div');
  private tokens: TokenSourceOptions = {};
  /** Keyboard focus follows the user to the new view when it was inside the room as the view changed. */
  private moveFocus = false;
  /** `no-prejoin` without a token source yet, on a page still loading (see autoJoin). */
  private awaitingTokenSource = false;
  private focusedPanel?: Panel;
  /** The last chat message announced, and the announcement waiting (see onRoomEvent). */
  private chatAnnounced = 0;
  private chatAnnouncement?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.audioContainer.className = 'audio';
    this.controller = new RoomController({
      onSnapshot: (snapshot) => this.publish(snapshot, this.uiSnapshot),
      onEvent: (event) => this.onRoomEvent(event),
      audioContainer: this.audioContainer,
      onParticipantName: (name) => (this.participantName = name),
    });
    this.uiState = new UiState((ui) => this.publish(this.snapshot, ui));
    this.snapshot = this.controller.snapshot;
    this.uiSnapshot = this.uiState.snapshot;
    this.roomProvider.setValue(this.snapshot);
    this.uiProvider.setValue(this.uiSnapshot);
  }

  /** The room as it is now: status, participants, devices, errors, and the commands. */
  get state(): RoomSnapshot {
    return this.snapshot;
  }

  /** The meeting's UI state (which panel is open), shared by the built-in UI and your own. */
  get ui(): UiSnapshot {
    return this.uiSnapshot;
  }

  /**
   * Calls `listener` now and on every change of the room or of its UI state; returns the function that stops it.
   * For code outside Lit, and for elements placed outside the room (`room="id"`).
   */
  subscribe(listener: (state: RoomSnapshot, ui: UiSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot, this.uiSnapshot);
    return () => this.listeners.delete(listener);
  }

  /** Joins the session. Joining again while joining or joined with the same inputs does nothing. */
  join(options?: JoinOptions): Promise<void> {
    this.controller.setInputs(this.inputs());
    return this.controller.join(options);
  }

  /** Leaves the session: the camera, microphone and screen are released. */
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

  /** Starts sharing the screen (the browser asks what to share), or stops it. */
  toggleScreenShare(): Promise<void> {
    return this.snapshot.toggleScreenShare();
  }

  startScreenShare(): Promise<void> {
    return this.snapshot.startScreenShare();
  }

  stopScreenShare(): void {
    this.snapshot.stopScreenShare();
  }

  /** Sends a chat message to everyone (also read by OpenVidu Call). Rejects with CHAT_MESSAGE_TOO_LONG or CHAT_NOT_SENT. */
  sendChatMessage(text: string): Promise<void> {
    return this.snapshot.sendChatMessage(text);
  }

  /** Moderators: removes a participant (its camera and screen connections alike). */
  removeParticipant(participantId: string): Promise<void> {
    return this.snapshot.removeParticipant(participantId);
  }

  /** Moderators: stops a participant's camera (with its microphone) or screen. OpenVidu 2 has no remote mute. */
  stopParticipantStream(participantId: string, source: VideoSource = 'camera'): Promise<void> {
    return this.snapshot.stopParticipantStream(participantId, source);
  }

  /**
   * Asks to receive a participant's camera (or `screen`) video, for a UI that shows it without `<ov-video>` (which
   * asks by itself while on screen). Returns the function that withdraws the ask; see "Layouts and big rooms" in the README.
   */
  requestVideo(participantId: string, source: VideoSource = 'camera'): () => void {
    return this.snapshot.requestVideo(participantId, source);
  }

  /** Uses another camera (`videoinput`), microphone (`audioinput`) or speaker (`audiooutput`), in the lobby or the call. */
  switchDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.snapshot.switchDevice(kind, deviceId);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.hasCustomUi = hasContent(this.childNodes);
    const { status, leftReason } = this.snapshot;
    // The first join starts in the first update (its inputs are known then), before anything renders.
    if (this.hasUpdated && this.noPrejoin && (status === 'idle' || leftReason === 'removed')) void this.updateComplete.then(() => this.autoJoin());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move within the page disconnects and reconnects at once: only leave if the room stays out of the page.
    queueMicrotask(() => {
      if (!this.isConnected) this.controller.dispose();
    });
  }

  private publish(snapshot: RoomSnapshot, ui: UiSnapshot): void {
    const statusChanged = snapshot.status !== this.snapshot.status;
    // Focus that was in the view being replaced (Join, Leave, Try again) moves to the next one.
    if (statusChanged && !this.hasCustomUi && this.matches(':focus-within')) this.moveFocus = true;
    this.snapshot = snapshot;
    this.uiSnapshot = ui;
    this.roomProvider.setValue(snapshot);
    this.uiProvider.setValue(ui);
    for (const listener of this.listeners) listener(snapshot, ui);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Your own UI flows in the page: no dark box, no minimum height (see :state(custom-ui) in the styles).
    this.states.set('custom-ui', this.hasCustomUi);
    if (changed.has('layout')) this.uiState.snapshot.setLayout(this.layout);
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
    if (tokensChanged || INPUT_PROPERTIES.some((name) => changed.has(name))) {
      const inputs = this.inputs();
      // Inputs that change while connecting or joined take effect at once: the old session is left first.
      const rejoin = this.controller.isActiveWithOtherInputs(inputs);
      this.controller.setInputs(inputs);
      if (rejoin) void this.controller.join();
      // The token source a hydrating framework sets late (autoJoin), or one that came after NO_TOKEN_SOURCE.
      else if (tokensChanged && this.noPrejoin && this.hasTokenSource() && this.isConnected) {
        const { status, error } = this.snapshot;
        if (this.awaitingTokenSource || (status === 'error' && error?.code === 'NO_TOKEN_SOURCE')) {
          this.awaitingTokenSource = false;
          void this.updateComplete.then(() => this.autoJoin());
        }
      }
    }
    if (!this.hasUpdated) this.autoJoin();
  }

  private inputs(): RoomInputs {
    return {
      sessionId: this.sessionId,
      participantName: this.participantName,
      tokens: this.tokens,
      lang: this.lang || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || undefined,
      reconnectTimeoutMs: this.reconnectTimeout * 1000,
      publish: !this.noPublish,
      rememberChoices: !this.noRemember,
    };
  }

  private autoJoin(): void {
    if (!this.isConnected || !this.noPrejoin) return;
    // A server-rendered page (Next.js, Nuxt) has the tag upgraded before the framework hydrates it and sets
    // `tokenProvider`: the join waits for a token source until the page has loaded and its scripts are done (the
    // first idle moment: hydration runs in tasks back to back), instead of failing without one at once.
    if (this.awaitingTokenSource) return;
    if (!this.hasTokenSource()) {
      this.awaitingTokenSource = true;
      const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(() => this.stopAwaitingTokenSource(), { timeout: 2000 }) : setTimeout(() => this.stopAwaitingTokenSource()));
      if (document.readyState === 'complete') whenIdle();
      else window.addEventListener('load', whenIdle, { once: true });
      return;
    }
    void this.join();
  }

  private stopAwaitingTokenSource(): void {
    if (!this.awaitingTokenSource) return;
    this.awaitingTokenSource = false;
    if (this.isConnected && this.snapshot.status === 'idle') void this.join(); // NO_TOKEN_SOURCE if there is still none
  }

  private hasTokenSource(): boolean {
    return !!(this.token || this.tokenUrl || this.tokenProvider);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A panel opened by the user gets the focus: the chat's field, the list, the first device.
    const panel = this.uiSnapshot.openPanel;
    if (panel !== this.focusedPanel) {
      this.focusedPanel = panel;
      if (panel) void this.focusPanel();
    }
    // `no-prejoin` set after the room entered the page (frameworks often set properties late).
    if (changed.has('noPrejoin') && changed.get('noPrejoin') === false && this.snapshot.status === 'idle') this.autoJoin();
    const { status } = this.snapshot;
    if (this.moveFocus && status !== 'connecting') void this.focusView();
  }

  private onRoomEvent(event: RoomEvent): void {
    const nameOf = (participant: { name: string }) => participant.name || this.t('participant.anonymous');
    const say = (key: MessageKey, params?: Record<string, string>) => this.announce(this.t(key, params));
    switch (event.type) {
      case 'joined':
        this.uiState.reset();
        // A session already recorded is said with the join: one announcement would replace the other.
        this.announce(this.t('room.announce.joined', { session: this.sessionId }) + (this.snapshot.recording.active ? ` ${this.t('room.announce.recordingStarted')}` : ''));
        this.dispatchEvent(new OvJoinedEvent({ sessionId: event.sessionId, connectionId: event.connectionId }));
        break;
      case 'left':
        this.uiState.snapshot.closePanel();
        if (event.reason !== 'removed') this.announce(this.leftMessage());
        this.dispatchEvent(new OvLeftEvent({ reason: event.reason }));
        break;
      case 'participant-joined':
        // Those already in the session arrive before `joined`: they did not just join.
        if (this.snapshot.status === 'joined') say('room.announce.participantJoined', { name: nameOf(event.participant) });
        this.dispatchEvent(new OvParticipantJoinedEvent({ participant: event.participant }));
        break;
      case 'participant-left':
        say('room.announce.participantLeft', { name: nameOf(event.participant) });
        this.dispatchEvent(new OvParticipantLeftEvent({ participant: event.participant, reason: event.reason }));
        break;
      case 'participant-changed':
        if (event.property === 'screen' && !event.participant.isLocal) {
          say(event.participant.screen ? 'room.announce.screenStarted' : 'room.announce.screenStopped', { name: nameOf(event.participant) });
        }
        this.dispatchEvent(new OvParticipantChangedEvent({ participant: event.participant, property: event.property }));
        break;
      case 'chat-message':
        if (!event.message.local) {
          this.uiState.noteChatMessage();
          // Said by the room, a chat on screen or not, at most every 1.5 s: a burst is summed up ("5 new messages").
          this.chatAnnouncement ??= setTimeout(() => {
            this.chatAnnouncement = undefined;
            const messages = this.snapshot.chatMessages;
            const fresh = messages.filter((m) => m.id > this.chatAnnounced && !m.local);
            this.chatAnnounced = messages.at(-1)?.id ?? 0;
            if (fresh[0]) say(fresh[1] ? 'chat.announce.many' : 'chat.announce.one', { count: String(fresh.length), name: nameOf(fresh[0].from), message: fresh[0].message });
          }, 1500);
        }
        this.dispatchEvent(new OvChatMessageEvent(event.message));
        break;
      case 'recording-changed':
        // People have a right to know they are recorded, whatever UI the page shows: the room says it itself.
        if (this.snapshot.status === 'joined' || this.snapshot.status === 'reconnecting') {
          say(event.recording.active ? 'room.announce.recordingStarted' : 'room.announce.recordingStopped');
        }
        this.dispatchEvent(new OvRecordingChangedEvent({ recording: event.recording, reason: event.reason ?? '' }));
        break;
      case 'device-changed':
        this.dispatchEvent(new OvDeviceChangedEvent({ kind: event.kind, deviceId: event.deviceId, label: event.label, reason: event.reason }));
        break;
      case 'error':
        this.dispatchEvent(new OvErrorEvent(event.error));
        break;
      case 'reconnecting':
        say('room.reconnecting');
        this.dispatchEvent(new OvReconnectingEvent());
        break;
      case 'reconnected':
        say('room.announce.reconnected');
        this.dispatchEvent(new OvReconnectedEvent({ rejoined: event.rejoined }));
        break;
    }
  }

  private announce(text: string): void {
    // Re-setting the same text would not be read again; a changed one is.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  private t(key: MessageKey, params?: Record<string, string>): string {
    const lang = this.snapshot.lang;
    if (!isLanguageReady(lang)) void loadLanguage(lang).then((loaded) => loaded && this.requestUpdate());
    return message(key, params, lang);
  }

  private leftMessage(): string {
    return leftMessage(this.snapshot.leftReason, this.snapshot.lang);
  }

  protected override render() {
    return html`
      <div part="base" class="room" @keydown=${this.onKeyDown}>
        <slot @slotchange=${this.onSlotChange}></slot>
        ${this.hasCustomUi ? nothing : this.renderBuiltIn()}
        ${this.hasCustomUi ? this.renderAudioBlocked() : nothing}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        ${this.audioContainer}
      </div>
    `;
  }

  private onSlotChange(event: Event): void {
    this.hasCustomUi = hasContent((event.target as HTMLSlotElement).assignedNodes());
  }

  private renderBuiltIn() {
    switch (this.snapshot.status) {
      case 'idle':
        return this.noPrejoin ? this.renderJoining() : html`<ov-prejoin part="prejoin" exportparts=${PREJOIN_PARTS}></ov-prejoin>`;
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

  private onJoinClick(): void {
    this.moveFocus = true;
    void this.join();
  }

  /**
   * Focuses the new view's main control: the lobby's name field, Join again / Try again, or the first meeting
   * control that can be used (never Leave). Controls that are still disabled are waited for.
   */
  private async focusView(): Promise<void> {
    const root = this.renderRoot;
    const prejoin = root.querySelector('ov-prejoin');
    const primary = root.querySelector<HTMLButtonElement>('button.primary');
    const toolbar = root.querySelector('ov-toolbar');
    if (toolbar) await toolbar.updateComplete;
    const control = [...(toolbar?.shadowRoot?.querySelectorAll<HTMLElement>('ov-toggle, ov-panel-toggle') ?? [])].find(
      (element) => !element.matches(':state(unavailable), :state(disabled)'),
    );
    const target = prejoin ?? primary ?? control;
    if (!target) return;
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
    const { diagnostics } = this;
    return html`
      <div part="error" class="panel" role="alert" data-code=${error.code}>
        <h2>${this.t('room.errorTitle')}</h2>
        <p class="message">${error.message}</p>
        <p class="remedy">${error.remedy}</p>
        <div class="actions">
          <button part="button" class="primary" type="button" @click=${this.onRetryClick}>${this.t('room.retry')}</button>
          ${diagnostics === 'hidden' || diagnostics === 'loading'
            ? html`<button part="button" type="button" ?disabled=${diagnostics === 'loading'} @click=${this.showDiagnostics}>${this.t('room.diagnose')}</button>`
            : nothing}
        </div>
        ${diagnostics === 'failed' ? html`<p class="remedy">${this.t('room.diagnoseUnavailable')}</p>` : nothing}
      </div>
      ${diagnostics === 'shown'
        ? html`<ov-diagnostics
            part="diagnostics"
            class="diagnostics"
            token-url=${this.tokenUrl ?? nothing}
            token-convention=${this.tokenConvention}
            session-id=${this.sessionId}
            lang=${this.snapshot.lang ?? nothing}
            .token=${this.token}
            .tokenProvider=${this.tokenProvider}
            .tokenRequestInit=${this.tokenRequestInit}
          ></ov-diagnostics>`
        : nothing}
    `;
  }

  private onRetryClick(): void {
    this.diagnostics = 'hidden';
    this.onJoinClick();
  }

  /** Loads `<ov-diagnostics>` (a file of its own, so a call's bundle does not carry it) and shows it with the room's inputs. */
  private async showDiagnostics(): Promise<void> {
    this.diagnostics = 'loading';
    try {
      await import('../ov-diagnostics/define.js');
      this.diagnostics = 'shown';
    } catch {
      this.diagnostics = 'failed';
    }
  }

  private renderAudioBlocked() {
    if (!this.snapshot.audioBlocked) return nothing;
    return html`
      <div part="notice" class="banner" role="status">
        <p>${this.t('room.audioBlocked')}</p>
        <button part="button" class="primary" type="button" @click=${() => this.snapshot.resumeAudio()}>${this.t('room.audioResume')}</button>
      </div>
    `;
  }

  private renderMeeting() {
    const { notices, status } = this.snapshot;
    const panel = this.uiSnapshot.openPanel;
    return html`
      ${status === 'reconnecting' ? html`<div part="notice" class="banner">${this.t('room.reconnecting')}</div>` : nothing}
      ${this.renderAudioBlocked()}
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
      <ov-recording-indicator part="recording" exportparts="base:recording-base, dot:recording-dot, label:recording-label"></ov-recording-indicator>
      <div class="meeting" ?data-panel=${!!panel}>
        <ov-layout part="layout" exportparts=${LAYOUT_PARTS} role="region" aria-label=${this.t('room.videos')} max-tiles=${this.maxTiles ?? nothing}></ov-layout>
        ${panel ? this.renderPanel(panel) : nothing}
      </div>
      <ov-toolbar part="toolbar"></ov-toolbar>
    `;
  }

  private renderPanel(panel: Panel) {
    const title =
      panel === 'chat' ? this.t('panel.chat') : panel === 'participants' ? this.t('panel.participants', { count: String(this.snapshot.participants.length) }) : this.t('panel.settings');
    return html`
      <section part="panel" class="side-panel" data-panel=${panel} aria-labelledby="panel-title">
        <header>
          <h2 id="panel-title">${title}</h2>
          <button part="button" class="icon" type="button" aria-label=${this.t('panel.close')} @click=${() => this.uiSnapshot.closePanel()}>${closeIcon}</button>
        </header>
        ${panel === 'chat'
          ? html`<ov-chat></ov-chat>`
          : panel === 'participants'
            ? html`<ov-participants></ov-participants>`
            : html`
                <ov-device-select kind="audioinput"></ov-device-select>
                <ov-device-select kind="videoinput"></ov-device-select>
                <ov-device-select kind="audiooutput"></ov-device-select>
              `}
      </section>
    `;
  }

  private async focusPanel(): Promise<void> {
    type Part = HTMLElement & { updateComplete?: Promise<unknown> };
    const [header, ...content] = [...(this.renderRoot.querySelector('.side-panel')?.children ?? [])] as Part[];
    // The first part that takes it (a device list is hidden in a room without a camera, say), else Close.
    for (const part of [...content, header?.querySelector<Part>('button')]) {
      await part?.updateComplete;
      part?.focus();
      if (part?.matches(':focus-within')) return;
    }
  }

  /** Escape closes the open panel from anywhere in the room (the toolbar, a tile), not only from inside it. */
  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.uiSnapshot.openPanel) return;
    event.stopPropagation();
    this.uiSnapshot.closePanel();
  }
}

const PREJOIN_PARTS = ['base', 'preview', 'level', 'controls', 'form', 'title', 'name', 'devices', 'notice', 'join'].map((part) => `${part}:prejoin-${part}`).join(', ');

/** Whether slotted nodes are a UI (elements or text), not the whitespace between tags. */
function hasContent(nodes: Iterable<Node>): boolean {
  for (const node of nodes) {
    if (node.nodeType === Node.ELEMENT_NODE) return true;
    if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) return true;
  }
  return false;
}
