import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { StreamManager } from 'openvidu-browser';
import { VIDEO_SOURCES, type ParticipantSnapshot, type VideoSource } from '../../core/room-state.js';
import { watchStreamManager } from '../../core/stream-view.js';
import { micOffIcon } from '../shared/icons.js';
import { CustomStates } from '../shared/custom-states.js';
import { OvRoomAwareElement } from '../shared/room-aware.js';
import { styles } from './ov-video.styles.js';

export const OV_VIDEO_PARTICIPANTS = ['local'] as const;

/** What OvRoomAwareElement changes when a new room snapshot or UI state arrives. */
const SNAPSHOT_KEYS: ReadonlySet<PropertyKey> = new Set(['contextRoom', 'contextUi', 'explicit']);
export { VIDEO_SOURCES as OV_VIDEO_SOURCES };

/**
 * One participant's camera or shared screen, with their name and microphone state.
 *
 * Inside `<ov-room>` it shows the participant chosen by `participant-id` (stable across their camera and screen
 * connections and across rejoins), `participant="local"`, or `connection-id`; `source="screen"` shows what they
 * share. In a room the video is silent: the room plays everyone's sound itself, tile or no tile. Outside a room,
 * give it an openvidu-browser Publisher or Subscriber through the `streamManager` property (it then plays the
 * sound of a remote one).
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
 * @cssprop [--ov-screen-fit=contain] - `object-fit` of a shared screen.
 *
 * Custom states for styling: `:state(speaking)`, `:state(microphone-off)`, `:state(camera-off)`,
 * `:state(local)`, `:state(mirrored)`, `:state(screen)`.
 */
export class OvVideo extends OvRoomAwareElement {
  static override styles = styles;

  /** `local` shows the local participant of the surrounding room. */
  @property({ reflect: true }) participant?: (typeof OV_VIDEO_PARTICIPANTS)[number];

  /** Shows the participant with this participant id (`state.participants[i].participantId`). */
  @property({ attribute: 'participant-id', reflect: true }) participantId?: string;

  /** Shows the participant with this OpenVidu connection id (their camera's or their screen's). */
  @property({ attribute: 'connection-id', reflect: true }) connectionId?: string;

  /** What to show: the participant's `camera` (default) or the `screen` they share. */
  @property({ reflect: true }) source: VideoSource = 'camera';

  /** An openvidu-browser Publisher or Subscriber to show, for apps that drive openvidu-browser themselves. */
  @property({ attribute: false }) streamManager?: StreamManager;

  /** Do not mirror the local camera (it is mirrored by default, as people expect of their own image). */
  @property({ type: Boolean, attribute: 'no-mirror' }) noMirror = false;

  @state() private standalone?: ParticipantSnapshot;
  @state() private autoplayBlocked = false;
  /** The `<video>` shows frames: until then (video on its way, or not received) the placeholder shows. */
  @state() private hasFrames = false;

  private readonly states = new CustomStates(this);
  private stopWatching?: () => void;
  private detachVideo?: () => void;
  private attachedStreamId?: string;
  /** In the viewport, as the IntersectionObserver last said (it reports once the tile is laid out). */
  private inViewport = false;
  private viewportObserver?: IntersectionObserver;
  private withdrawVideo?: () => void;
  private askedKey = '';
  /** What the last update showed of the room (see shouldUpdate). */
  private shownKey?: string;

  /** The participant shown, or undefined while there is none (yet). */
  get shownParticipant(): ParticipantSnapshot | undefined {
    if (this.streamManager) return this.standalone;
    const room = this.room;
    if (this.participant === 'local') return room?.local;
    if (this.participantId) {
      return room?.participants.find((p) => p.participantId === this.participantId) ?? (room?.local?.participantId === this.participantId ? room.local : undefined);
    }
    if (this.connectionId) return room?.participants.find((p) => p.connectionId === this.connectionId || p.screen?.connectionId === this.connectionId);
    return undefined;
  }

  private get showsScreen(): boolean {
    return !this.streamManager && (this.source === 'screen' || (!!this.connectionId && this.shownParticipant?.screen?.connectionId === this.connectionId));
  }

  /** The id of the stream shown: it changes whenever the video must be attached again. */
  private streamIdOf(participant: ParticipantSnapshot | undefined): string | undefined {
    return this.showsScreen ? participant?.screen?.streamId : participant?.streamId;
  }

  protected override get needsRoom(): boolean {
    return !this.streamManager;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.streamManager && !this.stopWatching) this.watch();
    // Only a tile in the viewport asks the room for its video (a tile on another page is not connected at all).
    this.viewportObserver = new IntersectionObserver((entries) => {
      this.inViewport = entries.at(-1)!.isIntersecting;
      this.syncVideoRequest();
    });
    this.viewportObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.viewportObserver?.disconnect();
    this.inViewport = false;
    this.syncVideoRequest();
    this.detach();
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /** Holds one ask for the shown remote video while this tile is connected and in the viewport (see requestVideo). */
  private syncVideoRequest(): void {
    const participant = this.shownParticipant;
    const source = this.showsScreen ? 'screen' : 'camera';
    const key = this.inViewport && !this.streamManager && participant && !participant.isLocal ? participant.participantId + source : '';
    if (key === this.askedKey) return;
    this.withdrawVideo?.();
    this.askedKey = key;
    this.withdrawVideo = key ? this.room?.requestVideo(participant!.participantId, source) : undefined;
  }

  /**
   * Every room snapshot reaches every tile (the kept hidden ones too), and most change nothing a tile shows (someone
   * else spoke, a chat message came): such an update is skipped. (A new connection brings a new stream id.)
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    const participant = this.shownParticipant;
    const key = [
      !!this.room,
      this.language,
      participant?.participantId,
      participant?.name,
      participant?.isLocal,
      participant?.microphoneOn,
      participant?.cameraOn,
      participant?.speaking,
      participant?.streamId,
      participant?.screen?.streamId,
    ].join(); // the name is the only field that may hold a comma: no two keys collide
    const unchanged = changed.size > 0 && [...changed.keys()].every((name) => SNAPSHOT_KEYS.has(name)) && key === this.shownKey;
    this.shownKey = key;
    return !unchanged && super.shouldUpdate(changed);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
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

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const participant = this.shownParticipant;
    this.syncStates(participant);
    this.syncVideoRequest();
    const streamId = this.streamIdOf(participant);
    if (streamId === this.attachedStreamId) return;
    this.detach();
    const video = this.renderRoot.querySelector('video');
    if (!participant || !streamId || !video) return;
    this.detachVideo = participant.attachVideo(video, this.showsScreen ? 'screen' : 'camera');
    this.attachedStreamId = streamId;
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
    const screen = this.showsScreen;
    const set = (name: string, on: boolean) => this.states.set(name, on);
    set('screen', screen);
    set('speaking', !screen && !!participant?.speaking);
    set('microphone-off', !screen && !!participant && !participant.microphoneOn);
    set('camera-off', screen ? !participant?.screen?.streamId : !participant?.cameraOn);
    set('local', !!participant?.isLocal);
    set('mirrored', !screen && !!participant?.isLocal && !this.noMirror);
  }

  protected override render() {
    const participant = this.shownParticipant;
    const screen = this.showsScreen;
    const name = participant?.name || this.t('participant.anonymous');
    const shownName = screen
      ? participant?.isLocal
        ? this.t('participant.yourScreen')
        : this.t('participant.screen', { name })
      : participant?.isLocal
        ? this.t('participant.you', { name })
        : name;
    const videoOn = (screen ? !!participant?.screen?.streamId : !!participant?.cameraOn) && this.hasFrames;
    const micOff = !screen && !!participant && !participant.microphoneOn;
    const facts = [
      shownName,
      micOff ? this.t('participant.micOff') : undefined,
      !screen && participant && !participant.cameraOn ? this.t('participant.cameraOff') : undefined,
      // Not "speaking": it changes every second, and a name that keeps changing is noise to a screen reader.
    ].filter(Boolean);
    // In a room the room plays the sound; a standalone remote tile plays its own.
    const muted = !this.streamManager || !!participant?.isLocal;
    return html`
      <div part="base" role="group" aria-label=${facts.join(', ')}>
        <video
          part="video"
          playsinline
          autoplay
          .muted=${muted}
          @loadeddata=${this.onVideoFrames}
          @resize=${this.onVideoFrames}
          @emptied=${this.onVideoFrames}
        ></video>
        <div part="placeholder" ?hidden=${videoOn}>
          <span part="avatar" aria-hidden="true">${initials(name)}</span>
        </div>
        <div part="label" aria-hidden="true">
          <span part="name">${shownName}</span>
          ${micOff ? html`<span part="mic-off">${micOffIcon}</span>` : nothing}
        </div>
        ${this.autoplayBlocked ? html`<button part="play" type="button" @click=${this.onPlayClick}>${this.t('video.play')}</button>` : nothing}
      </div>
    `;
  }

  /** A received video comes and goes with what the room receives (video-reception.ts): the placeholder covers the gap. */
  private onVideoFrames(event: Event): void {
    const video = event.target as HTMLVideoElement;
    this.hasFrames = video.videoWidth > 0 && video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
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
