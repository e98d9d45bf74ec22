// The pre-call check's runner (src/core/diagnostics.ts) against the local OpenVidu server, with the real
// openvidu-browser, real media and real token endpoints: what an app reads from its result.
import { expect } from '@open-wc/testing';
import { DiagnosticsRunner, type DiagnosticsOptions, type DiagnosticsResult, type DiagnosticStep } from '../../src/core/diagnostics.js';
import type { TokenSourceOptions } from '../../src/core/token-source.js';
import { OV_SERVER_URL, TOKEN_FIXTURE_URL, UNREACHABLE_URL } from '../support/env.js';
import { expectNothingLeftRunning, liveTracks, refuseNextDeviceRequests, uniqueSessionId } from '../support/room-helpers.js';
import { createToken, join, leave, rest } from '../server/helpers.js';

async function check(tokens: TokenSourceOptions, options: Partial<DiagnosticsOptions> & { sessionId?: string; lang?: string } = {}): Promise<DiagnosticsResult & { step: (id: string) => DiagnosticStep; report: string }> {
  const runner = new DiagnosticsRunner({ onSnapshot: () => {}, ...options });
  runner.setInputs({ sessionId: options.sessionId ?? uniqueSessionId('diag'), tokens, lang: options.lang });
  const result = await runner.run();
  return { ...result, step: (id) => result.steps.find((step) => step.id === id)!, report: runner.report() };
}

const statuses = (result: DiagnosticsResult) => Object.fromEntries(result.steps.map((step) => [step.id, step.status]));

describe('DiagnosticsRunner against the local server', function () {
  this.timeout(60000);
  afterEach(expectNothingLeftRunning);

  it('passes every step of a healthy deployment, the media round trip included, and leaves nothing behind', async () => {
    const sessionId = uniqueSessionId('diag-ok');
    const result = await check({ tokenUrl: `${OV_SERVER_URL}/api` }, { sessionId });
    expect(statuses(result)).to.deep.equal({ browser: 'passed', devices: 'passed', token: 'passed', server: 'passed', join: 'passed', media: 'passed' });
    expect(result.ok).to.equal(true);
    const media = result.step('media').details;
    expect(media.ice).to.be.oneOf(['connected', 'completed']);
    expect(media.candidateTypes).to.deep.equal(['host']);
    expect(media.protocol).to.equal('UDP');
    expect(media.video).to.equal('camera');
    expect(media.framesDecoded as number).to.be.greaterThan(0);
    expect(media.receivedKbps as number).to.be.greaterThan(0);
    expect(media.rttMs as number).to.be.at.least(0);
    expect(result.step('media').message).to.match(/came back: host over UDP, round trip \d+ ms, \d+ kbit\/s received/);
    expect(result.step('token').details).to.deep.include({ source: 'token-url', convention: 'tutorial', server: new URL(OV_SERVER_URL).origin.replace('http', 'ws') });
    expect(result.step('devices').details.camera).to.match(/^fake_device_/);
    expect(liveTracks()).to.deep.equal([]);
    // The test participant left: the session, empty, is gone.
    expect((await rest('GET', `/sessions/${sessionId}`)).status).to.equal(404);
    expect(result.report).to.contain('[Passed] Media through the server').and.not.contain('tok_');
  });

  it('a dead token endpoint fails the token step with TOKEN_ENDPOINT_UNREACHABLE; the server steps are skipped', async () => {
    const result = await check({ tokenUrl: UNREACHABLE_URL });
    expect(statuses(result)).to.deep.equal({ browser: 'passed', devices: 'passed', token: 'failed', server: 'skipped', join: 'skipped', media: 'skipped' });
    expect(result.ok).to.equal(false);
    expect(result.step('token')).to.deep.include({ code: 'TOKEN_ENDPOINT_UNREACHABLE' });
    expect(result.step('token').message).to.contain(UNREACHABLE_URL);
    expect(result.step('server').message).to.equal('Not checked: it needs a step above that failed.');
    expect(result.report).to.contain('(TOKEN_ENDPOINT_UNREACHABLE)').and.contain('What to do:');
  });

  it('tells an endpoint that refuses CORS from one that is down: TOKEN_ENDPOINT_CORS', async () => {
    const result = await check({ tokenUrl: `${TOKEN_FIXTURE_URL}/no-cors` });
    expect(result.step('token').code).to.equal('TOKEN_ENDPOINT_CORS');
    expect(result.step('token').remedy).to.contain(`Access-Control-Allow-Origin: ${location.origin}`);
  });

  it('a refused camera fails the devices step with DEVICE_ACCESS_DENIED, and the media is checked with a generated picture', async () => {
    refuseNextDeviceRequests(1);
    const result = await check({ tokenUrl: `${OV_SERVER_URL}/api` });
    expect(result.step('devices')).to.deep.include({ status: 'failed', code: 'DEVICE_ACCESS_DENIED' });
    expect(result.step('media').status).to.equal('passed');
    expect(result.step('media').details.video).to.equal('generated');
    expect(result.ok).to.equal(false);
  });

  it('an OpenVidu server nobody answers at fails the server step with SERVER_UNREACHABLE and points to the doctor', async () => {
    const port = new URL(UNREACHABLE_URL).port;
    const result = await check({ tokenProvider: async () => `ws://127.0.0.1:${port}?sessionId=s&token=tok_x` });
    expect(statuses(result)).to.include({ token: 'passed', server: 'failed', join: 'skipped', media: 'skipped' });
    expect(result.step('server').code).to.equal('SERVER_UNREACHABLE');
    expect(result.step('server').remedy).to.contain(`npx openvidu-elements doctor http://127.0.0.1:${port}`);
  });

  it('a token the server already took fails the join step with TOKEN_REJECTED', async () => {
    const sessionId = uniqueSessionId('diag-used');
    // Someone stays in the session, so that it outlives the first check.
    const keeper = await join(sessionId, 'Keeper', { publish: false });
    const token = await createToken(sessionId);
    expect((await check({ token }, { sessionId })).ok).to.equal(true);
    const again = await check({ token }, { sessionId });
    await leave(keeper);
    expect(again.step('join'), again.step('join').message).to.deep.include({ status: 'failed', code: 'TOKEN_REJECTED' });
    expect(again.step('media').status).to.equal('skipped');
  });

  it('a token for a session the server closed meanwhile fails the join step with CONNECTION_FAILED', async () => {
    const sessionId = uniqueSessionId('diag-closed');
    const first = await createToken(sessionId);
    const second = await createToken(sessionId);
    // The first check's participant is the session's last: when it leaves, the server closes the session.
    expect((await check({ token: first }, { sessionId })).ok).to.equal(true);
    const result = await check({ token: second }, { sessionId });
    expect(result.step('join')).to.deep.include({ status: 'failed', code: 'CONNECTION_FAILED' });
    expect(result.step('join').message).to.contain('cannot be found');
  });

  it('a SUBSCRIBER token joins but cannot send the test stream: a PUBLISH_NOT_ALLOWED warning', async () => {
    const sessionId = uniqueSessionId('diag-viewer');
    const token = await createToken(sessionId, { role: 'SUBSCRIBER' });
    const result = await check({ token }, { sessionId });
    expect(result.step('join').details.role).to.equal('SUBSCRIBER');
    expect(result.step('media')).to.deep.include({ status: 'warning', code: 'PUBLISH_NOT_ALLOWED' });
    expect(result.ok).to.equal(true);
  });

  it('a browser without WebRTC fails the browser step with BROWSER_UNSUPPORTED', async () => {
    const native = window.RTCPeerConnection;
    // @ts-expect-error a browser that lacks it
    delete window.RTCPeerConnection;
    let result: Awaited<ReturnType<typeof check>>;
    try {
      result = await check({ tokenUrl: `${OV_SERVER_URL}/api` });
    } finally {
      window.RTCPeerConnection = native;
    }
    expect(result.step('browser')).to.deep.include({ status: 'failed', code: 'BROWSER_UNSUPPORTED' });
    expect(result.step('browser').message).to.contain('RTCPeerConnection');
    expect(statuses(result)).to.include({ devices: 'skipped', token: 'passed', server: 'passed', join: 'skipped', media: 'skipped' });
  });

  it('media that cannot reach the server (only a relay allowed, and no TURN) fails with MEDIA_LOOPBACK_FAILED', async () => {
    const native = window.RTCPeerConnection;
    // As behind a firewall that lets no UDP through: only relayed candidates, and the deployment offers no TURN.
    window.RTCPeerConnection = class extends native {
      constructor(configuration?: RTCConfiguration) {
        super({ ...configuration, iceTransportPolicy: 'relay' });
      }
    };
    let result: Awaited<ReturnType<typeof check>>;
    try {
      result = await check({ tokenUrl: `${OV_SERVER_URL}/api` }, { timeouts: { media: 3000 } });
    } finally {
      window.RTCPeerConnection = native;
    }
    expect(result.step('join').status).to.equal('passed');
    expect(result.step('media')).to.deep.include({ status: 'failed', code: 'MEDIA_LOOPBACK_FAILED' });
    expect(result.step('media').remedy).to.contain('UDP 40000-65535');
  });

  it('speaks the page language: Spanish steps, codes unchanged', async () => {
    const result = await check({ tokenUrl: UNREACHABLE_URL }, { lang: 'es' });
    expect(result.step('token').code).to.equal('TOKEN_ENDPOINT_UNREACHABLE');
    expect(result.step('token').message).to.contain('No se pudo');
    expect(result.step('server').message).to.equal('Sin comprobar: depende de un paso anterior que ha fallado.');
    expect(result.report).to.contain('[Fallo] Endpoint de tokens');
  });

  it('stopped in the middle, it releases the camera and reports nothing', async () => {
    let completed = false;
    const runner = new DiagnosticsRunner({ onSnapshot: () => {}, onComplete: () => (completed = true) });
    runner.setInputs({ sessionId: uniqueSessionId('diag-stop'), tokens: { tokenUrl: `${TOKEN_FIXTURE_URL}/slow` } });
    const running = runner.run();
    await new Promise<void>((resolve) => {
      const wait = () => (runner.snapshot.steps.find((s) => s.id === 'token')?.status === 'running' ? resolve() : setTimeout(wait, 20));
      wait();
    });
    runner.stop();
    await running;
    expect(completed).to.equal(false);
    expect(runner.snapshot.status).to.equal('done');
    expect(liveTracks()).to.deep.equal([]);
  });
});
