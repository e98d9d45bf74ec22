// `npm start`: runs the local OpenVidu-compatible server with the demo pages.
//   --port N / PORT            port (default 4443)
//   --host H / OPENVIDU_HOST   address to listen on (default 127.0.0.1; anything else prints a warning)
//   --public-url U / PUBLIC_URL      URL clients reach this server at (for tokens), when behind a proxy
//   --media-address A / MEDIA_ADDRESS  IPv4 address media flows on (default: this machine's network address)
//   --https                    HTTPS and WSS with a certificate of its own (kept in build/local-certificate/,
//                              or --cert-dir DIR)
//   --cert F --key F           HTTPS and WSS with these PEM files instead
//   --bots N                   N synthetic participants join (looped video and voice, they speak in turn)
//   --bots-session NAME        the session they join (default demo, the demo page's session)
//   OPENVIDU_SECRET            REST API secret (default MY_SECRET)
//   OPENVIDU_URL + OPENVIDU_SECRET   /api creates sessions and tokens on that real deployment instead
import { readFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { VALID_CUSTOM_ID } from './ids.js';
import { startLocalOpenVidu, type LocalOpenVidu } from './index.js';
import { RECORDING_NOTIFICATIONS, type RecordingNotification } from './recordings.js';

/** Each bot a browser receives costs the server about 1 % of a core (README): more than this would only stall. */
const MAX_BOTS = 200;

const USAGE = `Usage: npm start -- [--port 4443] [--host 127.0.0.1] [--https [--cert-dir DIR] | --cert cert.pem --key key.pem] [--public-url URL] [--media-address IP] [--bots N [--bots-session NAME]] [--quiet]`;
const DEFAULT_CERTIFICATE_DIR = fileURLToPath(new URL('../local-certificate/', import.meta.url));

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((info) => info.family === 'IPv4' && !info.internal).map((info) => info.address));
}

const lanAddress = (): string | undefined => lanAddresses()[0];

interface Tls {
  cert: string;
  key: string;
  /** Set when this server made the certificate: where it is, for the instructions to trust it. */
  own?: { certPath: string; hosts: string[]; created: boolean; notAfter: Date };
}

/** The certificate: the given files, or this server's own, made (or reused) for every name it can be reached at. */
async function loadTls(
  https: boolean,
  { certFile, keyFile, certDir }: { certFile?: string; keyFile?: string; certDir?: string },
  hosts: string[],
): Promise<Tls | undefined> {
  if (!!certFile !== !!keyFile) fail('--cert and --key go together: give both PEM files, or use --https for a certificate made here.');
  if (certFile && keyFile) {
    try {
      return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
    } catch (error) {
      fail(`Cannot read the certificate: ${(error as Error).message}`);
    }
  }
  if (!https) return undefined;
  // Loaded only here: plain `npm start` does not pay for the X.509 library.
  const { localCertificate } = await import('./certificate.js');
  const own = await localCertificate(certDir ?? DEFAULT_CERTIFICATE_DIR, hosts);
  return { cert: own.cert, key: own.key, own: { certPath: own.certPath, hosts: own.hosts, created: own.created, notAfter: own.notAfter } };
}

function printHowToTrust(tls: Tls, phoneUrl: string | undefined): void {
  const own = tls.own;
  if (!own) return;
  const path = own.certPath;
  console.log(`HTTPS with a self-signed certificate ${own.created ? 'made now' : 'made earlier'} for ${own.hosts.join(', ')} (until ${own.notAfter.toISOString().slice(0, 10)}):`);
  console.log(`  ${path}`);
  console.log('  Browsers warn about it until you trust it (once per device; it is kept and reused):');
  console.log(`    Linux, Chrome/Chromium:  certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n openvidu-elements-local -i ${path}`);
  console.log(`    macOS:                   sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${path}`);
  console.log(`    Windows:                 certutil -addstore -user Root ${path}`);
  console.log('    Firefox:                 Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import');
  console.log(`    Node (the doctor, your application server): NODE_EXTRA_CA_CERTS=${path}`);
  if (phoneUrl) {
    console.log(`  A phone: install ${phoneUrl}local-certificate.crt`);
    console.log('    Android: open it, or Settings > Security > Encryption & credentials > Install a certificate > CA certificate.');
    console.log('    iPhone: open it in Safari, install the profile (Settings > General > VPN & Device Management),');
    console.log('            then turn on full trust (Settings > General > About > Certificate Trust Settings).');
    console.log("  Or accept the browser's warning once (Chrome: Advanced > Proceed); Safari then still refuses the WebSocket.");
  }
}

const isLoopback = (host: string): boolean => host === '127.0.0.1' || host === 'localhost' || host === '::1';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'public-url': { type: 'string' },
        'media-address': { type: 'string' },
        https: { type: 'boolean' },
        cert: { type: 'string' },
        'cert-dir': { type: 'string' },
        key: { type: 'string' },
        bots: { type: 'string' },
        'bots-session': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const portText = values.port ?? process.env.PORT ?? '4443';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) fail(`Invalid port "${portText}": use a number from 0 to 65535.`);
  const host = values.host ?? process.env.OPENVIDU_HOST ?? '127.0.0.1';
  const secret = process.env.OPENVIDU_SECRET || 'MY_SECRET';
  const upstreamUrl = process.env.OPENVIDU_URL;
  if (upstreamUrl && !process.env.OPENVIDU_SECRET) fail('OPENVIDU_URL is set but OPENVIDU_SECRET is not: set both to use a real OpenVidu deployment.');
  if (upstreamUrl) {
    try {
      new URL(upstreamUrl);
    } catch {
      fail(`OPENVIDU_URL "${upstreamUrl}" is not a URL (expected e.g. https://openvidu.example.com/).`);
    }
  }
  const mediaAddress = values['media-address'] ?? process.env.MEDIA_ADDRESS ?? (isLoopback(host) || host === '0.0.0.0' ? undefined : host);
  const quiet = values.quiet ?? false;
  const publicUrl = values['public-url'] ?? process.env.PUBLIC_URL;
  if (publicUrl && !URL.canParse(publicUrl)) fail(`--public-url "${publicUrl}" is not a URL (expected e.g. https://192.168.1.20:4443).`);
  const reachableAt = [
    'localhost',
    '127.0.0.1',
    '::1',
    ...(isLoopback(host) ? [] : host === '0.0.0.0' ? [...lanAddresses(), hostname(), `${hostname()}.local`] : [host]),
    ...(publicUrl ? [new URL(publicUrl).hostname] : []),
  ];
  const tls = await loadTls(
    values.https ?? false,
    { certFile: values.cert, keyFile: values.key, certDir: values['cert-dir'] },
    [...new Set(reachableAt)],
  ).catch((error: Error) => fail(`Cannot set up HTTPS: ${error.message}`));
  const botsText = values.bots ?? '0';
  const bots = Number(botsText);
  if (!/^\d+$/.test(botsText) || bots > MAX_BOTS) fail(`Invalid --bots "${botsText}": use a number from 0 to ${MAX_BOTS}.`);
  const botsSession = values['bots-session'] ?? 'demo';
  if (!VALID_CUSTOM_ID.test(botsSession)) fail(`Invalid --bots-session "${botsSession}": use letters, digits, "-" and "_".`);
  if (values['bots-session'] !== undefined && bots === 0) fail('--bots-session needs --bots N as well.');
  const recordingNotification = process.env.OPENVIDU_RECORDING_NOTIFICATION || 'publisher_moderator';
  if (!(RECORDING_NOTIFICATIONS as readonly string[]).includes(recordingNotification)) {
    fail(`OPENVIDU_RECORDING_NOTIFICATION "${recordingNotification}" must be one of ${RECORDING_NOTIFICATIONS.join(', ')}.`);
  }

  // Signal handlers first: a Ctrl-C that comes right after the banner must still stop everything cleanly.
  let server: LocalOpenVidu | undefined;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(130);
    stopping = true;
    if (!quiet) console.log(`\n${signal}: stopping…`);
    if (!server) process.exit(0);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    server = await startLocalOpenVidu({
      host,
      port,
      secret,
      publicUrl,
      mediaAddress,
      tls: tls ? { cert: tls.cert, key: tls.key } : undefined,
      upstream: upstreamUrl ? { url: upstreamUrl, secret } : undefined,
      bots,
      botsSession,
      recordingNotification: recordingNotification as RecordingNotification,
      quiet,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`Port ${port} is in use: stop the other process or run \`npm start -- --port ${port + 1}\``);
    if (code === 'EACCES') fail(`Port ${port} needs privileges: run \`npm start -- --port 4443\` or another port above 1023`);
    if (code === 'EADDRNOTAVAIL') fail(`Cannot listen on ${host}: this machine has no such address`);
    fail(`Cannot start: ${(error as Error).message}`);
  }

  if (stopping) return; // stopped while starting: stop() saw no server yet and exits
  const scheme = tls ? 'https' : 'http';
  const shown = isLoopback(host) || host === '0.0.0.0' ? `${scheme}://localhost:${server.port}` : server.url;
  const lan = host === '0.0.0.0' ? lanAddress() : isLoopback(host) ? undefined : host;
  const phoneUrl = lan ? `${scheme}://${lan}:${server.port}/` : undefined;
  console.log(`Local OpenVidu server (OpenVidu 2.32 protocol) — for development and tests on one machine; production runs on a real OpenVidu deployment.`);
  console.log(`  Demo:        ${shown}/   (open it in two tabs)`);
  if (phoneUrl) console.log(`  On a phone or another computer of this network: ${phoneUrl}${tls ? '' : '   (plain http: browsers there refuse the camera; add --https)'}`);
  console.log(`  REST API:    ${shown}/openvidu/api   (Basic auth OPENVIDUAPP:${secret === 'MY_SECRET' ? 'MY_SECRET' : '<OPENVIDU_SECRET>'})`);
  console.log(`  App server:  ${shown}/api/sessions${upstreamUrl ? `   → sessions and tokens from ${upstreamUrl}` : ''}`);
  console.log(`  OPENVIDU_URL for your own application server: ${shown}/`);
  if (bots > 0) console.log(`  Bots:        ${bots} synthetic participants in session "${botsSession}": ${shown}/?session=${botsSession}`);
  if (tls) printHowToTrust(tls, phoneUrl);
  if (!isLoopback(host)) {
    console.warn(`Warning: listening on ${host}, reachable from other machines. This is a development server with a well-known default secret${tls ? '' : ' and no TLS'}; do not expose it.`);
  }
  console.log('Press Ctrl-C to stop.');
}

void main();
