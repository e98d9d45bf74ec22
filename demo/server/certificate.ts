// X.509 certificates for `npm start -- --https`: Node 20 cannot create them by itself, so @peculiar/x509 (already in
// node_modules through werift) does, on Node's WebCrypto. Loaded only when HTTPS is asked for. The tests use the
// same function to make their own CAs, expired certificates and certificates for other host names.
import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKeyPair = webcrypto.CryptoKeyPair;

// ECDSA P-256: accepted by every browser, and its keys are made in milliseconds (RSA 2048 takes far longer).
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;
// Apple platforms refuse server certificates valid for more than 825 days, browsers more than 398.
const VALIDITY_DAYS = 397;

export interface Issued {
  /** PEM */
  cert: string;
  /** PEM, PKCS #8 */
  key: string;
  keys: CryptoKeyPair;
}

export interface CertificateRequest {
  commonName: string;
  /** DNS names and IP addresses the certificate is for (subjectAltName). None for a CA. */
  hosts?: string[];
  notBefore?: Date;
  notAfter?: Date;
  /** A CA may sign other certificates. A self-signed server certificate is one too, so it can be trusted as a root. */
  ca?: boolean;
  /** Signs with this certificate's key; self-signed without. */
  issuer?: Issued;
}

export async function createCertificate(request: CertificateRequest): Promise<Issued> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = request.notBefore ?? new Date(Date.now() - DAY_MS); // a day back: clocks of phones drift
  const notAfter = request.notAfter ?? new Date(notBefore.getTime() + VALIDITY_DAYS * DAY_MS);
  const hosts = request.hosts ?? [];
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(!!request.ca, undefined, true),
    new x509.KeyUsagesExtension(
      request.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature : x509.KeyUsageFlags.digitalSignature,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (hosts.length > 0) {
    extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]));
    extensions.push(new x509.SubjectAlternativeNameExtension(hosts.map((host) => ({ type: isIP(host) ? 'ip' : 'dns', value: host }))));
  }
  const issuer = request.issuer;
  if (issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey));
  const common = {
    // 16 random bytes with the top bit cleared: a positive serial number, unique per certificate.
    serialNumber: Buffer.from(randomBytes(16).map((byte, i) => (i === 0 ? byte & 0x7f : byte))).toString('hex'),
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    extensions,
  };
  const name = `CN=${request.commonName}`;
  const certificate = issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: new x509.X509Certificate(issuer.cert).subject,
        publicKey: keys.publicKey,
        signingKey: issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  // Each PEM ends with a newline, so that chains can be concatenated.
  return { cert: `${certificate.toString('pem').trim()}\n`, key: `${x509.PemConverter.encode(pkcs8, 'PRIVATE KEY').trim()}\n`, keys };
}

export interface LocalCertificate {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
  hosts: string[];
  notAfter: Date;
  /** False when a certificate made earlier was reused (it may already be trusted). */
  created: boolean;
}

/**
 * The local server's own certificate, kept in `directory` so that a device trusts it once: reused while it
 * covers `hosts` and has a month left, else made anew.
 */
export async function localCertificate(directory: string, hosts: string[]): Promise<LocalCertificate> {
  const certPath = join(directory, 'cert.pem');
  const keyPath = join(directory, 'key.pem');
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const existing = new X509Certificate(cert);
    const covered = hosts.every((host) => (isIP(host) ? existing.checkIP(host) : existing.checkHost(host)));
    const notAfter = new Date(existing.validTo);
    const usable = covered && notAfter.getTime() - Date.now() > 30 * DAY_MS && existing.checkPrivateKey(createPrivateKey(key));
    if (usable) {
      return { cert, key, certPath, keyPath, hosts: subjectAltNames(existing), notAfter, created: false };
    }
  } catch {
    // missing or unreadable: make a new one
  }
  const issued = await createCertificate({ commonName: 'openvidu-elements local server', hosts, ca: true });
  await mkdir(directory, { recursive: true });
  await writeFile(certPath, issued.cert);
  await writeFile(keyPath, issued.key, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  const notAfter = new Date(new X509Certificate(issued.cert).validTo);
  return { cert: issued.cert, key: issued.key, certPath, keyPath, hosts, notAfter, created: true };
}

function subjectAltNames(certificate: X509Certificate): string[] {
  return (certificate.subjectAltName ?? '')
    .split(', ')
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
}

/** The certificate in DER, the form phones install from a download (`.crt`). */
export function certificateDer(pem: string): Buffer {
  return Buffer.from(new X509Certificate(pem).raw);
}
