// The README's table of every error code, made from the catalog itself (src/core/errors.ts and the English messages),
// so that it cannot fall behind: `node scripts/error-table.mjs --write` rewrites it between its markers after
// `npm run build`; test/node/error-table.test.mjs fails when the README's copy differs.
import { readFileSync, writeFileSync } from 'node:fs';

const ROOT = new URL('../', import.meta.url);
export const START = '<!-- error-codes:start (node scripts/error-table.mjs --write) -->';
export const END = '<!-- error-codes:end -->';

const cell = (text) => text.replace(/\|/g, '\\|').replace(/\{(\w+)\}/g, '‹$1›');

export async function errorTable() {
  const { OV_ERROR_CODES } = await import(new URL('dist/core/errors.js', ROOT));
  const { en } = await import(new URL('dist/core/i18n/en.js', ROOT));
  const { enDiagnostics } = await import(new URL('dist/core/i18n/en-diagnostics.js', ROOT));
  const english = { ...en, ...enDiagnostics };
  const rows = OV_ERROR_CODES.map((code) => `| \`${code}\` | ${cell(english[`error.${code}.message`])} | ${cell(english[`error.${code}.remedy`])} |`);
  return ['| Code | What is wrong | What to do |', '|---|---|---|', ...rows].join('\n');
}

/** The table as the README holds it now. */
export function readmeTable(readme = readFileSync(new URL('README.md', ROOT), 'utf8')) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + START.length, end).trim();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const table = await errorTable();
  if (process.argv.includes('--write')) {
    const path = new URL('README.md', ROOT);
    const readme = readFileSync(path, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers`);
    writeFileSync(path, `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`);
  } else {
    console.log(table);
  }
}
