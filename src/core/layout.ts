/**
 * Tile layout maths, pure and without the DOM: how many columns and rows fit `count` tiles of a given aspect ratio
 * into a box so that the tiles are as large as possible, how many tiles a page holds, and which tiles the stage
 * shows (a grid, or one tile large with the others in a strip), in an order that changes as little as possible.
 */
export interface GridLayout {
  readonly columns: number;
  readonly rows: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
}

/** `auto`: a grid, the latest shared screen large while there is one; `grid`: always a grid; `speaker`: whoever speaks large. */
export const LAYOUT_MODES = ['auto', 'grid', 'speaker'] as const;
export type LayoutMode = (typeof LAYOUT_MODES)[number];

/** Tiles are not made narrower than this to fit more on a page (px); the rest go to other pages. */
export const MIN_TILE_WIDTH = 200;
/** A page of the grid holds at least this many tiles (two by two), smaller than MIN_TILE_WIDTH in a small room, so
 * a 360 px wide room shows the others rather than one tile per page. */
export const MIN_TILES_PER_PAGE = 4;
/** The strip beside (or below) a large tile, as a fraction of the stage (as `--ov-layout-strip-size`'s default). */
export const STRIP_FRACTION = 0.22;

export function bestGrid(count: number, width: number, height: number, aspectRatio = 16 / 9, gap = 0, maxColumns = count): GridLayout {
  if (count <= 0 || width <= 0 || height <= 0) return { columns: Math.max(1, count), rows: 1, tileWidth: 0, tileHeight: 0 };
  let best: GridLayout = { columns: 1, rows: count, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= Math.min(count, Math.max(1, maxColumns)); columns++) {
    const rows = Math.ceil(count / columns);
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    // The tile keeps its aspect ratio inside the cell.
    const tileWidth = Math.min(cellWidth, cellHeight * aspectRatio);
    const tileHeight = tileWidth / aspectRatio;
    if (tileWidth * tileHeight > best.tileWidth * best.tileHeight) best = { columns, rows, tileWidth, tileHeight };
  }
  return best;
}

/** How many tiles of at least `minWidth` (at `aspectRatio`) fit in the box: a page of the grid holds no more. */
export function tilesThatFit(width: number, height: number, minWidth = MIN_TILE_WIDTH, aspectRatio = 16 / 9, gap = 0, maxColumns = Infinity): number {
  const columns = Math.min(maxColumns, Math.floor((width + gap) / (minWidth + gap)));
  const rows = Math.floor((height + gap) / (minWidth / aspectRatio + gap));
  return Math.max(1, columns) * Math.max(1, rows);
}

export interface Page {
  /** 0-based, clamped to the pages there are. */
  readonly page: number;
  readonly pages: number;
  readonly start: number;
  readonly end: number;
}

export function pageOf(count: number, perPage: number, page: number): Page {
  const size = Math.max(1, Math.floor(perPage));
  const pages = Math.max(1, Math.ceil(count / size));
  const current = Math.min(Math.max(0, Math.floor(page) || 0), pages - 1);
  const start = current * size;
  return { page: current, pages, start, end: Math.min(count, start + size) };
}

/** `keys` in the order of `previous`: those gone are dropped, new ones appended in their own order, nobody else moves. */
export function stableOrder(previous: readonly string[], keys: readonly string[]): string[] {
  const wanted = new Set(keys);
  const kept = previous.filter((key) => wanted.delete(key));
  return [...kept, ...wanted];
}

/**
 * The tiles an element keeps in the DOM, in DOM order: `shown` in their own order, and the `kept` hidden ones (recently
 * shown, kept for a quick way back) where they were in `previous`, so that a change moves as few tiles as it can
 * (moving a <video> in the DOM costs about as much as making a new one).
 */
export function renderOrder(previous: readonly string[], shown: readonly string[], kept: readonly string[]): string[] {
  const showing = new Set(shown);
  const before = new Set(previous);
  const result: string[] = [];
  let next = 0;
  for (const key of previous) {
    if (showing.has(key)) {
      // This place takes the next shown tile that was there before, and the new ones ahead of it.
      while (next < shown.length) {
        const tile = shown[next++];
        result.push(tile);
        if (before.has(tile)) break;
      }
    } else if (kept.includes(key)) result.push(key);
  }
  result.push(...shown.slice(next));
  return result;
}

export interface StageInput {
  /** Every tile, in the room's order (the local participant first, then by arrival; a screen after its owner). */
  readonly keys: readonly string[];
  /** The local participant's camera tile, never chosen as the speaker by itself. */
  readonly local?: string;
  /** Shared screens of others, the latest last: it takes the stage by itself (unless the mode is `grid`). */
  readonly screens: readonly string[];
  /** The last remote participant heard speaking. */
  readonly speaker?: string;
  /** A tile the user pinned: it is the large one, in every mode. */
  readonly pinned?: string;
  readonly mode: LayoutMode;
  readonly width: number;
  readonly height: number;
  readonly gap?: number;
  /** At most this many tiles at once (grid: on a page; with a large tile: the large one and the strip's page). */
  readonly maxTiles?: number;
  readonly page: number;
  /** The previous plan: its strip order is kept (only the new large tile swaps places with the old one). */
  readonly previous?: StagePlan;
}

export interface StagePlan {
  /** The large tile, or undefined for a grid. */
  readonly focus?: string;
  /** The tiles of the current page (of the grid, or of the strip beside `focus`): the only ones rendered. */
  readonly shown: readonly string[];
  /** Every tile but `focus`, in the order pages take them. */
  readonly order: readonly string[];
  readonly page: Page;
  /** A phone held upright (a tall, narrow stage): two columns of square tiles, the strip below the large tile. */
  readonly portrait: boolean;
  /** The strip runs below the large tile (a tall stage), not beside it. */
  readonly stripBelow: boolean;
  /** The grid of the shown tiles (of the strip's page, too, in one row or column). */
  readonly grid: GridLayout;
}

/** Room for the previous/next row under the tiles when there are pages (px, as the styles). */
export const PAGER_HEIGHT = 44;

export function planStage(input: StageInput): StagePlan {
  const { keys, width, mode } = input;
  const gap = input.gap ?? 0;
  const present = (key?: string) => (key !== undefined && keys.includes(key) ? key : undefined);
  const portrait = input.height > width * 1.2 && width < 720;
  const maxTiles = input.maxTiles && input.maxTiles > 0 ? Math.floor(input.maxTiles) : Infinity;
  const previousFocus = input.previous?.focus;
  const remote = keys.find((key) => key !== input.local && !key.endsWith(':screen'));
  const focus =
    present(input.pinned) ??
    (mode !== 'grid' ? present(input.screens.at(-1)) : undefined) ??
    (mode === 'speaker' ? (present(input.speaker) ?? present(previousFocus) ?? remote ?? keys[0]) : undefined);

  const previousOrder = [...(input.previous?.order ?? [])];
  if (previousFocus !== undefined && previousFocus !== focus) {
    // The new large tile leaves its place to the old one: nobody else in the strip moves.
    const at = focus === undefined ? -1 : previousOrder.indexOf(focus);
    if (at >= 0) previousOrder[at] = previousFocus;
  }
  let order = stableOrder(previousOrder, keys).filter((key) => key !== focus);
  if (focus === undefined) order = [...keys]; // the grid follows the room's order

  const layoutFor = (height: number) => {
    if (focus === undefined) {
      const aspect = portrait ? 1 : 16 / 9;
      const fit = tilesThatFit(width, height, portrait ? (width - gap) / 2 - 1 : MIN_TILE_WIDTH, aspect, gap, portrait ? 2 : Infinity);
      const perPage = Math.min(maxTiles, Math.max(MIN_TILES_PER_PAGE, fit));
      const page = pageOf(order.length, perPage, input.page);
      return { page, grid: bestGrid(page.end - page.start, width, height, aspect, gap, portrait ? 2 : Infinity), stripBelow: false };
    }
    const stripBelow = portrait || width < height * 1.2;
    const along = stripBelow ? width : height;
    const across = (stripBelow ? height : width) * STRIP_FRACTION;
    // Strip tiles are 16:9 (square on a phone): how many fit along the strip.
    const tileAlong = stripBelow ? across * (portrait ? 1 : 16 / 9) : across / (16 / 9);
    const perPage = Math.min(maxTiles - 1 || 1, Math.max(1, Math.floor((along + gap) / (tileAlong + gap))));
    const page = pageOf(order.length, perPage, input.page);
    const count = page.end - page.start;
    const grid = stripBelow
      ? { columns: count, rows: 1, tileWidth: tileAlong, tileHeight: across }
      : { columns: 1, rows: count, tileWidth: across, tileHeight: tileAlong };
    return { page, grid, stripBelow };
  };
  let layout = layoutFor(input.height);
  // Pages need their row of buttons: lay out again in what is left.
  if (layout.page.pages > 1) layout = layoutFor(input.height - PAGER_HEIGHT);
  const { page, grid, stripBelow } = layout;
  return { focus, shown: order.slice(page.start, page.end), order, page, portrait, stripBelow, grid };
}
