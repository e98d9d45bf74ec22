import { expect } from '@open-wc/testing';
import { bestGrid, pageOf, planStage, PAGER_HEIGHT, renderOrder, stableOrder, tilesThatFit } from '../../src/core/layout.js';

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

describe('pages and tiles that fit', () => {
  it('a page holds the tiles that fit at the minimum size; pages clamp', () => {
    expect(tilesThatFit(1280, 720, 200, 16 / 9, 8)).to.equal(6 * 6);
    expect(tilesThatFit(100, 50, 200)).to.equal(1);
    expect(pageOf(25, 9, 0)).to.deep.equal({ page: 0, pages: 3, start: 0, end: 9 });
    expect(pageOf(25, 9, 2)).to.deep.equal({ page: 2, pages: 3, start: 18, end: 25 });
    expect(pageOf(25, 9, 7).page, 'past the last page').to.equal(2);
    expect(pageOf(25, 9, -1).page).to.equal(0);
    expect(pageOf(0, 9, 3)).to.deep.equal({ page: 0, pages: 1, start: 0, end: 0 });
  });

  it('a stable order keeps everyone in place, drops who left and appends who came', () => {
    expect(stableOrder(['a', 'b', 'c', 'd'], ['e', 'd', 'b', 'a'])).to.deep.equal(['a', 'b', 'd', 'e']);
    expect(stableOrder([], ['x', 'y'])).to.deep.equal(['x', 'y']);
  });
});

describe('planStage', () => {
  const people = (n: number) => ['me', ...Array.from({ length: n - 1 }, (_, i) => `p${i + 1}`)];
  const base = { local: 'me', screens: [] as string[], mode: 'auto' as const, width: 1280, height: 720, gap: 8, page: 0 };

  it('a grid of 25 on a desktop stage fits in one page; with max-tiles 9 it takes three, each shown alone', () => {
    const keys = people(25);
    const all = planStage({ ...base, keys });
    expect(all.focus).to.equal(undefined);
    expect(all.shown).to.deep.equal(keys);
    expect(all.page.pages).to.equal(1);
    const nine = planStage({ ...base, keys, maxTiles: 9 });
    expect(nine.page.pages).to.equal(3);
    expect(nine.shown).to.deep.equal(keys.slice(0, 9));
    expect(nine.grid).to.include({ columns: 3, rows: 3 });
    const last = planStage({ ...base, keys, maxTiles: 9, page: 2 });
    expect(last.shown).to.deep.equal(keys.slice(18));
  });

  it('100 participants go to pages of tiles at least 200 px wide, leaving room for the page buttons', () => {
    const plan = planStage({ ...base, keys: people(100) });
    expect(plan.page.pages).to.be.greaterThan(1);
    expect(plan.grid.tileWidth).to.be.at.least(200);
    expect(plan.grid.rows * plan.grid.tileHeight + (plan.grid.rows - 1) * 8).to.be.at.most(720 - PAGER_HEIGHT + 0.001);
    expect(plan.page.pages * plan.shown.length).to.be.at.least(100);
  });

  it('a small room shows four tiles to a page, smaller than the minimum, not one person per page', () => {
    // A 360 px wide room with a 220 px high stage fits one 200 px tile: it shows the sharer, their screen and Ben.
    const plan = planStage({ ...base, keys: ['me', 'me:screen', 'ben'], width: 360, height: 220 });
    expect(plan.page.pages).to.equal(1);
    expect(plan.shown).to.deep.equal(['me', 'me:screen', 'ben']);
    expect(plan.grid).to.include({ columns: 2, rows: 2 });
    const five = planStage({ ...base, keys: people(5), width: 360, height: 220 });
    expect(five.page.pages).to.equal(2);
    expect(five.shown).to.have.length(4);
  });

  it('a phone held upright gets two columns of square tiles and fewer per page', () => {
    const plan = planStage({ ...base, keys: people(25), width: 390, height: 640 });
    expect(plan.portrait).to.equal(true);
    expect(plan.grid.columns).to.equal(2);
    expect(plan.grid.tileWidth).to.equal(plan.grid.tileHeight);
    expect(plan.shown.length).to.be.within(2, 8);
    expect(planStage({ ...base, keys: people(2), width: 390, height: 640 }).grid).to.include({ columns: 1, rows: 2 });
  });

  it('speaker: the speaker large, the others in the strip; a new speaker only swaps places with the previous one', () => {
    const keys = people(6);
    const first = planStage({ ...base, keys, mode: 'speaker', speaker: 'p3' });
    expect(first.focus).to.equal('p3');
    expect(first.order).to.deep.equal(['me', 'p1', 'p2', 'p4', 'p5']);
    const second = planStage({ ...base, keys, mode: 'speaker', speaker: 'p1', previous: first });
    expect(second.focus).to.equal('p1');
    expect(second.order).to.deep.equal(['me', 'p3', 'p2', 'p4', 'p5']);
    // Nobody spoke yet: the first other participant, never oneself.
    expect(planStage({ ...base, keys, mode: 'speaker' }).focus).to.equal('p1');
  });

  it('a shared screen takes the stage by itself (not in grid mode) and leaves it when it stops; a pin wins', () => {
    const keys = [...people(4), 'p2:screen'];
    const shared = planStage({ ...base, keys, screens: ['p2:screen'] });
    expect(shared.focus).to.equal('p2:screen');
    expect(shared.order).to.not.include('p2:screen');
    expect(planStage({ ...base, keys, screens: ['p2:screen'], mode: 'grid' }).focus).to.equal(undefined);
    expect(planStage({ ...base, keys: people(4), previous: shared }).focus, 'back to the grid').to.equal(undefined);
    expect(planStage({ ...base, keys, screens: ['p2:screen'], pinned: 'p1' }).focus).to.equal('p1');
    expect(planStage({ ...base, keys: people(4), pinned: 'gone' }).focus, 'a pin of someone gone').to.equal(undefined);
  });

  it('the strip pages too: a strip beside the large tile holds what fits along it', () => {
    const plan = planStage({ ...base, keys: people(25), mode: 'speaker', speaker: 'p5' });
    expect(plan.stripBelow).to.equal(false);
    expect(plan.page.pages).to.be.greaterThan(1);
    const tileHeight = (1280 * 0.22) / (16 / 9);
    expect(plan.shown.length * tileHeight + (plan.shown.length - 1) * 8).to.be.at.most(720 - PAGER_HEIGHT);
    const capped = planStage({ ...base, keys: people(25), mode: 'speaker', maxTiles: 4 });
    expect(capped.shown).to.have.length(3);
  });
});

describe('renderOrder', () => {
  it('keeps the hidden tiles where they were and the shown ones in their order, moving nobody it need not', () => {
    // Grid to strip: the strip's tiles stay, the kept ones stay hidden in place, the large one leaves.
    expect(renderOrder(['a', 'b', 'c', 'd', 'e'], ['a', 'b', 'd'], ['e'])).to.deep.equal(['a', 'b', 'd', 'e']);
    // Back: the large one comes back in its place.
    expect(renderOrder(['a', 'b', 'd', 'e'], ['a', 'b', 'c', 'd', 'e'], [])).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    // The next page comes after the kept first page; going back moves nobody.
    expect(renderOrder(['a', 'b'], ['c', 'd'], ['a', 'b'])).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(renderOrder(['a', 'b', 'c', 'd'], ['a', 'b'], ['c', 'd'])).to.deep.equal(['a', 'b', 'c', 'd']);
    // A swap must move one: the shown order wins.
    expect(renderOrder(['a', 'b', 'c'], ['c', 'a'], ['b'])).to.deep.equal(['c', 'b', 'a']);
    // Whatever is neither shown nor kept goes.
    expect(renderOrder(['a', 'b', 'c'], ['c'], [])).to.deep.equal(['c']);
  });
});
