// The doctor and certificates: `npm start -- --https` with its self-signed certificate (named self-signed; trusted,
// it passes and its tokens are wss://), and certificates from a test CA the doctor's process trusts
// (NODE_EXTRA_CA_CERTS): valid, expired, for another host name, and served without its intermediate. Every key
// and certificate is made here, in a temporary directory.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCertificate } from '../../build/server/certificate.js';
import { closedPort, doctor, step } from './doctor-support.mjs';
import { SECRET, startServer } from './server-support.mjs';

const MAIN = new URL('../../build/server/main.js', import.meta.url).pathname;
const DAY = 24 * 60 * 60 * 1000;

describe('openvidu-elements doctor: certificates', () => {
  let dir;
  let root;
  let caFile;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doctor-tls-'));
    root = await createCertificate({ commonName: 'Doctor Test Root CA', ca: true });
    caFile = join(dir, 'ca.pem');
    await writeFile(caFile, root.cert);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** A local server on HTTPS with `cert` (PEM, the chain it sends) and `key`. */
  const serveWith = (t, cert, key) => startServer(t, { tls: { cert, key } });

  it('`npm start -- --https`: the doctor calls its certificate self-signed; trusted, everything passes and tokens are wss://', async (t) => {
    const port = await closedPort();
    const certDir = join(dir, 'local-certificate');
    const env = { ...process.env, PORT: '', OPENVIDU_URL: '', OPENVIDU_SECRET: SECRET };
    const cli = spawn(process.execPath, [MAIN, '--https', '--cert-dir', certDir, '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => cli.kill('SIGKILL'));
    let banner = '';
    cli.stdout.on('data', (d) => (banner += d));
    await new Promise((resolve, reject) => {
      cli.stdout.on('data', () => banner.includes('Press Ctrl-C') && resolve());
      cli.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${banner}`)));
    });
    const certPath = join(certDir, 'cert.pem');
    assert.match(banner, new RegExp(`Demo: +https://localhost:${port}/`));
    assert.match(banner, /self-signed certificate made now for localhost, 127\.0\.0\.1/);
    assert.ok(banner.includes(`NODE_EXTRA_CA_CERTS=${certPath}`), 'it says how to trust it');

    const url = `https://127.0.0.1:${port}`;
    const untrusted = await doctor([url, '--secret', SECRET, '--json']);
    assert.equal(untrusted.code, 1);
    const tls = step(untrusted.report, 'tls');
    assert.equal(tls.code, 'CERT_SELF_SIGNED');
    assert.match(tls.message, /Self-signed certificate/);
    assert.match(tls.remedy, /local development server's own certificate/, 'the local server gets its own remedy');
    assert.equal(step(untrusted.report, 'rest').status, 'passed', 'the checks after the certificate still run');
    assert.equal(step(untrusted.report, 'websocket').status, 'passed');

    const withTrust = await doctor([url, '--secret', SECRET, '--app', `${url}/api`, '--origin', 'https://localhost:5173', '--json'], {
      env: { NODE_EXTRA_CA_CERTS: certPath },
    });
    assert.equal(withTrust.code, 0, JSON.stringify(withTrust.report.steps.filter((s) => s.status === 'failed')));
    assert.equal(step(withTrust.report, 'tls').status, 'passed');
    assert.match(step(withTrust.report, 'app-token').message, new RegExp(`wss://127\\.0\\.0\\.1:${port}`));

    // A second start reuses the certificate a device may already trust.
    cli.kill('SIGTERM');
    await once(cli, 'exit');
    const before = await readFile(certPath, 'utf8');
    const again = spawn(process.execPath, [MAIN, '--https', '--cert-dir', certDir, '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    t.after(() => again.kill('SIGKILL'));
    let second = '';
    await new Promise((resolve) => again.stdout.on('data', (d) => (second += d).includes('Press Ctrl-C') && resolve()));
    assert.match(second, /self-signed certificate made earlier/);
    assert.equal(await readFile(certPath, 'utf8'), before);
  });

  it('a certificate from a CA the process trusts passes, chain included', async (t) => {
    const intermediate = await createCertificate({ commonName: 'Doctor Test Intermediate', ca: true, issuer: root });
    const leaf = await createCertificate({ commonName: '127.0.0.1', hosts: ['127.0.0.1', 'localhost'], issuer: intermediate });
    const server = await serveWith(t, leaf.cert + intermediate.cert, leaf.key);
    const { code, report } = await doctor([server.url, '--secret', SECRET, '--json'], { env: { NODE_EXTRA_CA_CERTS: caFile } });
    assert.equal(code, 0, JSON.stringify(report.steps.filter((s) => s.status === 'failed')));
    const tls = step(report, 'tls');
    assert.equal(tls.status, 'passed');
    assert.match(tls.message, /Trusted certificate for 127\.0\.0\.1, localhost, issued by Doctor Test Intermediate/);
    assert.deepEqual(tls.details.chain, ['127.0.0.1', 'Doctor Test Intermediate', 'Doctor Test Root CA']);
  });

  it('the same certificate without its intermediate is an incomplete chain', async (t) => {
    const intermediate = await createCertificate({ commonName: 'Doctor Test Intermediate', ca: true, issuer: root });
    const leaf = await createCertificate({ commonName: '127.0.0.1', hosts: ['127.0.0.1'], issuer: intermediate });
    const server = await serveWith(t, leaf.cert, leaf.key);
    const { code, report } = await doctor([server.url, '--secret', SECRET, '--json'], { env: { NODE_EXTRA_CA_CERTS: caFile } });
    assert.equal(code, 1);
    const tls = step(report, 'tls');
    assert.equal(tls.code, 'CERT_INCOMPLETE_CHAIN');
    assert.match(tls.remedy, /followed by every intermediate/);
  });

  it('an expired certificate is named, with the date', async (t) => {
    const leaf = await createCertificate({
      commonName: '127.0.0.1',
      hosts: ['127.0.0.1'],
      issuer: root,
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - 2 * DAY),
    });
    const server = await serveWith(t, leaf.cert, leaf.key);
    const { code, report } = await doctor([server.url, '--secret', SECRET, '--json'], { env: { NODE_EXTRA_CA_CERTS: caFile } });
    assert.equal(code, 1);
    const tls = step(report, 'tls');
    assert.equal(tls.code, 'CERT_EXPIRED');
    assert.match(tls.message, new RegExp(`Expired certificate: it was valid until ${new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10)}`));
    assert.match(tls.remedy, /CERTIFICATE_TYPE=letsencrypt/);
  });

  it('a certificate for another host name is named, with both names', async (t) => {
    const leaf = await createCertificate({ commonName: 'openvidu.example.test', hosts: ['openvidu.example.test'], issuer: root });
    const server = await serveWith(t, leaf.cert, leaf.key);
    const { code, report } = await doctor([server.url, '--secret', SECRET, '--json'], { env: { NODE_EXTRA_CA_CERTS: caFile } });
    assert.equal(code, 1);
    const tls = step(report, 'tls');
    assert.equal(tls.code, 'CERT_WRONG_HOST');
    assert.match(tls.message, /for openvidu\.example\.test, not for 127\.0\.0\.1/);
    assert.match(tls.remedy, /DOMAIN_OR_PUBLIC_IP=127\.0\.0\.1/);
  });

  it('an untrusted test CA (no NODE_EXTRA_CA_CERTS) is not mistaken for a valid certificate', async (t) => {
    const leaf = await createCertificate({ commonName: '127.0.0.1', hosts: ['127.0.0.1'], issuer: root });
    const server = await serveWith(t, leaf.cert, leaf.key);
    const { code, report } = await doctor([server.url, '--secret', SECRET, '--json']); // doctor() clears NODE_EXTRA_CA_CERTS
    assert.equal(code, 1);
    assert.equal(step(report, 'tls').status, 'failed');
  });
});
