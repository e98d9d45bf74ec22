// The README's table of error codes is the catalog's: made by scripts/error-table.mjs from dist/ (npm run build).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorTable, readmeTable } from '../../scripts/error-table.mjs';

describe("README's table of every error code", () => {
  it('is what the catalog says now (node scripts/error-table.mjs --write after changing a code or its texts)', async () => {
    const table = await errorTable();
    assert.equal(readmeTable(), table);
  });

  it('has a row with a cause and a fix for every code in src/core/errors.ts', async () => {
    const { OV_ERROR_CODES } = await import('../../dist/core/errors.js');
    const rows = readmeTable().split('\n').slice(2);
    assert.deepEqual(rows.map((row) => /^\| `(\w+)` \|/.exec(row)?.[1]), [...OV_ERROR_CODES]);
    for (const row of rows) assert.ok(!/\| *\|/.test(row) && !row.includes('error.'), `a text is missing: ${row}`);
  });
});
