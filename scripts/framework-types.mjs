// Checks the framework types that `npm run build:manifest` (custom-elements-manifest.config.mjs) and
// `npm run build:angular` make from custom-elements.json: each file is there, made from this manifest (the stamp in
// its header, or for ngc's declarations, no older than their source) and names every tag in it. The analyzer prints
// an error and exits 0 when its config fails to load, then writes a manifest without them; `npm run build` and
// scripts/examples.mjs run this so that such a build fails. `node scripts/framework-types.mjs [root]` exits 1 and
// says what is wrong.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The line a generated file carries: a hash of the manifest as the analyzer writes it (JSON.stringify's order). */
export const stampLine = (manifest) => `// custom-elements.json sha256 ${createHash('sha256').update(JSON.stringify(manifest)).digest('hex').slice(0, 16)}`;

/** The generated files, by framework; the .d.ts ones must name every tag and event. */
export const FRAMEWORK_FILES = {
  react: ['dist/frameworks/react-jsx.d.ts', 'dist/frameworks/jsx-elements.d.ts', 'dist/frameworks/react-jsx.js'],
  vue: ['dist/frameworks/vue.d.ts', 'dist/frameworks/vue.js'],
  svelte: ['dist/frameworks/svelte.d.ts', 'dist/frameworks/svelte.js'],
  angular: ['build/angular/angular.ts', 'dist/frameworks/angular.d.ts', 'dist/frameworks/angular.js'],
};

// react-jsx.d.ts only wraps jsx-elements.d.ts, and the .js files are empty or compiled: the tags are checked in the
// .d.ts and .ts files that hold them.
const NAMES_ALL = (file) => /\.(d\.)?ts$/.test(file) && !file.endsWith('react-jsx.d.ts');
// ngc keeps no header comment in a declaration file: it must be no older than the source it was compiled from.
const COMPILED_FROM = { 'dist/frameworks/angular.d.ts': 'build/angular/angular.ts' };

/** What is wrong with the framework types under `root` (a directory ending in /): one sentence each, or none. */
export function frameworkTypeProblems(root) {
  const manifestFile = `${root}custom-elements.json`;
  if (!existsSync(manifestFile)) return ['custom-elements.json is missing: run npm run build'];
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const stamp = stampLine(manifest);
  const elements = (manifest.modules ?? []).flatMap((module) => module.declarations ?? []).filter((d) => d.tagName);
  const tags = elements.map((element) => element.tagName);
  const problems = [];
  if (!tags.length) problems.push('custom-elements.json lists no element (did the analyzer run with its config?)');
  for (const [framework, files] of Object.entries(FRAMEWORK_FILES)) {
    for (const file of files) {
      const path = `${root}${file}`;
      if (!existsSync(path)) {
        problems.push(`${framework}: ${file} is missing`);
        continue;
      }
      const text = readFileSync(path, 'utf8');
      const source = COMPILED_FROM[file];
      if (source ? existsSync(`${root}${source}`) && statSync(path).mtimeMs < statSync(`${root}${source}`).mtimeMs : !text.includes(stamp)) {
        problems.push(`${framework}: ${file} is stale (${source ? `older than ${source}` : 'made from another custom-elements.json'})`);
        continue;
      }
      const missing = NAMES_ALL(file) ? tags.filter((tag) => !text.includes(tag)) : [];
      if (missing.length) problems.push(`${framework}: ${file} lacks ${missing.join(', ')}`);
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ? `${process.argv[2].replace(/\/$/, '')}/` : fileURLToPath(new URL('..', import.meta.url));
  const problems = frameworkTypeProblems(root);
  if (problems.length) {
    console.error(`framework types: ${problems.join('; ')}. custom-elements-manifest.config.mjs makes them (npm run build:manifest, then npm run build:angular); if the analyzer printed an error loading it, fix that.`);
    process.exit(1);
  }
}
