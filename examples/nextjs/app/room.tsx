'use client';
// The room: rendered on the server as a plain <ov-room> tag (this module is evaluated there too), upgraded in the
// browser once openvidu-elements registers it. React 19 hydrating server-rendered markup sets neither a custom
// element's properties nor its `on…` listeners (facebook/react#35446), so this sets both in a ref callback, which
// runs as hydration commits; the room waits for its token source meanwhile.
import 'openvidu-elements/define.js';
import type { OvRoom, TokenProvider } from 'openvidu-elements';
import { useCallback, useState } from 'react';

// Tokens come from this app's own route (app/api/token/route.ts), which holds the OpenVidu secret.
const tokenProvider: TokenProvider = async ({ sessionId, participantName }, { signal }) => {
  const response = await fetch('/api/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sessionId, participantName }),
    signal,
  });
  if (!response.ok) throw new Error(`/api/token answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
};

export function Room({ sessionId, participantName }: { sessionId: string; participantName: string }) {
  const [joined, setJoined] = useState(false);
  const [others, setOthers] = useState<string[]>([]);
  const [error, setError] = useState<string>();

  const attach = useCallback((room: OvRoom | null) => {
    if (!room) return;
    room.tokenProvider = tokenProvider;
    const controller = new AbortController();
    const { signal } = controller;
    room.addEventListener('ov-joined', () => setJoined(true), { signal });
    room.addEventListener('ov-participant-joined', (event) => {
      const { participant } = event.detail;
      if (!participant.isLocal) setOthers((names) => [...names, participant.name]);
    }, { signal });
    room.addEventListener('ov-error', (event) => setError(`${event.detail.code}: ${event.detail.message}`), { signal });
    return () => controller.abort();
  }, []);

  return (
    <section>
      <ov-room ref={attach} session-id={sessionId} participant-name={participantName} no-prejoin style={{ height: 480 }}></ov-room>
      <p role="status" data-testid="app-status">
        {error ?? (joined ? `Joined. Others: ${others.join(', ') || 'nobody yet'}` : 'Joining…')}
      </p>
    </section>
  );
}
