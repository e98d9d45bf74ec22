// Finds a browser for the tests and benchmarks: its environment variable, then the usual names on PATH. Where none
// is found and this is a Debian-like machine run as root, installs the Debian package once. No test tool downloads
// a browser.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execFileSync } from 'node:child_process';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The executable named by `envVar`, else the first of `names` on PATH. */
export function findBrowser({ envVar, names }) {
  if (process.env[envVar]) return isExecutable(process.env[envVar]) ? process.env[envVar] : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Returns the browser's path, installing Debian's `aptPackage` when it can; otherwise throws a one-line remedy.
 * `label` names the browser in messages ("Chromium or Chrome"), `installHint` says how to get one elsewhere.
 */
export function ensureBrowser({ envVar, names, aptPackage, label, installHint }) {
  const found = findBrowser({ envVar, names });
  if (found) return found;
  if (process.env[envVar]) throw new Error(`${envVar}=${process.env[envVar]} is not an executable file. Point it at ${label}.`);
  if (process.getuid?.() === 0 && isExecutable('/usr/bin/apt-get')) {
    console.log(`No ${label} found; installing Debian's ${aptPackage} (apt-get install ${aptPackage})…`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', aptPackage], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = findBrowser({ envVar, names });
    if (installed) return installed;
  }
  throw new Error(`No ${label} found. Install one (${installHint}) or set ${envVar} to its executable.`);
}

/** For `node scripts/<browser>.mjs`: prints the path, or the remedy and exit code 1. */
export function printWhenRun(moduleUrl, ensure) {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  try {
    console.log(ensure());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
