// `npm start`: runs the local OpenVidu-compatible server with the demo pages.
//   --port N / PORT            port (default 4443)
//   --host H / OPENVIDU_HOST   address to listen on (default 127.0.0.1; anything else prints a warning)
//   --public-url U / PUBLIC_URL      URL clients reach this server at (for tokens), when behind a proxy
//   --media-address A / MEDIA_ADDRESS  IPv4 address media flows on (default 127.0.0.1, or the LAN address with --host)
//   OPENVIDU_SECRET            REST API secret (default MY_SECRET)
//   OPENVIDU_URL + OPENVIDU_SECRET   /api creates sessions and tokens on that real deployment instead
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { startLocalOpenVidu, type LocalOpenVidu } from './index.js';

const USAGE = `Usage: npm start -- [--port 4443] [--host 127.0.0.1] [--public-url URL] [--media-address IP] [--quiet]`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return undefined;
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
  const mediaAddress = values['media-address'] ?? process.env.MEDIA_ADDRESS ?? (isLoopback(host) ? '127.0.0.1' : host === '0.0.0.0' ? lanAddress() : host);
  const quiet = values.quiet ?? false;

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
      publicUrl: values['public-url'] ?? process.env.PUBLIC_URL,
      mediaAddress: mediaAddress ?? '127.0.0.1',
      upstream: upstreamUrl ? { url: upstreamUrl, secret } : undefined,
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
  const shown = isLoopback(host) || host === '0.0.0.0' ? `http://localhost:${server.port}` : server.url;
  console.log(`Local OpenVidu server (OpenVidu 2.32 protocol) — for development and tests on one machine; production runs on a real OpenVidu deployment.`);
  console.log(`  Demo:        ${shown}/   (open it in two tabs)`);
  console.log(`  REST API:    ${shown}/openvidu/api   (Basic auth OPENVIDUAPP:${secret === 'MY_SECRET' ? 'MY_SECRET' : '<OPENVIDU_SECRET>'})`);
  console.log(`  App server:  ${shown}/api/sessions${upstreamUrl ? `   → sessions and tokens from ${upstreamUrl}` : ''}`);
  console.log(`  OPENVIDU_URL for your own application server: ${shown}/`);
  if (!isLoopback(host)) {
    console.warn(`Warning: listening on ${host}, reachable from other machines. This is a development server with a well-known default secret and no TLS; do not expose it.`);
  }
  console.log('Press Ctrl-C to stop.');
}

void main();
