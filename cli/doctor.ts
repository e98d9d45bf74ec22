// `openvidu-elements doctor`: checks an OpenVidu 2 deployment from the developer's machine, in the order a call
// needs things (name, port, certificate, REST API, WebSocket, TURN, configured address, the application server's
// token endpoint), and says for every failure what is wrong and what to change. Each step has a deadline.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { checkServerIdentity } from 'node:tls';
import { TokenSource, type TokenConvention, type TokenRequestInit } from '../core/token-source.js';
import { isOvError } from '../core/errors.js';
import {
  fetchInsecure,
  nameOf,
  resolveHost,
  stunBinding,
  tcpConnect,
  TimeoutError,
  tlsHandshake,
  webSocketPing,
  type TlsResult,
} from './probes.js';

export const STEP_STATUSES = ['passed', 'warning', 'failed', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** One line of the checklist; the same shape as `ov-diagnostics-complete`'s steps. */
export interface DoctorStep {
  id: string;
  title: string;
  status: StepStatus;
  /** What was found. */
  message: string;
  /** For warnings and failures: exactly what to change. */
  remedy?: string;
  /** A stable name of the problem, for scripts (`CERT_SELF_SIGNED`, `WRONG_SECRET`, a catalog code …). */
  code?: string;
  details: Record<string, unknown>;
}

export interface DoctorReport {
  /** No step failed (warnings allowed). */
  ok: boolean;
  url: string;
  /** The deployment is this repository's local development server (its /config says LOCAL_SERVER). */
  localServer: boolean;
  steps: DoctorStep[];
}

export interface DoctorOptions {
  url: string;
  secret?: string;
  /** The application server's token endpoint, as `<ov-room token-url>`. */
  app?: string;
  /** The page origin that will call `app` (for CORS). */
  origin?: string;
  tokenConvention?: TokenConvention;
  sessionId?: string;
  turnPort?: number;
  /** Per step. Default 5000 ms. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_TURN_PORT = 3478;
const ENV = '/opt/openvidu/.env';
const RESTART = 'cd /opt/openvidu && ./openvidu restart';
const PORTS =
  'OpenVidu 2 needs open to the internet: 443/tcp (HTTPS_PORT), 80/tcp (Let\'s Encrypt), 3478/tcp+udp (TURN), 40000-57000/tcp+udp (Kurento media), 57001-65535/tcp+udp (TURN relay).';

/** The openvidu-browser version this package speaks, from its own package.json. */
function clientVersion(): { major: number; minor: number } {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies?: Record<string, string> };
    const [, major, minor] = /(\d+)\.(\d+)/.exec(pkg.dependencies?.['openvidu-browser'] ?? '') ?? [];
    if (major) return { major: Number(major), minor: Number(minor) };
  } catch {
    // fall through
  }
  return { major: 2, minor: 32 };
}

const isLoopbackHost = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\./.test(host);
const isPrivateAddress = (ip: string): boolean =>
  /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|169\.254\.|f[cd][0-9a-f]{2}:)/i.test(ip);

/** What the steps learn, for the steps after them. */
interface Context {
  readonly options: Required<Pick<DoctorOptions, 'timeoutMs'>> & DoctorOptions;
  readonly url: URL;
  /** The host name or IP address, without IPv6 brackets. */
  readonly host: string;
  readonly port: number;
  /** host:port as URLs write it (IPv6 in brackets). */
  readonly authority: string;
  readonly https: boolean;
  addresses?: string[];
  reachable?: boolean;
  tls?: TlsResult;
  /** The port answers, in the protocol of the URL: HTTP requests can be made. */
  speaks?: boolean;
  config?: Record<string, unknown>;
  localServer?: boolean;
}

type StepOutcome = Omit<DoctorStep, 'id' | 'title' | 'details'> & { details?: Record<string, unknown> };

interface Step {
  id: string;
  title: string;
  run(context: Context): Promise<StepOutcome>;
}

const passed = (message: string, details?: Record<string, unknown>): StepOutcome => ({ status: 'passed', message, details });
const skipped = (message: string, details?: Record<string, unknown>): StepOutcome => ({ status: 'skipped', message, details });
const warning = (code: string, message: string, remedy: string, details?: Record<string, unknown>): StepOutcome => ({
  status: 'warning',
  code,
  message,
  remedy,
  details,
});
const failed = (code: string, message: string, remedy: string, details?: Record<string, unknown>): StepOutcome => ({
  status: 'failed',
  code,
  message,
  remedy,
  details,
});

const errorCode = (error: unknown): string => (error as { code?: string })?.code ?? (error instanceof TimeoutError ? 'TIMEOUT' : 'ERROR');
const errorText = (error: unknown): string => (error as Error)?.message ?? String(error);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s`;

// ---- the steps ----

const dns: Step = {
  id: 'dns',
  title: 'DNS',
  async run({ host, options }) {
    if (isIP(host)) return passed(`${host} is an IP address: no DNS needed`, { addresses: [host] });
    try {
      const addresses = await resolveHost(host, options.timeoutMs);
      return passed(`${host} resolves to ${addresses.join(', ')}`, { addresses });
    } catch (error) {
      if (error instanceof TimeoutError) {
        return failed('DNS_TIMEOUT', `No DNS answer for ${host} within ${seconds(error.ms)}`, "Check this machine's network and DNS resolver, then run the doctor again.");
      }
      return failed(
        'DNS_NOT_FOUND',
        `${host} has no DNS record (${errorCode(error)})`,
        `Create an A record for ${host} that points at the public IP address of the OpenVidu machine (DOMAIN_OR_PUBLIC_IP in ${ENV} must be this name), or correct the URL.`,
      );
    }
  },
};

const tcp: Step = {
  id: 'tcp',
  title: 'TCP port',
  async run(context) {
    const { host, port, options } = context;
    try {
      const { address, ms } = await tcpConnect(host, port, options.timeoutMs);
      context.reachable = true;
      return passed(`${address}:${port} accepts connections (${ms} ms)`, { address, port, ms });
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ECONNREFUSED') {
        return failed(
          'PORT_CLOSED',
          `Nothing listens on ${host}:${port} (connection refused)`,
          `Start OpenVidu (\`cd /opt/openvidu && ./openvidu start\`; \`docker ps\` lists openvidu-nginx and openvidu-server), or use the port it serves: HTTPS_PORT in ${ENV} (443 by default). The local development server: \`npm start\` (port 4443 unless --port).`,
          { port },
        );
      }
      if (code === 'TIMEOUT') {
        return failed(
          'PORT_FILTERED',
          `${host}:${port} does not answer within ${seconds(options.timeoutMs)}: a firewall drops the connection`,
          `Open ${port}/tcp in the machine's firewall and in the cloud provider's security group or firewall rules. ${PORTS}`,
          { port },
        );
      }
      return failed('PORT_UNREACHABLE', `${host}:${port} cannot be reached (${code}: ${errorText(error)})`, `Check the address, this machine's network and the routes to ${host}.`, { port });
    }
  },
};

function certificateNames(tls: TlsResult): string[] {
  const san = tls.certificate.subjectaltname;
  if (!san) return [nameOf(tls.certificate.subject)].filter((name): name is string => !!name);
  return san.split(', ').map((entry) => entry.replace(/^(DNS|IP Address):/, ''));
}

interface CertificateProblem {
  code: string;
  message: string;
  remedy: string;
}

function certificateProblems({ host, tls }: { host: string; tls: TlsResult }): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  const { certificate, authorizationError } = tls;
  const names = certificateNames(tls);
  const validTo = new Date(certificate.valid_to);
  const validFrom = new Date(certificate.valid_from);
  const letsencryptIp = isIP(host) ? `Let's Encrypt needs a domain name, not an IP address: point a domain at ${host} first. ` : '';
  if (validTo.getTime() < Date.now()) {
    problems.push({
      code: 'CERT_EXPIRED',
      message: `Expired certificate: it was valid until ${validTo.toISOString().slice(0, 10)}`,
      remedy: `With CERTIFICATE_TYPE=letsencrypt, OpenVidu's nginx renews the certificate by itself while 80/tcp is open to the internet: open it and run \`${RESTART}\`. With CERTIFICATE_TYPE=owncert, put the renewed certificate in /opt/openvidu/owncert/certificate.cert (with its intermediates) and certificate.key, then \`${RESTART}\`.`,
    });
  } else if (validFrom.getTime() > Date.now()) {
    problems.push({
      code: 'CERT_NOT_YET_VALID',
      message: `The certificate is valid only from ${validFrom.toISOString()}`,
      remedy: "Check the clock of this machine and of the server (both should sync with NTP); a certificate issued in the future was made on a machine with a wrong clock.",
    });
  }
  if (authorizationError === 'DEPTH_ZERO_SELF_SIGNED_CERT' || authorizationError === 'SELF_SIGNED_CERT_IN_CHAIN') {
    problems.push({
      code: 'CERT_SELF_SIGNED',
      message: `Self-signed certificate (${authorizationError}): no browser trusts it`,
      remedy:
        `Browsers refuse it: one desktop Chrome may let a person click through, but phones, Safari and Firefox refuse the WebSocket. ${letsencryptIp}` +
        `In ${ENV} set DOMAIN_OR_PUBLIC_IP=<your domain>, CERTIFICATE_TYPE=letsencrypt and LETSENCRYPT_EMAIL=<your e-mail>, open 80/tcp, then \`${RESTART}\`. ` +
        `Or, with a certificate you have: CERTIFICATE_TYPE=owncert, then /opt/openvidu/owncert/certificate.cert (your certificate followed by its intermediates) and /opt/openvidu/owncert/certificate.key, then \`${RESTART}\`.`,
    });
  }
  const identity = checkServerIdentity(host, certificate);
  if (identity) {
    problems.push({
      code: 'CERT_WRONG_HOST',
      message: `The certificate is for ${names.join(', ') || '(no name)'}, not for ${host}`,
      remedy: `Use a name the certificate covers, or make the certificate for ${host}: with Let's Encrypt, DOMAIN_OR_PUBLIC_IP=${host} in ${ENV}, then \`${RESTART}\`; with owncert, a certificate whose subjectAltName lists ${host}.`,
    });
  }
  const chainCodes = ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'];
  if (authorizationError && chainCodes.includes(authorizationError)) {
    problems.push({
      code: 'CERT_INCOMPLETE_CHAIN',
      message: `Incomplete certificate chain (${authorizationError}): the server sends its certificate without the intermediate certificate(s) that link it to a trusted authority (issuer: ${nameOf(certificate.issuer) ?? 'unknown'}), or the authority is one this machine does not trust`,
      remedy:
        'Desktop Chrome may fetch a missing intermediate by itself; Firefox, Safari, Android, iOS and Node do not. ' +
        `With owncert, /opt/openvidu/owncert/certificate.cert must hold your certificate followed by every intermediate your authority gave you (the "full chain"), then \`${RESTART}\`. ` +
        'A private authority must be trusted on every device (to check with Node: NODE_EXTRA_CA_CERTS=ca.pem).',
    });
  }
  if (!tls.authorized && problems.length === 0) {
    problems.push({
      code: 'CERT_UNTRUSTED',
      message: `The certificate is not trusted (${authorizationError ?? 'unknown reason'})`,
      remedy: `Use a certificate from a public authority: CERTIFICATE_TYPE=letsencrypt in ${ENV}, or owncert with a full chain, then \`${RESTART}\`.`,
    });
  }
  return problems;
}

const LOCAL_CERTIFICATE_REMEDY =
  "This is the local development server's own certificate (npm start -- --https). Trust it once per device as npm start printed (Node: NODE_EXTRA_CA_CERTS=build/local-certificate/cert.pem), or give it one you trust with --cert and --key. A real deployment needs a certificate every browser trusts.";

const looksLikePlainHttp = (error: unknown): boolean =>
  /wrong version number|packet length too long|http request|unknown protocol|ERR_SSL_WRONG_VERSION_NUMBER/i.test(`${errorCode(error)} ${errorText(error)}`);

async function answersPlainHttp(authority: string, timeoutMs: number): Promise<boolean> {
  try {
    await fetchInsecure(new URL(`http://${authority}/`), { timeoutMs });
    return true;
  } catch {
    return false;
  }
}

const tlsStep: Step = {
  id: 'tls',
  title: 'TLS certificate',
  async run(context) {
    const { host, port, https, options } = context;
    if (!https) {
      context.speaks = true; // judged by the next step
      if (isLoopbackHost(host)) return skipped(`http:// on this machine: no certificate needed (browsers treat http://localhost as secure)`);
      return warning(
        'NO_TLS',
        `Plain http:// to ${host}: browsers on other devices give no camera to such pages, and https pages cannot open ws://`,
        `A deployment serves HTTPS: CERTIFICATE_TYPE=letsencrypt (or owncert) in ${ENV}. The local development server: \`npm start -- --https\`.`,
      );
    }
    let tls: TlsResult;
    try {
      tls = await tlsHandshake(host, port, options.timeoutMs);
    } catch (error) {
      if (looksLikePlainHttp(error) || (await answersPlainHttp(context.authority, options.timeoutMs))) {
        return failed('NO_TLS_ON_PORT', `${host}:${port} does not speak TLS: plain HTTP answers there`, 'See the next step.', { error: errorText(error) });
      }
      return failed(
        'TLS_HANDSHAKE_FAILED',
        `The TLS handshake with ${host}:${port} failed (${errorCode(error)}: ${errorText(error)})`,
        `Check that HTTPS_PORT in ${ENV} is the port in the URL and that nothing but OpenVidu's nginx (or your TLS proxy) answers on it.`,
        { error: errorText(error) },
      );
    }
    context.tls = tls;
    context.speaks = true;
    const validTo = new Date(tls.certificate.valid_to);
    const details = {
      subject: nameOf(tls.certificate.subject),
      names: certificateNames(tls),
      issuer: nameOf(tls.certificate.issuer),
      chain: tls.chain,
      validTo: validTo.toISOString(),
      protocol: tls.protocol,
      authorizationError: tls.authorizationError,
    };
    const problems = certificateProblems({ host, tls });
    if (problems.length > 0) {
      return {
        status: 'failed',
        code: problems[0].code,
        message: problems.map((p) => p.message).join('; '),
        remedy: problems.map((p) => p.remedy).join(' '),
        details: { ...details, problems: problems.map((p) => p.code) },
      };
    }
    const daysLeft = Math.floor((validTo.getTime() - Date.now()) / 86_400_000);
    if (daysLeft < 14) {
      return warning(
        'CERT_EXPIRES_SOON',
        `Trusted certificate, but it expires in ${daysLeft} days (${validTo.toISOString().slice(0, 10)})`,
        `With Let's Encrypt, keep 80/tcp open so that it renews; with owncert, install the renewed certificate and \`${RESTART}\`.`,
        details,
      );
    }
    return passed(`Trusted certificate for ${details.names.join(', ')}, issued by ${details.issuer}, valid until ${validTo.toISOString().slice(0, 10)}`, details);
  },
};

const protocol: Step = {
  id: 'protocol',
  title: 'HTTP or HTTPS',
  async run(context) {
    const { host, port, authority, https, options } = context;
    if (https) {
      if (context.tls) return passed(`https:// answers with ${context.tls.protocol ?? 'TLS'}`);
      context.speaks = false;
      try {
        const plain = await fetchInsecure(new URL(`http://${authority}/`), { timeoutMs: options.timeoutMs });
        return failed(
          'HTTP_ON_HTTPS_PORT',
          `Plain http:// answers on ${host}:${port} (HTTP ${plain.status}) where https:// was asked for`,
          `The local development server without --https: use http://${authority}, or start it with \`npm start -- --https\`. A deployment: HTTPS_PORT in ${ENV} (443 by default) is served by OpenVidu's nginx with TLS; a proxy of your own in front must terminate TLS on that port (nginx: \`listen ${port} ssl;\` with the certificate) and forward to OpenVidu.`,
          { status: plain.status },
        );
      } catch {
        return failed('NO_HTTP', `${host}:${port} answers neither HTTPS nor HTTP`, `Check what listens on ${port}: it should be OpenVidu's nginx (HTTPS_PORT in ${ENV}).`);
      }
    }
    try {
      const answer = await fetchInsecure(new URL(`http://${authority}/`), { timeoutMs: options.timeoutMs });
      const location = String(answer.headers.location ?? '');
      if (answer.status >= 300 && answer.status < 400 && location.startsWith('https:')) {
        return warning('HTTP_REDIRECTS_TO_HTTPS', `http:// answers with a redirect to ${location}`, `Use the https:// URL of the deployment: ${new URL(location).origin}.`, { status: answer.status });
      }
      return passed(`http:// answers (HTTP ${answer.status})`, { status: answer.status });
    } catch (error) {
      try {
        await tlsHandshake(host, port, options.timeoutMs);
      } catch {
        context.speaks = false;
        return failed('NO_HTTP', `${host}:${port} does not answer HTTP (${errorCode(error)})`, `Check what listens on ${port}: it should be OpenVidu (HTTPS_PORT in ${ENV}) or the local development server.`);
      }
      context.speaks = false;
      return failed('HTTPS_ON_HTTP_PORT', `${host}:${port} speaks HTTPS, not plain http://`, `Use https://${authority}/ as the OpenVidu URL.`);
    }
  },
};

function describeDeployment(config: Record<string, unknown>): { version: string; edition: string; mediaServer: string } {
  const version = typeof config.VERSION === 'string' ? config.VERSION : 'unknown';
  if (config.LOCAL_SERVER === true) return { version, edition: 'local development server', mediaServer: 'werift SFU' };
  const edition = typeof config.OPENVIDU_EDITION === 'string' ? config.OPENVIDU_EDITION.toUpperCase() : 'CE';
  const mediaServer = typeof config.OPENVIDU_ENTERPRISE_MEDIA_SERVER === 'string' ? config.OPENVIDU_ENTERPRISE_MEDIA_SERVER : 'Kurento';
  return { version, edition, mediaServer };
}

const rest: Step = {
  id: 'rest',
  title: 'REST API',
  async run(context) {
    const { url, options } = context;
    const endpoint = new URL('/openvidu/api/config', url.origin);
    const headers: Record<string, string> = {};
    if (options.secret !== undefined) headers.Authorization = `Basic ${Buffer.from(`OPENVIDUAPP:${options.secret}`).toString('base64')}`;
    let answer;
    try {
      answer = await fetchInsecure(endpoint, { headers, timeoutMs: options.timeoutMs });
    } catch (error) {
      return failed('REST_UNREACHABLE', `GET ${endpoint.pathname} got no answer (${errorCode(error)}: ${errorText(error)})`, `Check that openvidu-server runs behind the port (\`docker ps\`, \`docker logs openvidu-openvidu-server-1\`).`);
    }
    if (answer.status === 401) {
      if (options.secret === undefined) {
        return warning('NO_SECRET', 'The REST API asks for the secret: version and configuration not checked', `Run the doctor with --secret <OPENVIDU_SECRET of ${ENV}> (or OPENVIDU_SECRET in the environment).`);
      }
      return failed(
        'WRONG_SECRET',
        'The REST API refused the secret (HTTP 401): wrong secret',
        `Use the OPENVIDU_SECRET of ${ENV} (user OPENVIDUAPP); your application server needs the same value. A changed OPENVIDU_SECRET takes effect after \`${RESTART}\`.`,
      );
    }
    if (answer.status === 404) {
      return failed('NO_REST_API', `No OpenVidu REST API at ${endpoint.pathname} (HTTP 404)`, `This is not an OpenVidu 2 deployment, or a proxy in front does not forward /openvidu/api to openvidu-server: forward every path under /openvidu to it. (OpenVidu 3 has no /openvidu/api without its v2compatibility module.)`);
    }
    if (answer.status >= 500) {
      return failed('REST_SERVER_ERROR', `GET ${endpoint.pathname} answered HTTP ${answer.status}`, `The proxy answers but openvidu-server does not: \`docker ps\` and \`docker logs openvidu-openvidu-server-1\` on the server, then \`${RESTART}\`.`);
    }
    let config: Record<string, unknown> | undefined;
    try {
      config = JSON.parse(answer.body) as Record<string, unknown>;
    } catch {
      // below
    }
    if (answer.status !== 200 || !config || typeof config.VERSION !== 'string') {
      return failed('NOT_OPENVIDU', `GET ${endpoint.pathname} answered HTTP ${answer.status} without OpenVidu's configuration (${answer.body.slice(0, 80).replace(/\s+/g, ' ')})`, 'Check the URL: it must be the OpenVidu deployment itself (what your application server has as OPENVIDU_URL), not your web site.');
    }
    context.config = config;
    context.localServer = config.LOCAL_SERVER === true;
    const { version, edition, mediaServer } = describeDeployment(config);
    const details = { version, edition, mediaServer, domainOrPublicIp: config.DOMAIN_OR_PUBLIC_IP, httpsPort: config.HTTPS_PORT, publicUrl: config.OPENVIDU_PUBLICURL };
    const found = `OpenVidu ${version} ${edition}, media server ${mediaServer}; the secret is accepted`;
    const client = clientVersion();
    const [, major, minor] = /^(\d+)\.(\d+)/.exec(version) ?? [];
    if (Number(major) !== client.major) {
      return failed('INCOMPATIBLE_VERSION', `${found}, but openvidu-elements speaks OpenVidu ${client.major} (openvidu-browser ${client.major}.${client.minor})`, 'Use an OpenVidu 2 deployment (2.32 recommended); OpenVidu 3 speaks LiveKit\'s protocol, and only its Pro edition has a v2compatibility module.', details);
    }
    const minorDifference = Number(minor) - client.minor;
    if (minorDifference !== 0 && minorDifference !== 1) {
      return warning('VERSION_MISMATCH', `${found}; openvidu-browser ${client.major}.${client.minor} reports these versions as incompatible`, `Upgrade the deployment to OpenVidu ${client.major}.${client.minor} (https://docs.openvidu.io/en/stable/deployment/ce/on-premises/#updating-openvidu).`, details);
    }
    return passed(found, details);
  },
};

const websocket: Step = {
  id: 'websocket',
  title: 'WebSocket',
  async run({ url, https, options }) {
    const target = new URL(`${https ? 'wss' : 'ws'}://${url.host}/openvidu?sessionId=openvidu-elements-doctor`);
    let result;
    try {
      result = await webSocketPing(target, options.timeoutMs, options.origin);
    } catch (error) {
      if (error instanceof TimeoutError) {
        return failed('WEBSOCKET_TIMEOUT', `The WebSocket upgrade at /openvidu got no answer within ${seconds(error.ms)}`, 'A proxy in front holds upgrade requests: let it pass WebSocket upgrades to openvidu-server (nginx: `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";`).');
      }
      return failed('WEBSOCKET_FAILED', `The WebSocket at /openvidu failed (${errorCode(error)}: ${errorText(error)})`, 'Check the proxy in front of OpenVidu and the logs of openvidu-server.');
    }
    if (result.upgraded && result.pong) return passed(`${target.protocol}//${target.host}/openvidu upgrades and answers OpenVidu's ping`);
    if (result.upgraded) {
      return failed('WEBSOCKET_NOT_OPENVIDU', `/openvidu upgrades, but what answers is not OpenVidu's signaling (${result.answer ?? 'no answer'})`, 'The proxy in front routes /openvidu to another service: route it to openvidu-server.');
    }
    const { status, body } = result;
    const said = body.replace(/\s+/g, ' ').trim().slice(0, 120);
    if (status === 403) {
      return failed('WEBSOCKET_FORBIDDEN', `The WebSocket upgrade at /openvidu was refused (HTTP 403${said ? `: ${said}` : ''})`, `Something in front of OpenVidu refuses ${options.origin ? `pages of ${options.origin}` : 'this client'}: check the proxy's or firewall's access rules for /openvidu.`);
    }
    if (status >= 502 && status <= 504) {
      return failed('WEBSOCKET_BAD_GATEWAY', `The WebSocket upgrade at /openvidu got HTTP ${status} from the proxy`, `The proxy cannot reach openvidu-server: \`docker ps\`, \`docker logs openvidu-openvidu-server-1\`, then \`${RESTART}\`.`);
    }
    return failed(
      'PROXY_DROPS_UPGRADE',
      `The WebSocket upgrade at /openvidu was answered as a plain request (HTTP ${status}${said ? `: ${said}` : ''}): a proxy in front of OpenVidu drops the Upgrade and Connection headers`,
      'Let the proxy pass WebSocket upgrades to openvidu-server. nginx, in the location for /openvidu: `proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade"; proxy_read_timeout 1h;`. Apache: `ProxyPass /openvidu ws://<openvidu>/openvidu upgrade=websocket` (mod_proxy_wstunnel). A load balancer must be one that passes WebSockets (an AWS ALB does, a Classic ELB in HTTP mode does not: use TCP/SSL). OpenVidu\'s own nginx already does all this: prefer pointing clients at it.',
      { status },
    );
  },
};

const turn: Step = {
  id: 'turn',
  title: 'TURN (STUN binding)',
  async run({ config, localServer, host, options }) {
    if (options.turnPort === undefined && (localServer || (!config && isLoopbackHost(host)))) {
      return skipped(localServer ? 'The local development server has no TURN: on one machine none is needed' : 'Not checked: a server on this machine needs no TURN');
    }
    const turnHost = typeof config?.DOMAIN_OR_PUBLIC_IP === 'string' && config.DOMAIN_OR_PUBLIC_IP ? config.DOMAIN_OR_PUBLIC_IP : host;
    const port = options.turnPort ?? DEFAULT_TURN_PORT;
    try {
      const { mappedAddress, ms } = await stunBinding(turnHost, port, Math.min(options.timeoutMs, 3000));
      return passed(`${turnHost}:${port}/udp answers STUN (${ms} ms)${mappedAddress ? `; it sees this machine at ${mappedAddress}` : ''}`, { host: turnHost, port, mappedAddress });
    } catch (error) {
      const refused = errorCode(error) === 'ECONNREFUSED';
      return failed(
        'TURN_UNREACHABLE',
        `No STUN answer from ${turnHost}:${port}/udp (${refused ? 'port unreachable' : `nothing within ${seconds(Math.min(options.timeoutMs, 3000))}`}): TURN is unreachable, so participants behind strict firewalls or NATs cannot get media through`,
        `Open ${port}/udp and ${port}/tcp (and 57001-65535/udp+tcp for relayed media) in the machine's firewall and the cloud security group, and check that the TURN server runs (\`docker ps\` lists openvidu-coturn). ${PORTS}`,
        { host: turnHost, port },
      );
    }
  },
};

const domain: Step = {
  id: 'domain',
  title: 'DOMAIN_OR_PUBLIC_IP',
  async run({ config, host, addresses, localServer, options }) {
    const configured = typeof config?.DOMAIN_OR_PUBLIC_IP === 'string' ? config.DOMAIN_OR_PUBLIC_IP : undefined;
    if (!configured) return skipped('Unknown: the REST API did not give the configuration');
    const fix = `Set DOMAIN_OR_PUBLIC_IP=${host} in ${ENV}, then \`${RESTART}\`: it is the address tokens send browsers to, and the name Let's Encrypt certifies.`;
    if (configured.toLowerCase() === host.toLowerCase()) {
      return passed(`${configured}, the address the URL uses${localServer ? ' (the local development server answers for the address it was reached at)' : ''}`);
    }
    let configuredAddresses: string[];
    try {
      configuredAddresses = await resolveHost(configured, options.timeoutMs);
    } catch {
      return failed('DOMAIN_NOT_FOUND', `DOMAIN_OR_PUBLIC_IP=${configured} has no DNS record, so browsers cannot follow its tokens`, fix);
    }
    const reached = addresses ?? [];
    const shared = configuredAddresses.filter((a) => reached.includes(a));
    const details = { configured, configuredAddresses, urlAddresses: reached };
    if (shared.length === 0) {
      const privateHint = configuredAddresses.some(isPrivateAddress) ? ' It is a private address that participants outside that network cannot reach.' : '';
      return failed('DOMAIN_MISMATCH', `DOMAIN_OR_PUBLIC_IP=${configured} (${configuredAddresses.join(', ')}), but ${host} resolves to ${reached.join(', ') || 'nothing'}: tokens send browsers elsewhere.${privateHint}`, fix, details);
    }
    return warning('DOMAIN_OTHER_NAME', `DOMAIN_OR_PUBLIC_IP=${configured}, not ${host}, though both lead to ${shared.join(', ')}`, `Tokens and the certificate carry ${configured}: use that name in the URL, or ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`, details);
  },
};

const allowsOrigin = (value: string | string[] | undefined | null, origin: string): boolean => {
  const allowed = Array.isArray(value) ? value.join(',') : (value ?? '');
  return allowed.trim() === '*' || allowed.trim() === origin;
};

const listIncludes = (value: string | string[] | undefined | null, wanted: string): boolean => {
  const list = (Array.isArray(value) ? value.join(',') : (value ?? '')).toLowerCase().split(',').map((item) => item.trim());
  return list.includes('*') || list.includes(wanted.toLowerCase());
};

function corsRemedy(origin: string): string {
  return `Let the application server allow pages of ${origin}: openvidu-basic-node: \`app.use(cors({ origin: '${origin}' }))\`; Spring: \`@CrossOrigin(origins = "${origin}")\`; Express by hand: answer OPTIONS with Access-Control-Allow-Origin: ${origin}, Access-Control-Allow-Methods: POST, Access-Control-Allow-Headers: Content-Type, and send Access-Control-Allow-Origin on the POST answers too. (Or serve the page and the endpoint from one origin.)`;
}

/** The endpoints the token convention calls first (what a browser preflights). */
function firstTokenRequestUrl(app: string, convention: TokenConvention): URL {
  return new URL(convention === 'single-request' ? app : `${app.replace(/\/+$/, '')}/sessions`);
}

const appCors: Step = {
  id: 'app-cors',
  title: 'Token endpoint CORS',
  async run({ options }) {
    const { app, origin } = options;
    if (!app) return skipped('No --app given');
    if (!origin) return warning('NO_ORIGIN', 'CORS not checked: no --origin given', 'Run the doctor with --origin <the origin of the page that holds <ov-room>>, e.g. --origin https://www.example.com.');
    const target = firstTokenRequestUrl(app, options.tokenConvention ?? 'tutorial');
    if (new URL(origin).protocol === 'https:' && target.protocol === 'http:' && !isLoopbackHost(target.hostname)) {
      return failed('TOKEN_ENDPOINT_BLOCKED_MIXED_CONTENT', `Pages of ${origin} are https but the token endpoint ${target.href} is plain http: browsers block it`, 'Serve the application server over HTTPS and use an https:// token-url.');
    }
    let answer;
    try {
      answer = await fetchInsecure(target, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      return failed('TOKEN_ENDPOINT_UNREACHABLE', `The token endpoint ${target.href} cannot be reached (${errorCode(error)}: ${errorText(error)})`, 'Start the application server, or correct --app (the same URL as <ov-room token-url>).');
    }
    const h = answer.headers;
    const details = {
      url: target.href,
      status: answer.status,
      allowOrigin: h['access-control-allow-origin'] ?? null,
      allowMethods: h['access-control-allow-methods'] ?? null,
      allowHeaders: h['access-control-allow-headers'] ?? null,
    };
    if (!allowsOrigin(h['access-control-allow-origin'], origin)) {
      const said = h['access-control-allow-origin'] ? `allows only ${String(h['access-control-allow-origin'])}` : 'sends no Access-Control-Allow-Origin';
      return failed('CORS_ORIGIN_NOT_ALLOWED', `The preflight for ${origin} (OPTIONS ${target.pathname}, HTTP ${answer.status}) ${said}: browsers refuse the token request, and <ov-room> reports TOKEN_ENDPOINT_UNREACHABLE`, corsRemedy(origin), details);
    }
    if (answer.status < 200 || answer.status >= 300) {
      return failed('CORS_PREFLIGHT_FAILED', `The preflight OPTIONS ${target.pathname} answered HTTP ${answer.status}: browsers need a 2xx`, corsRemedy(origin), details);
    }
    if (h['access-control-allow-methods'] !== undefined && !listIncludes(h['access-control-allow-methods'], 'POST')) {
      return failed('CORS_METHOD_NOT_ALLOWED', `The preflight does not allow POST (Access-Control-Allow-Methods: ${String(h['access-control-allow-methods'])})`, corsRemedy(origin), details);
    }
    if (!listIncludes(h['access-control-allow-headers'], 'content-type')) {
      return failed('CORS_HEADER_NOT_ALLOWED', 'The preflight does not allow the Content-Type header the token requests send (application/json)', corsRemedy(origin), details);
    }
    return passed(`Pages of ${origin} may call ${target.href} (preflight answers HTTP ${answer.status})`, details);
  },
};

const appToken: Step = {
  id: 'app-token',
  title: 'Token endpoint answers',
  async run({ options, url }) {
    const { app, origin } = options;
    if (!app) return skipped('No --app given');
    const convention = options.tokenConvention ?? 'tutorial';
    // The same requests and token rules as <ov-room> (TokenSource); every answer is kept to check its CORS header.
    const answers: { url: string; allowOrigin: string | null }[] = [];
    const browserFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const response = await browserFetch(input, init);
      answers.push({ url: response.url, allowOrigin: response.headers.get('access-control-allow-origin') });
      return response;
    };
    let token: string;
    try {
      // Node's fetch sends the Origin header a browser would (browsers set it themselves). The cast: TokenRequestInit
      // is made from the DOM's RequestInit, whose `cache` Node's types lack.
      const requestInit = origin ? ({ headers: { Origin: origin } } as unknown as TokenRequestInit) : undefined;
      const source = new TokenSource({ tokenUrl: app, convention, requestInit });
      token = await source.get(
        { sessionId: options.sessionId ?? 'openvidu-elements-doctor', participantName: 'openvidu-elements doctor', kind: 'camera' },
        AbortSignal.timeout(options.timeoutMs),
      );
    } catch (error) {
      if (isOvError(error)) {
        const detail = error.toDetail('en');
        const cause = (error.cause as { cause?: { code?: string; message?: string } } | undefined)?.cause;
        return failed(detail.code, detail.message + (cause ? ` (${cause.code ?? cause.message})` : ''), detail.remedy, { ...detail.details });
      }
      if ((error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError') {
        return failed('TOKEN_ENDPOINT_TIMEOUT', `The token endpoint did not answer within ${seconds(options.timeoutMs)}`, 'Check the application server: its requests to OpenVidu may hang (wrong OPENVIDU_URL, a firewall between them).');
      }
      return failed('TOKEN_ENDPOINT_FAILED', `Getting a token failed: ${errorText(error)}`, 'Check the application server and --app.');
    } finally {
      globalThis.fetch = browserFetch;
    }
    const refused = origin ? answers.find((a) => !allowsOrigin(a.allowOrigin, origin)) : undefined;
    const tokenUrl = new URL(token);
    const details = { token: token.replace(/token=[^&]+/, 'token=…'), convention, answers };
    if (refused) {
      return failed('CORS_ORIGIN_NOT_ALLOWED', `${refused.url} answered a token, but without Access-Control-Allow-Origin for ${origin}: browsers drop the answer`, corsRemedy(origin!), details);
    }
    if (origin && new URL(origin).protocol === 'https:' && tokenUrl.protocol === 'ws:') {
      return failed('TOKEN_WS_FROM_HTTPS_PAGE', `The token is ws:// (${tokenUrl.host}): pages of ${origin} are https and browsers refuse ws:// from them`, `Serve OpenVidu over HTTPS (CERTIFICATE_TYPE in ${ENV}), so that its tokens are wss://.`, details);
    }
    if (tokenUrl.hostname !== url.hostname) {
      return warning('TOKEN_OTHER_HOST', `An OpenVidu 2 token, but it sends browsers to ${tokenUrl.host}, not to ${url.host} that was checked here`, `Check the deployment your application server uses (its OPENVIDU_URL), and DOMAIN_OR_PUBLIC_IP in that deployment's ${ENV}; or run the doctor on ${tokenUrl.protocol === 'wss:' ? 'https' : 'http'}://${tokenUrl.host}.`, details);
    }
    return passed(`Answers OpenVidu 2 tokens (${tokenUrl.protocol}//${tokenUrl.host}) in the ${convention} convention`, details);
  },
};

const STEPS: Step[] = [dns, tcp, tlsStep, protocol, rest, websocket, turn, domain, appCors, appToken];

/** Which earlier finding a step needs, and what to say when it is missing. */
function prerequisite(step: Step, context: Context): string | undefined {
  const network = ['tcp', 'tls', 'protocol', 'rest', 'websocket', 'turn', 'domain'];
  if (network.includes(step.id) && context.addresses === undefined) return 'Not checked: the name does not resolve';
  if (['tls', 'protocol', 'rest', 'websocket'].includes(step.id) && !context.reachable) return 'Not checked: the port is not reachable';
  if (['rest', 'websocket'].includes(step.id) && context.speaks === false) return 'Not checked: fix the protocol first';
  return undefined;
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const url = new URL(options.url);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`The OpenVidu URL must start with https:// (or http:// for a local server), not ${url.protocol}//`);
  const https = url.protocol === 'https:';
  const port = Number(url.port) || (https ? 443 : 80);
  const context: Context = {
    options: { ...options, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
    url,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    authority: `${url.hostname}:${port}`,
    https,
  };
  const steps: DoctorStep[] = [];
  for (const step of STEPS) {
    const missing = prerequisite(step, context);
    let outcome: StepOutcome;
    if (missing) {
      outcome = skipped(missing);
    } else {
      try {
        outcome = await step.run(context);
      } catch (error) {
        outcome = failed('DOCTOR_ERROR', `The check itself failed: ${errorText(error)}`, 'Please report this with the output of --json.');
      }
    }
    if (step.id === 'dns' && outcome.status === 'passed') context.addresses = (outcome.details?.addresses as string[]) ?? [];
    steps.push({ id: step.id, title: step.title, ...outcome, details: outcome.details ?? {} });
  }
  // Only now is it known whether this is the local development server: its certificate has its own remedy.
  if (context.localServer) {
    const tls = steps.find((s) => s.id === 'tls');
    if (tls?.code === 'CERT_SELF_SIGNED') tls.remedy = LOCAL_CERTIFICATE_REMEDY;
  }
  return { ok: steps.every((s) => s.status !== 'failed'), url: url.href, localServer: !!context.localServer, steps };
}
