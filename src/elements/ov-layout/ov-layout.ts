import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { LAYOUT_MODES, planStage, renderOrder, type LayoutMode, type StagePlan } from '../../core/layout.js';
import type { ParticipantSnapshot, VideoSource } from '../../core/room-state.js';
import { CustomStates } from '../shared/custom-states.js';
import { icon } from '../shared/icons.js';
import { OvRoomAwareElement } from '../shared/room-aware.js';
import { styles } from './ov-layout.styles.js';

export { LAYOUT_MODES as OV_LAYOUT_MODES };

const TILE_GAP_PX = 8;
/** Tiles no longer shown that stay in the DOM, hidden, the most recently shown first (about one page of tiles). */
const KEPT_TILES = 36;
export const TILE_PARTS = ['base', 'video', 'placeholder', 'avatar', 'label', 'name', 'mic-off', 'play'].map((part) => `${part}:tile-${part}`).join(', ');

const pinIcon = svg`<svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M12 17v5M9 3h6l-1 7 4 3v2H6v-2l4-3z"/></svg>`;
const arrow = (d: string) => icon(svg`<path d=${d}/>`);

interface Tile {
  readonly participant: ParticipantSnapshot;
  readonly source: VideoSource;
}

/** A tile's key: the participant id for a camera, `<id>:screen` for a shared screen (what `pinned` takes). */
const keyOf = (participant: ParticipantSnapshot, source: VideoSource) => (source === 'screen' ? `${participant.participantId}:screen` : participant.participantId);

/**
 * The stage of the meeting, for 2 people or 100:
 * - `grid`: everyone's camera, as large as the box allows;
 * - `speaker`: whoever speaks large, the others in a strip beside it (below it on a tall box); a new speaker only
 *   swaps places with the previous one, nobody else in the strip moves;
 * - `auto` (default): a grid, and a screen someone shares large with the cameras in the strip, by itself, until
 *   the sharing stops (also in `speaker`).
 * A pinned tile (`pinned`, or the pin button on every tile) is the large one in every layout. Tiles that do not
 * fit (at least 200 px wide, at most `max-tiles`) go to pages with previous/next buttons; a phone held upright gets
 * two columns of square tiles. Tiles of other pages are not shown, so their video is not received (the room still
 * plays everyone's sound); the last few dozen shown stay in the DOM, hidden, so that going back to them (a layout
 * change, the previous page) does not make their `<video>` elements again, the costliest part of a change. The sharer sees a small preview of their own screen, never large.
 *
 * Sizes are set through the CSSOM, never an inline `style` attribute, so pages with a strict
 * Content-Security-Policy (`style-src 'self'`) lay it out too.
 *
 * @summary The participants' tiles: grid, speaker and screen focus, pinning, pages.
 *
 * @csspart base - The stage.
 * @csspart focus - The large area (a shared screen, the speaker, a pinned tile).
 * @csspart strip - The row (or column) of tiles beside the large one.
 * @csspart grid - The grid of tiles.
 * @csspart cell - The box of each tile, with its pin button.
 * @csspart tile - Every `<ov-video>`; its parts are exported as `tile-video`, `tile-name` ….
 * @csspart screen-tile - The tile of a shared screen (also `tile`).
 * @csspart pin - The pin button on each tile (`aria-pressed` while pinned).
 * @csspart pager - The previous/next row, when there are pages.
 * @csspart page-button - The previous and next buttons (also `previous`, `next`).
 * @csspart page-status - "Page 2 of 3" (a polite live region).
 *
 * @cssprop [--ov-layout-gap=8px] - Space between tiles.
 * @cssprop [--ov-layout-strip-size=22%] - Width of the strip beside the large tile (its height when below). The
 *   number of strip tiles per page assumes the default.
 * @cssprop [--ov-layout-control-background=rgb(0 0 0 / 55%)] - Background of the pin and page buttons.
 *
 * Custom states: `:state(focus)` while one tile is large, `:state(screen-focus)` while it is a shared screen,
 * `:state(strip-below)`, `:state(portrait)`, `:state(paged)`.
 */
export class OvLayout extends OvRoomAwareElement {
  static override styles = styles;

  /** `auto`, `grid` or `speaker`; unset, the room's (`<ov-room layout>`, changed by the toolbar's layout button). */
  @property({ reflect: true }) layout?: LayoutMode;

  /** The tile shown large in every layout: a participant id, or `<participant id>:screen` for their screen. */
  @property({ reflect: true }) pinned?: string;

  /** At most this many tiles at once; by default as many as fit at 200 px wide. The rest go to pages. */
  @property({ type: Number, attribute: 'max-tiles' }) maxTiles?: number;

  @state() private size = { width: 0, height: 0 };
  @state() private page = 0;

  private readonly states = new CustomStates(this);
  private resizeObserver?: ResizeObserver;
  private speaker?: string;
  private plan?: StagePlan;
  /** The keys of the cells in the grid (or strip), in DOM order: the shown ones and the kept hidden ones. */
  private rendered: string[] = [];
  /** The kept hidden tiles, the most recently shown first. */
  private keptHidden: string[] = [];
  private shownKeys: string[] = [];

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

  /** The layout in effect: this element's `layout`, else the room's UI state's. */
  get mode(): LayoutMode {
    const mode = this.layout ?? this.ui?.layout;
    return mode && (LAYOUT_MODES as readonly string[]).includes(mode) ? mode : 'auto';
  }

  private tiles(): Map<string, Tile> {
    const tiles = new Map<string, Tile>();
    for (const participant of this.room?.participants ?? []) {
      tiles.set(keyOf(participant, 'camera'), { participant, source: 'camera' });
      if (participant.screen?.streamId) tiles.set(keyOf(participant, 'screen'), { participant, source: 'screen' });
    }
    return tiles;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const participants = this.room?.participants ?? [];
    const remotes = participants.filter((participant) => !participant.isLocal);
    // The last one heard stays large through silences; a new voice takes over.
    const speaking = remotes.filter((participant) => participant.speaking).map((participant) => participant.participantId);
    if (speaking.length && !speaking.includes(this.speaker!)) this.speaker = speaking[0];
    const tiles = this.tiles();
    const local = participants.find((participant) => participant.isLocal);
    const before = this.plan;
    const input = {
      keys: [...tiles.keys()],
      local: local && keyOf(local, 'camera'),
      screens: remotes.filter((participant) => participant.screen?.streamId).map((participant) => keyOf(participant, 'screen')),
      speaker: this.speaker,
      pinned: this.pinned,
      mode: this.mode,
      width: this.size.width,
      height: this.size.height,
      gap: TILE_GAP_PX,
      maxTiles: this.maxTiles,
      page: this.page,
      previous: before,
    };
    let plan = planStage(input);
    // Another arrangement (a grid, or one tile large) starts on its first page.
    if (before && (before.focus === undefined) !== (plan.focus === undefined)) plan = planStage({ ...input, page: 0 });
    this.plan = plan;
    if (plan.page.page !== this.page) this.page = plan.page.page;
    this.keepTiles(plan, tiles);
    const focus = plan.focus !== undefined ? tiles.get(plan.focus) : undefined;
    this.states.set('focus', !!focus);
    this.states.set('screen-focus', focus?.source === 'screen');
    this.states.set('strip-below', !!focus && plan.stripBelow);
    this.states.set('portrait', plan.portrait);
    this.states.set('paged', plan.page.pages > 1);
  }

  private get shows(): boolean {
    const status = this.room?.status;
    return (status === 'joined' || status === 'reconnecting') && !!this.plan;
  }

  /** Which cells the grid (or strip) holds: the shown tiles, and hidden the most recently shown others. */
  private keepTiles(plan: StagePlan, tiles: Map<string, Tile>): void {
    const shown = this.shows ? plan.shown.filter((key) => tiles.has(key)) : [];
    this.keptHidden = shown.length
      ? [...new Set([...this.shownKeys, ...this.keptHidden])].filter((key) => !shown.includes(key) && key !== plan.focus && tiles.has(key)).slice(0, KEPT_TILES)
      : [];
    this.shownKeys = shown;
    this.rendered = renderOrder(this.rendered, shown, this.keptHidden);
  }

  protected override render() {
    const plan = this.plan;
    if (!this.shows || !plan) return nothing;
    const tiles = this.tiles();
    const cells = repeat(this.rendered, (key) => key, (key) => this.renderCell(key, tiles.get(key)!, this.keptHidden.includes(key)));
    const focus = plan.focus !== undefined ? tiles.get(plan.focus) : undefined;
    // One element holds the grid or the strip, so the tiles in both stay where they are when the layout changes.
    return html`
      <div part="base" class="stage">
        ${focus ? html`<div part="focus">${this.renderCell(plan.focus!, focus)}</div>` : nothing}
        <div part=${focus ? 'strip' : 'grid'} class=${focus ? 'strip' : 'grid'}>${cells}</div>
      </div>
      ${plan.page.pages > 1 ? this.renderPager(plan) : nothing}
    `;
  }

  private renderPager(plan: StagePlan) {
    const { page, pages } = plan.page;
    return html`
      <div part="pager" role="group" aria-label=${this.t('layout.pages')}>
        <button part="page-button previous" type="button" aria-label=${this.t('layout.previousPage')} aria-disabled=${String(page === 0)} @click=${() => this.goTo(page - 1)}>
          ${arrow('M15 18l-6-6 6-6')}
        </button>
        <span part="page-status" role="status" aria-live="polite">${this.t('layout.pageOf', { page: page + 1, pages })}</span>
        <button part="page-button next" type="button" aria-label=${this.t('layout.nextPage')} aria-disabled=${String(page >= pages - 1)} @click=${() => this.goTo(page + 1)}>
          ${arrow('M9 18l6-6-6-6')}
        </button>
      </div>
    `;
  }

  /** Shows another page of tiles (0-based; clamped to the pages there are). */
  goTo(page: number): void {
    const pages = this.plan?.page.pages ?? 1;
    this.page = Math.min(Math.max(0, page), pages - 1);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const grid = this.renderRoot.querySelector<HTMLElement>('.grid');
    // (The same element may be the strip now: the grid's sizes stay on it, unused.)
    if (!grid || !this.plan) return;
    const layout = this.plan.grid;
    // CSSOM, not a style attribute: allowed under a strict Content-Security-Policy.
    grid.style.setProperty('--_columns', String(layout.columns));
    grid.style.setProperty('--_tile-width', `${Math.floor(layout.tileWidth)}px`);
    grid.style.setProperty('--_tile-height', `${Math.floor(layout.tileHeight)}px`);
  }

  private renderCell(key: string, tile: Tile, hidden = false) {
    const pinned = this.pinned === key;
    const name = tile.participant.name || this.t('participant.anonymous');
    const label = tile.source === 'screen' ? this.t('participant.screen', { name }) : name;
    return html`<div part="cell" class="cell" data-key=${key} ?hidden=${hidden}>
      <ov-video
        part=${tile.source === 'screen' ? 'tile screen-tile' : 'tile'}
        exportparts=${TILE_PARTS}
        participant-id=${tile.participant.participantId}
        source=${tile.source}
      ></ov-video>
      <button part="pin" class="pin" type="button" aria-pressed=${String(pinned)} aria-label=${this.t(pinned ? 'layout.unpin' : 'layout.pin', { name: label })} @click=${() => this.togglePin(key)}>
        ${pinIcon}
      </button>
    </div>`;
  }

  private togglePin(key: string): void {
    this.pinned = this.pinned === key ? undefined : key;
    // The pinned tile moves to the large area: keep the keyboard on its pin button.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.cell[data-key="${CSS.escape(key)}"] .pin`)?.focus());
  }
}
