import { expect } from '@open-wc/testing';
import { bestGrid } from '../../src/core/layout.js';

describe('bestGrid', () => {
  it('puts one tile alone, as large as the box allows at its aspect ratio', () => {
    expect(bestGrid(1, 1600, 900, 16 / 9)).to.deep.equal({ columns: 1, rows: 1, tileWidth: 1600, tileHeight: 900 });
    const tall = bestGrid(1, 800, 900, 16 / 9);
    expect(tall.tileWidth).to.equal(800);
    expect(tall.tileHeight).to.equal(450);
  });

  it('places two side by side in a wide box and stacked in a tall one', () => {
    expect(bestGrid(2, 1600, 500, 16 / 9)).to.include({ columns: 2, rows: 1 });
    expect(bestGrid(2, 500, 1600, 16 / 9)).to.include({ columns: 1, rows: 2 });
  });

  it('uses a 3x3 grid for nine tiles in a 16:9 box', () => {
    expect(bestGrid(9, 1600, 900, 16 / 9)).to.include({ columns: 3, rows: 3 });
  });

  it('leaves room for the gaps', () => {
    const grid = bestGrid(2, 1000, 300, 16 / 9, 20);
    expect(grid.columns * grid.tileWidth + (grid.columns - 1) * 20).to.be.at.most(1000);
  });

  it('never overflows the box', () => {
    for (let count = 1; count <= 30; count++) {
      const grid = bestGrid(count, 1280, 720, 16 / 9, 8);
      expect(grid.columns * grid.rows).to.be.at.least(count);
      expect(grid.columns * grid.tileWidth + (grid.columns - 1) * 8).to.be.at.most(1280.001);
      expect(grid.rows * grid.tileHeight + (grid.rows - 1) * 8).to.be.at.most(720.001);
    }
  });

  it('handles an empty room and an unmeasured box', () => {
    expect(bestGrid(0, 100, 100).tileWidth).to.equal(0);
    expect(bestGrid(3, 0, 0).tileWidth).to.equal(0);
  });
});
