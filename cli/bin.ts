#!/usr/bin/env node
// The package's command line: `openvidu-elements doctor <openvidu-url> [options]`. Exit codes: 0 when no check
// failed (warnings allowed), 1 when one did, 2 for a wrong command line.
import { parseArgs } from 'node:util';
import { TOKEN_CONVENTIONS, type TokenConvention } from '../core/token-source.js';
import { DEFAULT_TIMEOUT_MS, DEFAULT_TURN_PORT, runDoctor } from './doctor.js';
import { formatReport } from './report.js';

const USAGE = `Usage: openvidu-elements doctor <openvidu-url> [options]

Checks an OpenVidu 2 deployment from this machine: DNS, the HTTPS port, the TLS certificate, the REST API and
secret, the WebSocket at /openvidu, TURN, DOMAIN_OR_PUBLIC_IP, and optionally your application server's token
endpoint. Every failure says what to change.

  --secret S            the OPENVIDU_SECRET of the deployment (or OPENVIDU_SECRET in the environment)
  --app URL             your token endpoint, as <ov-room token-url> (gets one token, as a join would)
  --origin ORIGIN       the origin of the page that holds <ov-room>, to check the token endpoint's CORS
  --token-convention C  ${TOKEN_CONVENTIONS.join(' or ')} (default tutorial), as <ov-room token-convention>
  --session-id ID       the session the token is asked for (default openvidu-elements-doctor)
  --turn-port N         the TURN port (default ${DEFAULT_TURN_PORT})
  --timeout MS          deadline of each check (default ${DEFAULT_TIMEOUT_MS})
  --json                the report as JSON, for scripts

Example: npx openvidu-elements doctor https://openvidu.example.com --secret MY_SECRET \\
           --app https://app.example.com/api --origin https://www.example.com`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function positiveInteger(text: string | undefined, flag: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) usageError(`${flag} must be a whole number from 1 to ${max}, not "${text}".`);
  return value;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        secret: { type: 'string' },
        app: { type: 'string' },
        origin: { type: 'string' },
        'token-convention': { type: 'string' },
        'session-id': { type: 'string' },
        'turn-port': { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [command, url, ...rest] = positionals;
  if (command !== 'doctor') usageError(command ? `Unknown command "${command}".` : 'Which command? There is one: doctor.');
  if (!url) usageError('Give the OpenVidu URL, e.g. https://openvidu.example.com');
  if (rest.length > 0) usageError(`Unexpected argument "${rest[0]}".`);
  try {
    const parsedUrl = new URL(url);
    if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:') throw new Error();
  } catch {
    usageError(`"${url}" is not an http(s) URL: give the OpenVidu deployment's address, e.g. https://openvidu.example.com`);
  }
  const convention = values['token-convention'];
  if (convention !== undefined && !(TOKEN_CONVENTIONS as readonly string[]).includes(convention)) {
    usageError(`--token-convention must be ${TOKEN_CONVENTIONS.join(' or ')}, not "${convention}".`);
  }
  if (values.origin !== undefined) {
    let origin: URL | undefined;
    try {
      origin = new URL(values.origin);
    } catch {
      // below
    }
    if (!origin || origin.origin !== values.origin.replace(/\/$/, '')) usageError(`--origin must be an origin such as https://www.example.com (scheme, host and port only), not "${values.origin}".`);
    values.origin = origin.origin;
  }
  if (values.origin && !values.app) usageError('--origin goes with --app (the token endpoint whose CORS is checked).');
  if (values.app) {
    try {
      new URL(values.app);
    } catch {
      usageError(`--app must be an absolute URL such as https://app.example.com/api, not "${values.app}".`);
    }
  }
  const report = await runDoctor({
    url,
    secret: values.secret ?? (process.env.OPENVIDU_SECRET || undefined),
    app: values.app,
    origin: values.origin,
    tokenConvention: convention as TokenConvention | undefined,
    sessionId: values['session-id'],
    turnPort: positiveInteger(values['turn-port'], '--turn-port', 65535),
    timeoutMs: positiveInteger(values.timeout, '--timeout'),
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  process.exitCode = report.ok ? 0 : 1;
}

void main();
