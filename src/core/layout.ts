/**
 * Tile layout maths: how many columns and rows fit `count` tiles of a given aspect ratio into a box so that
 * the tiles are as large as possible.
 */
export interface GridLayout {
  readonly columns: number;
  readonly rows: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
}

export function bestGrid(count: number, width: number, height: number, aspectRatio = 16 / 9, gap = 0): GridLayout {
  if (count <= 0 || width <= 0 || height <= 0) return { columns: Math.max(1, count), rows: 1, tileWidth: 0, tileHeight: 0 };
  let best: GridLayout = { columns: 1, rows: count, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= count; columns++) {
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
