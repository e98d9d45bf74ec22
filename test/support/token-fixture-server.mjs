// A real HTTP server on loopback that plays the application servers a page author may point <ov-room> at:
// well-behaved ones (tutorial convention with JSON answers, single-request convention with auth) and broken
// ones (HTTP errors, answers without a token, no CORS, slow, a token reused). Real tokens come from the local
// OpenVidu server's REST API.
import { createServer } from 'node:http';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
};

export async function startTokenFixtureServer({ openviduUrl, secret }) {
  const auth = `Basic ${Buffer.from(`OPENVIDUAPP:${secret}`).toString('base64')}`;
  const requests = []; // what the endpoints received, newest last, for tests to inspect
  let reusedToken;

  async function openviduToken(sessionId) {
    const created = await fetch(`${openviduUrl}/openvidu/api/sessions`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ customSessionId: sessionId }),
    });
    if (!created.ok && created.status !== 409) throw new Error(`session: HTTP ${created.status}`);
    const connection = await fetch(`${openviduUrl}/openvidu/api/sessions/${sessionId}/connection`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: '{}',
    });
    if (!connection.ok) throw new Error(`connection: HTTP ${connection.status}`);
    return (await connection.json()).token;
  }

  const routes = {
    // Tutorial convention, JSON answers (openvidu-call-like): {"id"} then OpenVidu's Connection JSON {"token"}.
    'POST /json/sessions': async (body) => json(200, { id: body.customSessionId }),
    'POST /json/sessions/:id/connections': async (_body, id) => json(200, { object: 'connection', token: await openviduToken(id) }),
    // Tutorial convention answering a JSON string.
    'POST /json-string/sessions': async (body) => json(200, body.customSessionId),
    'POST /json-string/sessions/:id/connections': async (_body, id) => json(200, await openviduToken(id)),
    // Single-request convention behind a bearer token; answers camera and screen tokens.
    'POST /single': async (body, _id, headers) =>
      headers.authorization !== 'Bearer letmein'
        ? json(401, { message: 'Missing or wrong bearer token' })
        : json(200, { camera: await openviduToken(body.sessionId), screen: await openviduToken(body.sessionId) }),
    'POST /single-token': async (body) => json(200, { token: await openviduToken(body.sessionId) }),
    // Failures.
    'POST /error-500/sessions': async () => json(500, { message: 'OpenVidu is not reachable from the application server' }),
    'POST /error-html/sessions': async () => text(502, '<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>', 'text/html'),
    'POST /malformed/sessions': async (body) => text(200, body.customSessionId),
    'POST /malformed/sessions/:id/connections': async () => json(200, { status: 'ok', connection: { role: 'PUBLISHER' } }),
    'POST /not-openvidu/sessions': async (body) => text(200, body.customSessionId),
    'POST /not-openvidu/sessions/:id/connections': async () => text(200, 'tok_OnlyTheTokenPart'),
    'POST /openvidu3/sessions': async (body) => text(200, body.customSessionId),
    'POST /openvidu3/sessions/:id/connections': async () => text(200, 'eyJhbGciOiJIUzI1NiJ9.eyJ2aWRlbyI6e319.c2lnbmF0dXJl'),
    'POST /slow/sessions': async (body) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return text(200, body.customSessionId);
    },
    'POST /slow/sessions/:id/connections': async (_body, id) => text(200, await openviduToken(id)),
    // Answers the same token every time, as a careless cache would: the second join must be refused.
    'POST /reused/sessions': async (body) => text(200, body.customSessionId),
    'POST /reused/sessions/:id/connections': async (_body, id) => text(200, (reusedToken ??= await openviduToken(id))),
    'GET /requests': async () => json(200, requests),
  };

  const server = createServer(async (req, res) => {
    const noCors = req.url.startsWith('/no-cors/');
    const headers = noCors ? {} : CORS;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, headers).end();
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? safeJson(raw) : {};
    const path = noCors ? req.url.slice('/no-cors'.length) : req.url;
    const [route, id] = match(routes, req.method, path);
    if (req.method === 'POST') requests.push({ path: req.url, body, headers: req.headers });
    try {
      const answer = route ? await route(body, id, req.headers) : text(404, 'Not found');
      res.writeHead(answer.status, { ...headers, 'Content-Type': answer.type }).end(answer.body);
    } catch (error) {
      res.writeHead(500, { ...headers, 'Content-Type': 'text/plain' }).end(String(error?.message ?? error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;

  // A port that was free a moment ago and has nobody listening: "the application server is not running".
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const unreachableUrl = `http://127.0.0.1:${probe.address().port}/api`;
  await new Promise((resolve) => probe.close(resolve));

  return {
    url,
    unreachableUrl,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function match(routes, method, path) {
  const pathname = path.split('?')[0];
  for (const [key, handler] of Object.entries(routes)) {
    const [routeMethod, pattern] = key.split(' ');
    if (routeMethod !== method) continue;
    const regex = new RegExp(`^${pattern.replace(':id', '([^/]+)')}$`);
    const found = pathname.match(regex);
    if (found) return [handler, found[1] && decodeURIComponent(found[1])];
  }
  return [undefined];
}

function safeJson(raw) {
  try {
    return JSON.parse(raw);
  } catch {
    return { raw };
  }
}

const json = (status, value) => ({ status, type: 'application/json', body: JSON.stringify(value) });
const text = (status, body, type = 'text/plain') => ({ status, type, body });
