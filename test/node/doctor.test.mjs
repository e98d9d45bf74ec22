// `openvidu-elements doctor` (the package's bin, dist/cli/bin.js) run against the local server as it is, and with
// what breaks real deployments put in front of it: a wrong secret, a closed port, a proxy that drops WebSocket
// upgrades, a TURN port with and without a STUN responder, a wrong DOMAIN_OR_PUBLIC_IP, a token endpoint without
// CORS for the page's origin, and one that answers OpenVidu 3 tokens. Certificates: doctor-tls.test.mjs.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTokenFixtureServer } from '../support/token-fixture-server.mjs';
import { closedPort, doctor, statuses, step } from './doctor-support.mjs';
import { SECRET, startServer } from './server-support.mjs';

const ORIGIN = 'http://localhost:5173';

describe('openvidu-elements doctor', () => {
  let server;
  let tokens;
  // One local server and one token-endpoint fixture for the whole file.
  before(async () => {
    server = await startServer({ after() {} });
    tokens = await startTokenFixtureServer({ openviduUrl: server.url, secret: SECRET });
  });
  after(async () => {
    await tokens?.close();
    await server?.close();
  });

  it('a healthy local server passes, shows its version and says what it is; it runs from the package alone, without node_modules', async (t) => {
    // The bin must work with no dependency installed at all: a copy of dist/ and package.json, nothing else.
    const copy = await mkdtemp(join(tmpdir(), 'doctor-package-'));
    t.after(() => rm(copy, { recursive: true, force: true }));
    await cp(new URL('../../dist/', import.meta.url), join(copy, 'dist'), { recursive: true });
    await cp(new URL('../../package.json', import.meta.url), join(copy, 'package.json'));
    const bin = join(copy, 'dist/cli/bin.js');
    const text = await doctor([server.url, '--secret', SECRET, '--app', `${server.url}/api`, '--origin', ORIGIN], { bin });
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /ok +REST API +OpenVidu 2\.32\.1 local development server/);
    assert.match(text.stdout, /Everything checked passed\./);
    assert.match(text.stdout, /This is the local development server/);

    const { report, code } = await doctor([server.url, '--secret', SECRET, '--app', `${server.url}/api`, '--origin', ORIGIN, '--json'], { bin });
    assert.equal(code, 0);
    assert.equal(report.ok, true);
    assert.equal(report.localServer, true);
    assert.deepEqual(statuses(report), {
      dns: 'passed',
      tcp: 'passed',
      tls: 'skipped', // http:// on this machine needs no certificate
      protocol: 'passed',
      rest: 'passed',
      websocket: 'passed',
      turn: 'skipped', // the local server has no TURN, and needs none
      domain: 'passed',
      'app-cors': 'passed',
      'app-token': 'passed',
    });
    assert.equal(step(report, 'rest').details.version, '2.32.1');
    assert.match(step(report, 'app-token').message, /OpenVidu 2 tokens \(ws:\/\/127\.0\.0\.1:\d+\)/);
  });

  it('a wrong secret is named, with the .env key to copy it from', async () => {
    const { code, report } = await doctor([server.url, '--secret', 'NOT_THE_SECRET', '--json']);
    assert.equal(code, 1);
    const rest = step(report, 'rest');
    assert.equal(rest.status, 'failed');
    assert.equal(rest.code, 'WRONG_SECRET');
    assert.match(rest.message, /401/);
    assert.match(rest.remedy, /OPENVIDU_SECRET of \/opt\/openvidu\/\.env/);
    assert.equal(step(report, 'websocket').status, 'passed', 'the other checks still run');
  });

  it('the secret may come from OPENVIDU_SECRET; without any, the REST API is a warning, not a failure', async () => {
    const fromEnv = await doctor([server.url, '--json'], { env: { OPENVIDU_SECRET: SECRET } });
    assert.equal(step(fromEnv.report, 'rest').status, 'passed');
    const without = await doctor([server.url, '--json']);
    assert.equal(without.code, 0);
    assert.equal(step(without.report, 'rest').code, 'NO_SECRET');
    assert.equal(step(without.report, 'rest').status, 'warning');
  });

  it('a closed port is named, and what needs the port is skipped instead of timing out', async () => {
    const port = await closedPort();
    const { code, report } = await doctor([`http://127.0.0.1:${port}`, '--secret', SECRET, '--json']);
    assert.equal(code, 1);
    const tcp = step(report, 'tcp');
    assert.equal(tcp.code, 'PORT_CLOSED');
    assert.match(tcp.message, new RegExp(`Nothing listens on 127\\.0\\.0\\.1:${port}`));
    assert.match(tcp.remedy, /HTTPS_PORT/);
    for (const id of ['protocol', 'rest', 'websocket']) assert.equal(step(report, id).status, 'skipped', id);
  });

  it('a proxy in front that drops WebSocket upgrades is named, with the proxy settings to add', async (t) => {
    const proxy = await startUpgradeDroppingProxy(server.port);
    t.after(() => proxy.close());
    const { code, report } = await doctor([proxy.url, '--secret', SECRET, '--json']);
    assert.equal(code, 1);
    assert.equal(step(report, 'rest').status, 'passed', 'plain requests pass the proxy');
    const websocket = step(report, 'websocket');
    assert.equal(websocket.code, 'PROXY_DROPS_UPGRADE');
    assert.match(websocket.message, /HTTP 426.*drops the Upgrade and Connection headers/);
    assert.match(websocket.remedy, /proxy_set_header Upgrade \$http_upgrade/);
  });

  it('TURN: a STUN responder on the TURN port passes and shows the address it saw; no responder is named', async (t) => {
    const responder = await startStunResponder();
    t.after(() => responder.close());
    const answered = await doctor([server.url, '--secret', SECRET, '--turn-port', String(responder.port), '--json']);
    const turn = step(answered.report, 'turn');
    assert.equal(turn.status, 'passed', turn.message);
    assert.match(turn.details.mappedAddress, /^127\.0\.0\.1:\d+$/);
    assert.ok(responder.requests > 0);

    const silentPort = await closedUdpPort();
    const unanswered = await doctor([server.url, '--secret', SECRET, '--turn-port', String(silentPort), '--json']);
    assert.equal(unanswered.code, 1);
    const failedTurn = step(unanswered.report, 'turn');
    assert.equal(failedTurn.code, 'TURN_UNREACHABLE');
    assert.match(failedTurn.message, new RegExp(`127\\.0\\.0\\.1:${silentPort}/udp`));
    assert.match(failedTurn.remedy, /coturn/);
  });

  it('a DOMAIN_OR_PUBLIC_IP that is not the address the URL reaches is named', async (t) => {
    const probe = await startServer(t);
    await probe.close();
    // The server tells clients (in /config and in its tokens) to go to 127.0.0.2, while the URL reaches 127.0.0.1.
    const misconfigured = await startServer(t, { port: probe.port, publicUrl: `http://127.0.0.2:${probe.port}` });
    const { code, report } = await doctor([misconfigured.url, '--secret', SECRET, '--json']);
    assert.equal(code, 1);
    const domain = step(report, 'domain');
    assert.equal(domain.code, 'DOMAIN_MISMATCH');
    assert.match(domain.message, /DOMAIN_OR_PUBLIC_IP=127\.0\.0\.2/);
    assert.match(domain.remedy, /Set DOMAIN_OR_PUBLIC_IP=127\.0\.0\.1 in \/opt\/openvidu\/\.env/);
  });

  it('a token endpoint without CORS for the page origin is named (preflight and answers), with the fix', async () => {
    const { code, report } = await doctor([server.url, '--secret', SECRET, '--app', `${tokens.url}/no-cors/json`, '--origin', ORIGIN, '--json']);
    assert.equal(code, 1);
    const cors = step(report, 'app-cors');
    assert.equal(cors.code, 'CORS_ORIGIN_NOT_ALLOWED');
    assert.match(cors.message, /preflight for http:\/\/localhost:5173 .* sends no Access-Control-Allow-Origin/);
    assert.match(cors.remedy, /cors\(\{ origin: 'http:\/\/localhost:5173' \}\)/);
    const answers = step(report, 'app-token');
    assert.equal(answers.code, 'CORS_ORIGIN_NOT_ALLOWED', 'the token answers lack the header too');
    // The same endpoint with CORS passes both.
    const fine = await doctor([server.url, '--secret', SECRET, '--app', `${tokens.url}/json`, '--origin', ORIGIN, '--json']);
    assert.equal(step(fine.report, 'app-cors').status, 'passed');
    assert.equal(step(fine.report, 'app-token').status, 'passed');
  });

  it("a token endpoint that answers no OpenVidu 2 token gets <ov-room>'s own error code and remedy", async () => {
    const { code, report } = await doctor([server.url, '--secret', SECRET, '--app', `${tokens.url}/openvidu3`, '--json']);
    assert.equal(code, 1);
    const answers = step(report, 'app-token');
    assert.equal(answers.code, 'TOKEN_IS_OPENVIDU_3');
    assert.match(answers.remedy, /OpenVidu 2 deployment/);
    assert.equal(step(report, 'app-cors').code, 'NO_ORIGIN', 'without --origin, CORS is not checked and it says so');
  });

  it('a wrong command line gets the usage and exit code 2', async () => {
    const noUrl = await doctor([]);
    assert.equal(noUrl.code, 2);
    assert.match(noUrl.stderr, /Give the OpenVidu URL/);
    const badOrigin = await doctor([server.url, '--app', `${server.url}/api`, '--origin', 'localhost:5173/page']);
    assert.equal(badOrigin.code, 2);
    assert.match(badOrigin.stderr, /--origin must be an origin/);
  });
});

/**
 * A reverse proxy that forwards plain requests, but a WebSocket upgrade as a plain GET without its Upgrade and
 * Connection headers: what nginx does without `proxy_set_header Upgrade`.
 */
async function startUpgradeDroppingProxy(targetPort) {
  const plainHeaders = (headers) => {
    const { connection, upgrade, ...rest } = headers;
    return rest;
  };
  const forward = (req, onResponse) => {
    const upstream = request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: plainHeaders(req.headers) }, onResponse);
    upstream.on('error', () => {});
    req.pipe(upstream);
    return upstream;
  };
  const proxy = createServer((req, res) =>
    forward(req, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    }),
  );
  proxy.on('upgrade', (req, socket) => {
    socket.on('error', () => {});
    forward(req, (answer) => {
      const head = Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`);
      socket.write(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n${head.join('\r\n')}\r\nconnection: close\r\n\r\n`);
      answer.pipe(socket);
    });
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${proxy.address().port}`,
    close: () => {
      proxy.closeAllConnections();
      return new Promise((resolve) => proxy.close(resolve));
    },
  };
}

/** A STUN server that answers Binding requests with XOR-MAPPED-ADDRESS (RFC 5389), as coturn does on 3478/udp. */
async function startStunResponder() {
  const socket = createSocket('udp4');
  const responder = { port: 0, requests: 0, close: () => new Promise((resolve) => socket.close(resolve)) };
  socket.on('message', (message, from) => {
    if (message.length < 20 || message.readUInt16BE(0) !== 0x0001) return;
    responder.requests += 1;
    const attribute = Buffer.alloc(12);
    attribute.writeUInt16BE(0x0020, 0); // XOR-MAPPED-ADDRESS
    attribute.writeUInt16BE(8, 2);
    attribute.writeUInt8(0x01, 5); // IPv4
    attribute.writeUInt16BE(from.port ^ 0x2112, 6);
    from.address.split('.').forEach((byte, i) => attribute.writeUInt8(Number(byte) ^ [0x21, 0x12, 0xa4, 0x42][i], 8 + i));
    const header = Buffer.from(message.subarray(0, 20));
    header.writeUInt16BE(0x0101, 0); // Binding success response, same cookie and transaction id
    header.writeUInt16BE(attribute.length, 2);
    socket.send(Buffer.concat([header, attribute]), from.port, from.address);
  });
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  responder.port = socket.address().port;
  return responder;
}

/** A UDP port on 127.0.0.1 nobody listens on. */
async function closedUdpPort() {
  const socket = createSocket('udp4');
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise((resolve) => socket.close(resolve));
  return port;
}
