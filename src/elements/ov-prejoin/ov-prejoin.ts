import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { MEDIA_NOTICES } from '../../core/errors.js';
import { leftMessage } from '../../core/i18n/index.js';
import type { RoomStatus } from '../../core/room-state.js';
import { OvRoomAwareElement } from '../shared/room-aware.js';
import { styles } from './ov-prejoin.styles.js';

const LEVEL_SEGMENTS = 12;
const OUT_OF_CALL: readonly RoomStatus[] = ['idle', 'left', 'error'];
const PREVIEW_PARTS = ['base', 'video', 'placeholder', 'avatar', 'label', 'name', 'mic-off'].map((part) => `${part}:preview-${part}`).join(', ');

/**
 * The lobby: a live camera preview, a microphone level meter, camera and microphone on or off, device choices,
 * the name field and Join. It opens the camera and microphone when it appears (no token is taken until Join)
 * and what it previews is what gets published: one camera, one permission prompt. Leaving the page (or removing
 * the lobby) before joining releases them. A viewer (`no-publish`) gets no preview and no prompt. It shows
 * only out of the call, so a custom UI can simply put it next to an `<ov-layout>`.
 *
 * @summary The lobby before joining: preview, level, devices, name, Join.
 *
 * @csspart base - The lobby (a form).
 * @csspart preview - The preview box; the `<ov-video>` inside exports its parts as `preview-video`, `preview-placeholder` ….
 * @csspart level - The microphone level meter.
 * @csspart controls - The microphone and camera toggles under the preview.
 * @csspart form - The name, devices and Join.
 * @csspart title - The heading.
 * @csspart status - Why the user is out of the meeting, after leaving.
 * @csspart error - What went wrong and what to do, after a failed join.
 *
 * Out of the call it shows why (after leaving, or what went wrong and its remedy) and a button back in, without
 * reopening the camera.
 * @csspart name - The name field.
 * @csspart devices - The device choices.
 * @csspart notice - A camera or microphone problem, with what to do.
 * @csspart join - The Join button.
 *
 * @cssprop [--ov-prejoin-background=var(--ov-room-background, #111418)] - The lobby's background.
 * @cssprop [--ov-room-color=#f3f4f6] - Its text colour.
 * @cssprop [--ov-accent-color=#2563eb] - The Join button and the level meter.
 * @cssprop [--ov-focus-color=#93c5fd] - Focus ring.
 * @cssprop [--ov-notice-background=#3f2d0c] - Background of problems.
 * @cssprop [--ov-notice-color=#fde68a] - Text colour of problems.
 */
export class OvPrejoin extends OvRoomAwareElement {
  static override styles = styles;

  @state() private level = 0;

  private previewStarted = false;
  private stopLevel?: () => void;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLevel?.();
    this.stopLevel = undefined;
    if (this.previewStarted) this.room?.stopPreview();
    this.previewStarted = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const room = this.room;
    if (!room || !this.isConnected) return;
    // Before joining only: after leaving, the camera light stays off until the user joins again.
    if (room.status !== 'idle') this.previewStarted = false;
    else if (!this.previewStarted && room.canPublish) {
      this.previewStarted = true;
      void room.startPreview();
    }
    if (room.hasMicrophone && !this.stopLevel) this.stopLevel = room.watchMicrophoneLevel((level) => (this.level = level));
    if (!room.hasMicrophone && this.stopLevel) {
      this.stopLevel();
      this.stopLevel = undefined;
      this.level = 0;
    }
  }

  /** Moves keyboard focus to the name field (or to Join, when the name is given). */
  override focus(options?: FocusOptions): void {
    const input = this.renderRoot.querySelector('input');
    (input && !input.value ? input : this.renderRoot.querySelector<HTMLButtonElement>('[part="join"]'))?.focus(options);
  }

  protected override render() {
    const room = this.room;
    // Only outside the call (before joining, after leaving, after an error): a custom UI can place the lobby and
    // the stage side by side in its markup.
    if (!room || !OUT_OF_CALL.includes(room.status)) return nothing;
    if (room.status !== 'idle') return this.renderOut();
    const viewer = !room.canPublish;
    const notices = room.notices.filter((notice) => notice.code !== 'PUBLISH_FAILED');
    return html`
      <form part="base" @submit=${this.onSubmit} aria-label=${this.t('room.joinTitle', { session: room.sessionId })}>
        ${viewer ? nothing : this.renderPreview()}
        <div part="form">
          <h2 part="title">${this.t('room.joinTitle', { session: room.sessionId })}</h2>
          <label for="name">${this.t('room.nameLabel')}</label>
          <input id="name" part="name" name="name" autocomplete="name" .value=${room.participantName} required maxlength="100" />
          ${viewer
            ? html`<p class="hint">${this.t('prejoin.viewer')}</p>`
            : html`
                <div part="devices">
                  <ov-device-select kind="audioinput"></ov-device-select>
                  <ov-device-select kind="videoinput"></ov-device-select>
                  <ov-device-select kind="audiooutput"></ov-device-select>
                </div>
              `}
          ${notices.map(
            (notice) => html`
              <div part="notice" role="status" data-code=${notice.code}>
                <p><strong>${notice.message}</strong> ${notice.remedy}</p>
                ${MEDIA_NOTICES.includes(notice.code)
                  ? html`<button type="button" class="secondary" @click=${() => room.retryPublishing()}>${this.t('room.retry')}</button>`
                  : html`<button type="button" class="secondary" @click=${() => room.dismissNotice(notice.code)}>${this.t('room.dismiss')}</button>`}
              </div>
            `,
          )}
          <button part="join" type="submit" class="primary">${this.t('room.join')}</button>
        </div>
      </form>
    `;
  }

  /** After leaving or a failed join: why, and the way back in (no preview: the camera stays off until then). */
  private renderOut() {
    const room = this.room!;
    return html`
      <form part="base" class="out" @submit=${this.onSubmit} aria-label=${this.t('room.joinTitle', { session: room.sessionId })}>
        <div part="form">
          ${room.status === 'error' && room.error
            ? html`<div part="error" role="alert">
                <h2 part="title">${this.t('room.errorTitle')}</h2>
                <p><strong>${room.error.message}</strong></p>
                <p>${room.error.remedy}</p>
              </div>`
            : html`<p part="status">${leftMessage(room.leftReason, room.lang)}</p>`}
          <input type="hidden" name="name" .value=${room.participantName} />
          <button part="join" type="submit" class="primary">${this.t(room.status === 'error' ? 'room.retry' : 'room.rejoin')}</button>
        </div>
      </form>
    `;
  }

  private renderPreview() {
    const room = this.room!;
    const lit = Math.round(this.level * LEVEL_SEGMENTS);
    const status = room.mediaStarting ? this.t('prejoin.starting') : '';
    return html`
      <div class="preview-column">
        <div part="preview" role="group" aria-label=${this.t('prejoin.preview')}>
          <ov-video participant="local" exportparts=${PREVIEW_PARTS}></ov-video>
          ${status ? html`<p class="status" role="status">${status}</p>` : nothing}
          <div part="controls">
            <ov-toggle source="microphone"></ov-toggle>
            <ov-toggle source="camera"></ov-toggle>
          </div>
        </div>
        <div
          part="level"
          role="meter"
          aria-label=${this.t('prejoin.level')}
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${Math.round(this.level * 100)}
          ?hidden=${!room.hasMicrophone}
        >
          ${Array.from({ length: LEVEL_SEGMENTS }, (_, index) => html`<span class=${index < lit && room.microphoneOn ? 'on' : ''}></span>`)}
        </div>
      </div>
    `;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    void this.room?.join({ participantName: input.value.trim() });
  }
}
