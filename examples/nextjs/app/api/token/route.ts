// The application server's part, as a Next.js route: a session and a connection through OpenVidu's REST API, with
// the secret from the environment (never sent to the browser). The answer is checked with the package's own rule.
import { validateToken } from 'openvidu-elements';

const OPENVIDU_URL = (process.env.OPENVIDU_URL ?? 'http://localhost:4443').replace(/\/*$/, '/');
const OPENVIDU_SECRET = process.env.OPENVIDU_SECRET ?? 'MY_SECRET';

async function openvidu(path: string, body: unknown): Promise<Response> {
  return fetch(new URL(`openvidu/api/${path}`, OPENVIDU_URL), {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`OPENVIDUAPP:${OPENVIDU_SECRET}`).toString('base64')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
}

export async function POST(request: Request): Promise<Response> {
  const { sessionId } = (await request.json()) as { sessionId?: unknown };
  if (typeof sessionId !== 'string' || !/^[\w-]{1,100}$/.test(sessionId)) return new Response('sessionId: letters, digits, - and _', { status: 400 });
  const session = await openvidu('sessions', { customSessionId: sessionId });
  // 409: the session exists already, which is how the second participant finds the first.
  if (!session.ok && session.status !== 409) return new Response(`OpenVidu answered ${session.status} creating the session`, { status: 502 });
  const connection = await openvidu(`sessions/${encodeURIComponent(sessionId)}/connection`, {});
  if (!connection.ok) return new Response(`OpenVidu answered ${connection.status} creating a connection`, { status: 502 });
  const { token } = (await connection.json()) as { token?: unknown };
  return Response.json({ token: validateToken(token) });
}
