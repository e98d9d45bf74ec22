import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { StreamManager } from 'openvidu-browser';
import { roomContext } from '../../context.js';
import { message } from '../../core/i18n/index.js';
import type { ParticipantSnapshot, RoomSnapshot } from '../../core/room-state.js';
import { watchStreamManager } from '../../core/stream-view.js';
import { micOffIcon } from '../shared/icons.js';
import { styles } from './ov-video.styles.js';

export const OV_VIDEO_PARTICIPANTS = ['local'] as const;

/**
 * One participant's video with their name and microphone state.
 *
 * Inside `<ov-room>` it shows the participant chosen by `participant="local"` or `connection-id`. Outside a
 * room, give it an openvidu-browser Publisher or Subscriber through the `streamManager` property.
 *
 * @summary A participant's video tile: video, name, microphone state, speaking outline.
 *
 * @csspart base - The tile.
 * @csspart video - The `<video>` element.
 * @csspart placeholder - What shows while the camera is off.
 * @csspart avatar - The initial inside the placeholder.
 * @csspart label - The name and microphone state.
 * @csspart name - The participant's name.
 * @csspart mic-off - The "microphone off" icon.
 * @csspart play - The button that starts playback where the browser blocked autoplay.
 *
 * @cssprop [--ov-video-background=#1f2329] - Tile background.
 * @cssprop [--ov-video-radius=8px] - Tile corner radius.
 * @cssprop [--ov-video-fit=cover] - `object-fit` of the video: `cover` or `contain`.
 * @cssprop [--ov-video-aspect-ratio=auto] - Tile aspect ratio when its height is not set by its container.
 * @cssprop [--ov-video-label-color=#fff] - Label text colour.
 * @cssprop [--ov-video-label-background=rgb(0 0 0 / 55%)] - Label background.
 * @cssprop [--ov-video-label-font-size=0.85rem] - Label font size.
 * @cssprop [--ov-speaking-color=#4ade80] - Outline of a speaking participant.
 * @cssprop [--ov-muted-color=#fca5a5] - Colour of the "microphone off" icon.
 * @cssprop [--ov-avatar-background=#3b4250] - Placeholder circle background.
 * @cssprop [--ov-avatar-color=#fff] - Placeholder initials colour.
 *
 * Custom states for styling: `:state(speaking)`, `:state(microphone-off)`, `:state(camera-off)`,
 * `:state(local)`, `:state(mirrored)`.
 */
export class OvVideo extends LitElement {
  static override styles = styles;

  /** `local` shows the local participant of the surrounding room. */
  @property({ reflect: true }) participant?: (typeof OV_VIDEO_PARTICIPANTS)[number];

  /** Shows the remote participant with this OpenVidu connection id. */
  @property({ attribute: 'connection-id', reflect: true }) connectionId?: string;

  /** An openvidu-browser Publisher or Subscriber to show, for apps that drive openvidu-browser themselves. */
  @property({ attribute: false }) streamManager?: StreamManager;

  /** Do not mirror the local camera (it is mirrored by default, as people expect of their own image). */
  @property({ type: Boolean, attribute: 'no-mirror' }) noMirror = false;

  @consume({ context: roomContext, subscribe: true })
  @state()
  private room?: RoomSnapshot;

  @state() private standalone?: ParticipantSnapshot;
  @state() private autoplayBlocked = false;

  private readonly internals = this.attachInternals();
  private stopWatching?: () => void;
  private detachVideo?: () => void;
  private attachedStreamId?: string;

  /** The participant shown, or undefined while there is none (yet). */
  get shownParticipant(): ParticipantSnapshot | undefined {
    if (this.streamManager) return this.standalone;
    if (this.participant === 'local') return this.room?.local;
    if (this.connectionId) return this.room?.participants.find((p) => p.connectionId === this.connectionId);
    return undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.streamManager && !this.stopWatching) this.watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detach();
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('streamManager')) this.watch();
  }

  private watch(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    this.standalone = undefined;
    if (this.streamManager && this.isConnected) {
      this.stopWatching = watchStreamManager(this.streamManager, (participant) => (this.standalone = participant));
    }
  }

  protected override updated(): void {
    const participant = this.shownParticipant;
    this.syncStates(participant);
    if (participant?.streamId === this.attachedStreamId) return;
    this.detach();
    const video = this.renderRoot.querySelector('video');
    if (!participant?.streamId || !video) return;
    this.detachVideo = participant.attachVideo(video);
    this.attachedStreamId = participant.streamId;
    this.play(video);
  }

  private detach(): void {
    this.detachVideo?.();
    this.detachVideo = undefined;
    this.attachedStreamId = undefined;
    this.autoplayBlocked = false;
  }

  /** Browsers may refuse to autoplay sound without a user gesture (iOS Safari above all): offer a button then. */
  private play(video: HTMLVideoElement): void {
    video.play().then(
      () => (this.autoplayBlocked = false),
      (error: unknown) => {
        if ((error as DOMException)?.name === 'NotAllowedError') this.autoplayBlocked = true;
      },
    );
  }

  private syncStates(participant: ParticipantSnapshot | undefined): void {
    const states = this.internals.states;
    const set = (name: string, on: boolean) => (on ? states.add(name) : states.delete(name));
    set('speaking', !!participant?.speaking);
    set('microphone-off', !!participant && !participant.microphoneOn);
    set('camera-off', !participant?.cameraOn);
    set('local', !!participant?.isLocal);
    set('mirrored', !!participant?.isLocal && !this.noMirror);
  }

  private get lang_(): string | undefined {
    return this.room?.lang ?? (this.closest('[lang]')?.getAttribute('lang') || undefined);
  }

  protected override render() {
    const participant = this.shownParticipant;
    const lang = this.lang_;
    const name = participant?.name || message('participant.anonymous', {}, lang);
    const shownName = participant?.isLocal ? message('participant.you', { name }, lang) : name;
    const facts = [
      shownName,
      participant && !participant.microphoneOn ? message('participant.micOff', {}, lang) : undefined,
      participant && !participant.cameraOn ? message('participant.cameraOff', {}, lang) : undefined,
      // Not "speaking": it changes every second, and a name that keeps changing is noise to a screen reader.
    ].filter(Boolean);
    return html`
      <div part="base" role="group" aria-label=${facts.join(', ')}>
        <video part="video" playsinline autoplay .muted=${!!participant?.isLocal}></video>
        <div part="placeholder" ?hidden=${!!participant?.cameraOn}>
          <span part="avatar" aria-hidden="true">${initials(name)}</span>
        </div>
        <div part="label" aria-hidden="true">
          <span part="name">${shownName}</span>
          ${participant && !participant.microphoneOn ? html`<span part="mic-off">${micOffIcon}</span>` : nothing}
        </div>
        ${this.autoplayBlocked
          ? html`<button part="play" type="button" @click=${this.onPlayClick}>${message('video.play', {}, lang)}</button>`
          : nothing}
      </div>
    `;
  }

  private onPlayClick(): void {
    const video = this.renderRoot.querySelector('video');
    if (video) this.play(video);
  }
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => [...word][0].toUpperCase())
    .join('');
}
