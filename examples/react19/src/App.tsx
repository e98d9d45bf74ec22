// React 19 passes properties and `on<event>` listeners to custom elements, so the elements are used directly;
// `openvidu-elements/react-jsx` types every tag, its properties and its events.
import { useState } from 'react';
import type {} from 'openvidu-elements/react-jsx';
import 'openvidu-elements/define.js';
import type { ParticipantSnapshot } from 'openvidu-elements';
import { getToken } from './token';

const params = new URLSearchParams(location.search);
const sessionId = params.get('session') ?? 'react19';
const name = params.get('name') ?? 'React 19';

export function App() {
  const [log, setLog] = useState<string[]>([]);
  const [others, setOthers] = useState<ParticipantSnapshot[]>([]);
  const say = (line: string) => setLog((lines) => [...lines, line]);

  // #region room
  return (
    <main className="app">
      <ov-room
        session-id={sessionId}
        participant-name={name}
        no-prejoin
        tokenProvider={getToken}
        onov-joined={(event) => say(`Joined ${event.detail.sessionId}`)}
        onov-participant-joined={({ detail: { participant } }) => {
          if (participant.isLocal) return;
          say(`${participant.name} joined`);
          setOthers((list) => [...list, participant]);
        }}
        onov-participant-left={({ detail }) => setOthers((list) => list.filter((p) => p.participantId !== detail.participant.participantId))}
        onov-error={(event) => say(`Error ${event.detail.code}: ${event.detail.message}`)}
      >
        <div className="stage">
          <ov-video participant="local"></ov-video>
          {others.map((p) => (
            <ov-video key={p.participantId} participant-id={p.participantId}></ov-video>
          ))}
        </div>
        <div className="controls">
          <ov-toggle source="microphone"></ov-toggle>
          <ov-toggle source="camera"></ov-toggle>
          <ov-leave-button></ov-leave-button>
        </div>
        <ov-chat></ov-chat>
      </ov-room>
      <ol aria-label="What the app heard" data-testid="log">
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
  // #endregion room
}
