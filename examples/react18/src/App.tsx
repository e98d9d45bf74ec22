// React 18 sets custom elements' attributes only and cannot listen to their events, so this app uses the
// components of `openvidu-elements/react` (made with @lit/react): properties as props, events as onOv… props.
import { useState } from 'react';
import type { ParticipantSnapshot } from 'openvidu-elements';
import { OvChat, OvLeaveButton, OvRoom, OvToggle, OvVideo } from 'openvidu-elements/react';
import { getToken } from './token';

const params = new URLSearchParams(location.search);
const sessionId = params.get('session') ?? 'react18';
const name = params.get('name') ?? 'React 18';

export function App() {
  const [log, setLog] = useState<string[]>([]);
  const [others, setOthers] = useState<ParticipantSnapshot[]>([]);
  const say = (line: string) => setLog((lines) => [...lines, line]);

  // #region room
  return (
    <main className="app">
      <OvRoom
        sessionId={sessionId}
        participantName={name}
        noPrejoin
        tokenProvider={getToken}
        onOvJoined={(event) => say(`Joined ${event.detail.sessionId}`)}
        onOvParticipantJoined={({ detail: { participant } }) => {
          if (participant.isLocal) return;
          say(`${participant.name} joined`);
          setOthers((list) => [...list, participant]);
        }}
        onOvParticipantLeft={({ detail }) => setOthers((list) => list.filter((p) => p.participantId !== detail.participant.participantId))}
        onOvError={(event) => say(`Error ${event.detail.code}: ${event.detail.message}`)}
      >
        <div className="stage">
          <OvVideo participant="local" />
          {others.map((p) => (
            <OvVideo key={p.participantId} participantId={p.participantId} />
          ))}
        </div>
        <div className="controls">
          <OvToggle source="microphone" />
          <OvToggle source="camera" />
          <OvLeaveButton />
        </div>
        <OvChat />
      </OvRoom>
      <ol aria-label="What the app heard" data-testid="log">
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </main>
  );
  // #endregion room
}
