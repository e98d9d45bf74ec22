// The README's framework section shows the code that test/examples/apps.test.mjs drives: each example's marked
// region (`// #region room` … `// #endregion room`, in markup `<!-- #region room -->` … `<!-- #endregion room -->`),
// dedented, must stand in the README as it is, and in README.ko.md's framework section.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url);
// The Korean README shows the same code blocks in its framework section.
const READMES = ['README.md', 'README.ko.md'];
/** The example files whose room region the README shows. */
const SHOWN = ['examples/react19/src/App.tsx', 'examples/react18/src/App.tsx', 'examples/vue3/src/App.vue', 'examples/svelte5/src/App.svelte', 'examples/angular21/src/app/app.html', 'examples/angular21/src/app/app.ts'];

function region(file) {
  const text = readFileSync(new URL(file, ROOT), 'utf8');
  const match = text.match(/(?:^|\n)[ \t]*(?:\/\/ #region room|<!-- #region room -->)\n([\s\S]*?)\n[ \t]*(?:\/\/ #endregion room|<!-- #endregion room -->)/);
  assert.ok(match, `${file} has no "// #region room" … "// #endregion room" (or <!-- … --> in markup)`);
  const lines = match[1].split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)[0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

describe('the READMEs show the tested example code', () => {
  for (const readme of READMES) {
    const text = readFileSync(new URL(readme, ROOT), 'utf8');
    for (const file of SHOWN) {
      it(`${readme}: ${file}'s room region is in it, to the letter`, () => {
        assert.ok(text.includes(`(${file})`), `${readme} does not link ${file}`);
        assert.ok(text.includes(`\n${region(file)}\n\`\`\``), `${readme}'s copy of ${file}'s room region is stale: paste it again`);
      });
    }
  }
});
