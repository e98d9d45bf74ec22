import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DiagnosticsRunner, type DiagnosticStatus, type DiagnosticsSnapshot } from '../../core/diagnostics.js';
import { isLanguageReady, loadLanguage, message, type MessageKey } from '../../core/i18n/index.js';
import type { TokenConvention, TokenProvider, TokenRequestInit } from '../../core/token-source.js';
import { OvDiagnosticsCompleteEvent } from '../../events.js';
import { styles } from './ov-diagnostics.styles.js';

const INPUTS = ['tokenUrl', 'tokenConvention', 'sessionId', 'token', 'tokenProvider', 'tokenRequestInit', 'lang'] as const;
const ICONS: Record<DiagnosticStatus, string> = { pending: '·', running: '…', passed: '✓', warning: '!', failed: '✕', skipped: '–' };
const LEVEL_SEGMENTS = 12;

/**
 * The pre-call check: with the same inputs as `<ov-room>`, it checks in order the browser, the camera and
 * microphone (with a live preview and level), the token endpoint, the OpenVidu server's WebSocket, joining the
 * session, and a test stream sent to the server and received back, then leaves and releases everything. Each step
 * says passed, warning or failed, with the error code, what is wrong and what to do, in the page's language. The
 * test participant does not show in the rooms of the session.
 *
 * @summary Checks browser, devices, token endpoint, server and media before a call.
 *
 * @csspart base - The check's box.
 * @csspart summary - The line that says how the check went.
 * @csspart steps - The list of steps.
 * @csspart step - Each step (also `step-browser`, `step-devices`, `step-token`, `step-server`, `step-join`, `step-media`), with `data-status`.
 * @csspart preview - The camera preview while the check runs.
 * @csspart level - The microphone level meter.
 * @csspart actions - The buttons.
 * @csspart button - Each button (Check again, Copy report).
 * @csspart report - The report as text, shown when it could not be copied.
 *
 * @cssprop [--ov-diagnostics-background=#111418] - Background.
 * @cssprop [--ov-diagnostics-color=#f3f4f6] - Text colour.
 * @cssprop [--ov-diagnostics-passed-color=#15803d] - The mark of a passed step.
 * @cssprop [--ov-diagnostics-warning-color=#b45309] - The mark of a warning.
 * @cssprop [--ov-danger-color=#dc2626] - The mark of a failed step.
 * @cssprop [--ov-accent-color=#2563eb] - The running step, the level meter and the main button.
 * @cssprop [--ov-control-background=#2b303b] - Other buttons.
 * @cssprop [--ov-focus-color=#93c5fd] - Focus ring.
 * @cssprop [--ov-font-family=system-ui, sans-serif] - Font.
 *
 * @fires {OvDiagnosticsCompleteEvent} ov-diagnostics-complete - A check finished: `detail.ok`, and `detail.steps` with each step's `id`, `status`, `code`, `message`, `remedy` and `details`.
 */
export class OvDiagnostics extends LitElement {
  static override styles = styles;

  /** The application server's token endpoint, as for `<ov-room>`. */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  /** How to ask `token-url` for a token: `tutorial` (default) or `single-request`. */
  @property({ attribute: 'token-convention' }) tokenConvention: TokenConvention = 'tutorial';

  /** The OpenVidu session to check joining (the test participant is not shown in its rooms). */
  @property({ attribute: 'session-id' }) sessionId = '';

  /** A ready OpenVidu token. The check uses it up: tokens are single-use. */
  @property() token?: string;

  /** The language of the texts; by default the page's (`<html lang>`), else English. */
  @property() override lang = '';

  /** Do not start by itself when it enters the page: a Start button does. */
  @property({ type: Boolean, attribute: 'no-autostart' }) noAutostart = false;

  /** A function that returns tokens, as for `<ov-room>`. */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /** Headers, credentials and the like for the requests to `token-url`. */
  @property({ attribute: false }) tokenRequestInit?: TokenRequestInit;

  @state() private snapshot: DiagnosticsSnapshot;
  @state() private level = 0;
  @state() private announcement = '';
  @state() private reportShown = '';

  private readonly runner: DiagnosticsRunner;
  private stopLevel?: () => void;
  private started = false;

  constructor() {
    super();
    this.runner = new DiagnosticsRunner({
      onSnapshot: (snapshot) => this.onSnapshot(snapshot),
      onComplete: (result) => {
        this.announce(this.summary());
        this.dispatchEvent(new OvDiagnosticsCompleteEvent(result));
      },
    });
    this.snapshot = this.runner.snapshot;
  }

  /** The check as it is now: each step's status, code, message, remedy and details. */
  get state(): DiagnosticsSnapshot {
    return this.snapshot;
  }

  /** Runs the check (again); resolves when it is done. */
  run(): Promise<void> {
    this.runner.setInputs(this.inputs());
    this.reportShown = '';
    return this.snapshot.run().then(() => undefined);
  }

  /** The last check as plain text. */
  report(): string {
    return this.snapshot.report();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.noAutostart && !this.started) {
      this.started = true;
      // Properties a framework sets right after creating the element are in place by then.
      void this.updateComplete.then(() => {
        if (this.isConnected) void this.run();
      });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.started = false;
      this.runner.stop();
      this.stopLevel?.();
      this.stopLevel = undefined;
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (INPUTS.some((name) => changed.has(name))) this.runner.setInputs(this.inputs());
  }

  private inputs() {
    return {
      sessionId: this.sessionId,
      tokens: { token: this.token || undefined, tokenProvider: this.tokenProvider, tokenUrl: this.tokenUrl || undefined, convention: this.tokenConvention, requestInit: this.tokenRequestInit },
      lang: this.lang || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || undefined,
    };
  }

  private onSnapshot(snapshot: DiagnosticsSnapshot): void {
    const before = new Map(this.snapshot.steps.map((step) => [step.id, step.status]));
    this.snapshot = snapshot;
    // Each step that ends is said, so a screen reader follows the check.
    for (const step of snapshot.steps) {
      const was = before.get(step.id);
      if (was === step.status || (step.status !== 'passed' && step.status !== 'warning' && step.status !== 'failed')) continue;
      this.announce(this.t('diagnostics.announce.step', { step: this.t(`diagnostics.step.${step.id}`), status: this.t(`diagnostics.status.${step.status}`) }));
    }
    if (snapshot.hasMicrophone && !this.stopLevel) this.stopLevel = snapshot.watchMicrophoneLevel((level) => (this.level = level));
    else if (!snapshot.hasMicrophone && this.stopLevel) {
      this.stopLevel();
      this.stopLevel = undefined;
      this.level = 0;
    }
  }

  private announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    const lang = this.snapshot.lang;
    if (!isLanguageReady(lang)) void loadLanguage(lang).then((loaded) => loaded && this.requestUpdate());
    return message(key, params, lang);
  }

  private summary(): string {
    const { status, steps } = this.snapshot;
    if (status === 'running') return this.t('diagnostics.summary.running');
    const failed = steps.filter((step) => step.status === 'failed').length;
    const warnings = steps.filter((step) => step.status === 'warning').length;
    if (failed) return this.t('diagnostics.summary.failed', { count: failed });
    if (warnings) return this.t('diagnostics.summary.warning', { count: warnings });
    return this.t('diagnostics.summary.passed');
  }

  private async copyReport(): Promise<void> {
    const text = this.report();
    try {
      await navigator.clipboard.writeText(text);
      this.reportShown = '';
      this.announce(this.t('diagnostics.copied'));
    } catch {
      // No clipboard (permission, an insecure page): the report is shown to be copied by hand.
      this.reportShown = text;
      this.announce(this.t('diagnostics.copyFailed'));
      await this.updateComplete;
      this.renderRoot.querySelector('textarea')?.select();
    }
  }

  protected override render() {
    const { status, steps, preview, hasMicrophone } = this.snapshot;
    const running = status === 'running';
    const lit = Math.round(this.level * LEVEL_SEGMENTS);
    return html`
      <section part="base" aria-labelledby="title">
        <h2 id="title">${this.t('diagnostics.title')}</h2>
        ${status === 'idle' ? nothing : html`<p part="summary">${this.summary()}</p>`}
        <ol part="steps" aria-label=${this.t('diagnostics.steps')} aria-busy=${running ? 'true' : 'false'}>
          ${steps.map(
            (step) => html`
              <li part="step step-${step.id}" data-step=${step.id} data-status=${step.status} data-code=${step.code ?? nothing}>
                <span class="icon" aria-hidden="true">${ICONS[step.status]}</span>
                <div class="title">
                  <span class="name">${this.t(`diagnostics.step.${step.id}`)}</span>
                  <span class="status">${this.t(`diagnostics.status.${step.status}`)}</span>
                  ${step.code ? html`<span class="code">${step.code}</span>` : nothing}
                </div>
                ${step.message ? html`<p class="message">${step.message}</p>` : nothing}
                ${step.remedy ? html`<p class="remedy"><strong>${this.t('diagnostics.remedy')}</strong> ${step.remedy}</p>` : nothing}
              </li>
            `,
          )}
        </ol>
        <div class="side">
          <video part="preview" aria-label=${this.t('diagnostics.preview')} .srcObject=${preview ?? null} ?hidden=${!preview} muted playsinline autoplay></video>
          <div part="level" role="meter" aria-label=${this.t('diagnostics.level')} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(this.level * 100)} ?hidden=${!hasMicrophone}>
            ${Array.from({ length: LEVEL_SEGMENTS }, (_, index) => html`<span class=${index < lit ? 'on' : ''}></span>`)}
          </div>
        </div>
        <div part="actions">
          <button part="button" class="primary" type="button" ?disabled=${running} @click=${() => void this.run()}>
            ${status === 'idle' ? this.t('diagnostics.start') : this.t('diagnostics.again')}
          </button>
          ${status === 'done' ? html`<button part="button" type="button" @click=${() => void this.copyReport()}>${this.t('diagnostics.copy')}</button>` : nothing}
        </div>
        ${this.reportShown ? html`<textarea part="report" readonly aria-label=${this.t('diagnostics.report')} .value=${this.reportShown}></textarea>` : nothing}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </section>
    `;
  }
}
