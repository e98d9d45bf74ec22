import type { TokenProvider } from 'openvidu-elements';

/**
 * Tokens from the application server at /api (OpenVidu's tutorial endpoints, here the local server's): a session,
 * then a connection in it. Your own backend goes here; it keeps the OpenVidu secret.
 */
export const getToken: TokenProvider = async ({ sessionId }, { signal }) => {
  const post = async (path: string, body: unknown): Promise<string> => {
    const response = await fetch(`/api/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal });
    if (!response.ok) throw new Error(`/api/${path} answered ${response.status}: ${await response.text()}`);
    return response.text();
  };
  await post('sessions', { customSessionId: sessionId });
  return post(`sessions/${encodeURIComponent(sessionId)}/connections`, {});
};
