// Every code of the error catalog is produced by some test: each is named, as a string, in a test that provokes it
// and asserts it. This test records where, and fails for a code no test names, so that a new code comes with its
// test. NOT_YET_PRODUCED lists the codes still without one; it may only shrink.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;
const THIS_FILE = new URL(import.meta.url).pathname;

/** Codes no test provokes yet, each with why: remove a code here when its test lands. */
const NOT_YET_PRODUCED = new Map([]);

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return /\.test\.(ts|mjs)$/.test(name) && path !== THIS_FILE ? [path] : [];
  });
}

describe('every error code is produced by a test', async () => {
  const { OV_ERROR_CODES } = await import('../../dist/core/errors.js');
  const files = testFiles(join(ROOT, 'test')).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
  const producedBy = (code) => files.filter(({ text }) => new RegExp(`['"\`]${code}['"\`]`).test(text)).map(({ path }) => path);

  for (const code of OV_ERROR_CODES) {
    it(code, () => {
      const where = producedBy(code);
      if (NOT_YET_PRODUCED.has(code)) {
        assert.deepEqual(where, [], `${code} now has a test (${where.join(', ')}): take it out of NOT_YET_PRODUCED`);
      } else {
        assert.ok(where.length > 0, `no test names ${code}: write one that provokes it`);
      }
    });
  }

  it('NOT_YET_PRODUCED names only codes of the catalog', () => {
    assert.deepEqual([...NOT_YET_PRODUCED.keys()].filter((code) => !OV_ERROR_CODES.includes(code)), []);
  });
});
