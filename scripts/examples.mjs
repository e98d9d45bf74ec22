// Builds every framework example in examples/ for production, type check included (each example's own
// `npm run build`: tsc, vue-tsc, svelte-check or ng build, then its bundler), after the package itself is built
// (`npm run build`: the examples import openvidu-elements from the workspace root's dist/). test/examples/ serves
// what this builds. `node scripts/examples.mjs [name …]` builds only those.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { frameworkTypeProblems } from './framework-types.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The examples that build to static files in their `dist/` (examples/nextjs has its own server and test). */
export const EXAMPLES = ['react19', 'react18', 'vue3', 'svelte5', 'angular21'];

export function exampleDist(name) {
  return `${ROOT}examples/${name}/dist/`;
}

function build(names) {
  // The examples type-check against the framework types: missing or stale, every build would fail for that.
  const problems = frameworkTypeProblems(ROOT);
  if (problems.length) {
    console.error(`examples: build the package first (npm run build): ${problems.join('; ')}`);
    return false;
  }
  let ok = true;
  for (const name of names) {
    const started = performance.now();
    const result = spawnSync('npm', ['run', '--silent', 'build', '--workspace', `examples/${name}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.status === 0) {
      console.log(`examples/${name}: built in ${seconds} s`);
    } else {
      ok = false;
      console.error(`examples/${name}: build failed after ${seconds} s\n${result.stdout}${result.stderr}`);
    }
  }
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !EXAMPLES.includes(name));
  if (unknown.length) {
    console.error(`examples: no example ${unknown.join(', ')} (there are ${EXAMPLES.join(', ')})`);
    process.exit(2);
  }
  process.exit(build(wanted.length ? wanted : EXAMPLES) ? 0 : 1);
}
