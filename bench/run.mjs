// `npm run bench`: builds, then runs every benchmark in this folder. Each prints its numbers as ratios against
// a baseline it builds in the same run, because these machines are noisy.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

if (!run('npm', ['run', '--silent', 'build'])) process.exit(1);
const benchmarks = readdirSync('bench').filter((file) => file.endsWith('.mjs') && file !== 'run.mjs').sort();
let failed = 0;
for (const file of benchmarks) {
  console.log(`\n# ${file}`);
  if (!run(process.execPath, [`bench/${file}`])) failed += 1;
}
process.exit(failed ? 1 : 0);
