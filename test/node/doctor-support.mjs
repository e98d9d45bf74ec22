// Helpers for the doctor's tests: run the package's bin (dist/cli/bin.js) as a child process, as `npx` would.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const BIN = new URL('../../dist/cli/bin.js', import.meta.url).pathname;

/**
 * Runs `openvidu-elements doctor <args>`; resolves with {code, stdout, stderr, report} (report: the parsed --json
 * output when `--json` was given). A per-step timeout keeps every run short.
 */
export async function doctor(args, { env = {}, bin = BIN } = {}) {
  const child = spawn(process.execPath, [bin, 'doctor', ...args, '--timeout', '3000'], {
    env: { ...process.env, OPENVIDU_SECRET: '', NODE_EXTRA_CA_CERTS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr, report: args.includes('--json') ? JSON.parse(stdout) : undefined };
}

/** The step `id` of a --json report. */
export function step(report, id) {
  const found = report.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id} in ${JSON.stringify(report.steps.map((s) => s.id))}`);
  return found;
}

/** Every step's id and status, for one readable assertion. */
export const statuses = (report) => Object.fromEntries(report.steps.map((s) => [s.id, s.status]));

/** A TCP port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
