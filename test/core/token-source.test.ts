import { expect } from '@open-wc/testing';
import { TokenSource, validateToken, type TokenRequest } from '../../src/core/token-source.js';
import { OvError } from '../../src/core/errors.js';
import { OV_SERVER_URL, TOKEN_FIXTURE_URL, UNREACHABLE_URL } from '../support/env.js';

const camera = (sessionId = uniqueSession()): TokenRequest => ({ sessionId, participantName: 'Ana', kind: 'camera' });
let counter = 0;
function uniqueSession() {
  counter += 1;
  return `token-test-${Date.now().toString(36)}-${counter}`;
}

async function failure(promise: Promise<unknown>): Promise<OvError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(OvError);
    return error as OvError;
  }
  throw new Error('expected the promise to reject');
}

function expectOpenViduToken(token: string, sessionId: string) {
  const url = new URL(token);
  expect(url.protocol).to.equal('ws:');
  expect(url.searchParams.get('sessionId')).to.equal(sessionId);
  expect(url.searchParams.get('token')).to.match(/^tok_/);
}

describe('TokenSource', () => {
  describe('tutorial convention (OpenVidu tutorial application servers)', () => {
    it('gets a token from the local server\'s /api endpoints, which answer plain text', async () => {
      const sessionId = uniqueSession();
      const token = await new TokenSource({ tokenUrl: `${OV_SERVER_URL}/api` }).get(camera(sessionId));
      expectOpenViduToken(token, sessionId);
    });

    it('accepts a trailing slash in token-url', async () => {
      const sessionId = uniqueSession();
      const token = await new TokenSource({ tokenUrl: `${OV_SERVER_URL}/api/` }).get(camera(sessionId));
      expectOpenViduToken(token, sessionId);
    });

    it('accepts JSON object answers ({id} then {token})', async () => {
      const sessionId = uniqueSession();
      const token = await new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/json` }).get(camera(sessionId));
      expectOpenViduToken(token, sessionId);
    });

    it('accepts JSON string answers', async () => {
      const sessionId = uniqueSession();
      const token = await new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/json-string` }).get(camera(sessionId));
      expectOpenViduToken(token, sessionId);
    });

    it('asks for a new token every time (tokens are single-use)', async () => {
      const source = new TokenSource({ tokenUrl: `${OV_SERVER_URL}/api` });
      const request = camera();
      const first = await source.get(request);
      const second = await source.get(request);
      expect(second).to.not.equal(first);
    });

    it('produces a screen token with a second connection', async () => {
      const sessionId = uniqueSession();
      const source = new TokenSource({ tokenUrl: `${OV_SERVER_URL}/api` });
      const cameraToken = await source.get(camera(sessionId));
      const screenToken = await source.get({ ...camera(sessionId), kind: 'screen' });
      expectOpenViduToken(screenToken, sessionId);
      expect(screenToken).to.not.equal(cameraToken);
    });
  });

  describe('single-request convention', () => {
    it('sends sessionId, participantName and kind with the app\'s headers, and takes {camera, screen}', async () => {
      const sessionId = uniqueSession();
      const source = new TokenSource({
        tokenUrl: `${TOKEN_FIXTURE_URL}/single`,
        convention: 'single-request',
        requestInit: { headers: { Authorization: 'Bearer letmein' } },
      });
      const cameraToken = await source.get(camera(sessionId));
      expectOpenViduToken(cameraToken, sessionId);
      const received = (await (await fetch(`${TOKEN_FIXTURE_URL}/requests`)).json()) as Array<{ path: string; body: unknown }>;
      expect(received.at(-1)).to.deep.include({ path: '/single', body: { sessionId, participantName: 'Ana', kind: 'camera' } });

      // The screen token came with the camera token: no second request.
      const screenToken = await source.get({ ...camera(sessionId), kind: 'screen' });
      expectOpenViduToken(screenToken, sessionId);
      expect(screenToken).to.not.equal(cameraToken);
      const after = (await (await fetch(`${TOKEN_FIXTURE_URL}/requests`)).json()) as unknown[];
      expect(after.length).to.equal(received.length);
    });

    it('takes {token}', async () => {
      const sessionId = uniqueSession();
      const token = await new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/single-token`, convention: 'single-request' }).get(camera(sessionId));
      expectOpenViduToken(token, sessionId);
    });

    it('reports the status and the server\'s message when the endpoint refuses', async () => {
      const error = await failure(new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/single`, convention: 'single-request' }).get(camera()));
      expect(error.code).to.equal('TOKEN_ENDPOINT_HTTP_ERROR');
      expect(error.details.status).to.equal(401);
      expect(error.message).to.contain('Missing or wrong bearer token');
    });
  });

  describe('tokenProvider and literal tokens', () => {
    it('calls the provider with the request and validates what it returns', async () => {
      const seen: TokenRequest[] = [];
      const source = new TokenSource({
        tokenProvider: async (request) => {
          seen.push(request);
          return { camera: 'wss://openvidu.example.com?sessionId=s1&token=tok_A', screen: 'wss://openvidu.example.com?sessionId=s1&token=tok_B' };
        },
      });
      expect(await source.get(camera('s1'))).to.equal('wss://openvidu.example.com?sessionId=s1&token=tok_A');
      expect(await source.get({ ...camera('s1'), kind: 'screen' })).to.equal('wss://openvidu.example.com?sessionId=s1&token=tok_B');
      expect(seen).to.deep.equal([{ sessionId: 's1', participantName: 'Ana', kind: 'camera' }]);
    });

    it('wraps a provider failure with its reason', async () => {
      const error = await failure(
        new TokenSource({
          tokenProvider: async () => {
            throw new Error('backend said no');
          },
        }).get(camera()),
      );
      expect(error.code).to.equal('TOKEN_PROVIDER_FAILED');
      expect(error.message).to.contain('backend said no');
    });

    it('uses a literal token once, then falls back to the endpoint', async () => {
      const sessionId = uniqueSession();
      const literal = 'ws://127.0.0.1:1?sessionId=x&token=tok_literal';
      const source = new TokenSource({ token: literal, tokenUrl: `${OV_SERVER_URL}/api` });
      expect(await source.get(camera(sessionId))).to.equal(literal);
      expectOpenViduToken(await source.get(camera(sessionId)), sessionId);
    });
  });

  describe('failures, each with its own code', () => {
    it('endpoint unreachable: names the URL and the CORS and certificate remedies', async () => {
      const error = await failure(new TokenSource({ tokenUrl: UNREACHABLE_URL }).get(camera()));
      expect(error.code).to.equal('TOKEN_ENDPOINT_UNREACHABLE');
      const detail = error.toDetail();
      expect(detail.message).to.contain(UNREACHABLE_URL);
      expect(detail.remedy).to.contain('Access-Control-Allow-Origin');
      expect(detail.remedy).to.contain(location.origin);
    });

    it('an endpoint without CORS headers is reported as unreachable (that is all a browser can tell)', async () => {
      const error = await failure(new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/no-cors/json` }).get(camera()));
      expect(error.code).to.equal('TOKEN_ENDPOINT_UNREACHABLE');
    });

    it('HTTP 500: the status and the message from a JSON body', async () => {
      const error = await failure(new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/error-500` }).get(camera()));
      expect(error.code).to.equal('TOKEN_ENDPOINT_HTTP_ERROR');
      expect(error.details.status).to.equal(500);
      expect(error.message).to.contain('OpenVidu is not reachable from the application server');
    });

    it('HTTP 502 with an HTML page: the text without tags', async () => {
      const error = await failure(new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/error-html` }).get(camera()));
      expect(error.details.status).to.equal(502);
      expect(error.message).to.contain('502 Bad Gateway');
      expect(error.message).to.not.contain('<');
    });

    it('404 from a wrong path', async () => {
      const error = await failure(new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/no-such-api` }).get(camera()));
      expect(error.code).to.equal('TOKEN_ENDPOINT_HTTP_ERROR');
      expect(error.details.status).to.equal(404);
    });

    it('an answer that holds no token', async () => {
      const error = await failure(new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/malformed` }).get(camera()));
      expect(error.code).to.equal('TOKEN_ANSWER_WITHOUT_TOKEN');
      expect(error.message).to.contain('"status":"ok"');
    });

    it('a token that is not an OpenVidu token', async () => {
      const error = await failure(new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/not-openvidu` }).get(camera()));
      expect(error.code).to.equal('TOKEN_NOT_OPENVIDU');
      expect(error.message).to.contain('tok_OnlyTheTokenPart');
    });

    it('an OpenVidu 3 (LiveKit) token', async () => {
      const error = await failure(new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/openvidu3` }).get(camera()));
      expect(error.code).to.equal('TOKEN_IS_OPENVIDU_3');
    });

    it('no token source at all, and no session id', () => {
      expect(() => TokenSource.check({}, 's')).to.throw(OvError).with.property('code', 'NO_TOKEN_SOURCE');
      expect(() => TokenSource.check({ tokenUrl: '/api' }, '')).to.throw(OvError).with.property('code', 'NO_SESSION_ID');
      expect(() => TokenSource.check({ token: 'ws://h?sessionId=s&token=t' }, '')).not.to.throw();
    });

    it('an aborted request rejects with the abort, not a token error', async () => {
      const abort = new AbortController();
      const pending = new TokenSource({ tokenUrl: `${TOKEN_FIXTURE_URL}/slow` }).get(camera(), abort.signal);
      abort.abort();
      try {
        await pending;
        throw new Error('expected a rejection');
      } catch (error) {
        expect((error as Error).name).to.equal('AbortError');
      }
    });
  });

  describe('validateToken', () => {
    it('accepts ws:// and wss:// tokens and trims them', () => {
      expect(validateToken(' wss://ov.example.com?sessionId=a&token=tok_b\n')).to.equal('wss://ov.example.com?sessionId=a&token=tok_b');
      expect(validateToken('ws://localhost:4443?sessionId=a&token=tok_b')).to.equal('ws://localhost:4443?sessionId=a&token=tok_b');
    });
    it('rejects session ids, http URLs and empty values', () => {
      for (const bad of ['ses_123', 'https://ov.example.com?token=x', '', undefined, 42]) {
        expect(() => validateToken(bad)).to.throw(OvError).with.property('code', 'TOKEN_NOT_OPENVIDU');
      }
    });
  });
});
