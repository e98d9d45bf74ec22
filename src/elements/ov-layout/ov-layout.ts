import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { bestGrid } from '../../core/layout.js';
import type { ParticipantSnapshot, VideoSource } from '../../core/room-state.js';
import { OvRoomAwareElement } from '../shared/room-aware.js';
import { styles } from './ov-layout.styles.js';

const TILE_ASPECT_RATIO = 16 / 9;
const TILE_GAP_PX = 8;
export const TILE_PARTS = ['base', 'video', 'placeholder', 'avatar', 'label', 'name', 'mic-off', 'play'].map((part) => `${part}:tile-${part}`).join(', ');

interface Tile {
  readonly key: string;
  readonly participant: ParticipantSnapshot;
  readonly source: VideoSource;
}

/**
 * The stage: everyone's camera as tiles in the grid that makes them as large as the box allows, and a shared
 * screen shown large with the cameras in a strip beside it (below it on a tall box). The sharer sees a small
 * preview of their own screen among the tiles, never large. Tiles are `<ov-video>` elements, keyed by participant
 * id, so they do not jump when someone joins.
 *
 * Sizes are set through the CSSOM, never an inline `style` attribute, so pages with a strict
 * Content-Security-Policy (`style-src 'self'`) lay it out too.
 *
 * @summary The participants' tiles: a best-fit grid, or a shared screen with a strip.
 *
 * @csspart base - The stage.
 * @csspart focus - The large area with a shared screen.
 * @csspart strip - The row (or column) of tiles beside a shared screen.
 * @csspart tile - Every `<ov-video>`; its parts are exported as `tile-video`, `tile-name` ….
 * @csspart screen-tile - The tile of a shared screen (also `tile`).
 *
 * @cssprop [--ov-layout-gap=8px] - Space between tiles.
 * @cssprop [--ov-layout-strip-size=22%] - Width of the strip beside a shared screen (its height when below).
 *
 * Custom states: `:state(screen-focus)` while a shared screen is shown large, `:state(strip-below)`.
 */
export class OvLayout extends OvRoomAwareElement {
  static override styles = styles;

  @state() private size = { width: 0, height: 0 };

  private readonly internals = this.attachInternals();
  private resizeObserver?: ResizeObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (width !== this.size.width || height !== this.size.height) this.size = { width, height };
    });
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  /** The remote screen shown large: the latest one shared, so a new presenter takes the stage. */
  private focusedScreen(participants: readonly ParticipantSnapshot[]): ParticipantSnapshot | undefined {
    return participants.filter((participant) => !participant.isLocal && participant.screen?.streamId).at(-1);
  }

  private tiles(): { focus?: Tile; others: Tile[] } {
    const participants = this.room?.participants ?? [];
    const focused = this.focusedScreen(participants);
    const others: Tile[] = [];
    for (const participant of participants) {
      others.push({ key: `${participant.participantId}:camera`, participant, source: 'camera' });
      if (participant.screen?.streamId && participant !== focused) others.push({ key: `${participant.participantId}:screen`, participant, source: 'screen' });
    }
    return { focus: focused ? { key: `${focused.participantId}:screen`, participant: focused, source: 'screen' } : undefined, others };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { focus } = this.tiles();
    const below = !!focus && this.size.width < this.size.height * 1.2;
    const states = this.internals.states;
    if (focus) states.add('screen-focus');
    else states.delete('screen-focus');
    if (below) states.add('strip-below');
    else states.delete('strip-below');
  }

  protected override render() {
    const { focus, others } = this.tiles();
    const status = this.room?.status;
    if (status !== 'joined' && status !== 'reconnecting') return nothing;
    return focus
      ? html`
          <div part="base" class="focus-layout">
            <div part="focus">${this.renderTile(focus)}</div>
            <div part="strip">${repeat(others, (tile) => tile.key, (tile) => this.renderTile(tile))}</div>
          </div>
        `
      : html`<div part="base" class="grid">${repeat(others, (tile) => tile.key, (tile) => this.renderTile(tile))}</div>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const grid = this.renderRoot.querySelector<HTMLElement>('.grid');
    if (!grid) return;
    const count = grid.childElementCount;
    const layout = bestGrid(count, this.size.width, this.size.height, TILE_ASPECT_RATIO, TILE_GAP_PX);
    // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
    grid.style.setProperty('--_columns', String(layout.columns));
    grid.style.setProperty('--_tile-width', `${Math.floor(layout.tileWidth)}px`);
    grid.style.setProperty('--_tile-height', `${Math.floor(layout.tileHeight)}px`);
  }

  private renderTile(tile: Tile) {
    return html`<ov-video
      part=${tile.source === 'screen' ? 'tile screen-tile' : 'tile'}
      exportparts=${TILE_PARTS}
      participant-id=${tile.participant.participantId}
      source=${tile.source}
    ></ov-video>`;
  }
}
