/**
 * A participant view of one openvidu-browser StreamManager (Publisher or Subscriber): attaching a video element
 * to it, and following its mute and speaking state. The room controller uses it for every stream it manages,
 * and `<ov-video>` for a StreamManager an app hands it. Types only: openvidu-browser itself is loaded by
 * openvidu.ts alone.
 */
import type { StreamManager } from 'openvidu-browser';
import { readConnectionData } from './connection-data.js';
import type { ParticipantSnapshot, StreamView } from './room-state.js';

/** Shows the stream in `video` and returns the function that stops showing it. */
export function attachStreamManager(streamManager: StreamManager, video: HTMLVideoElement): () => void {
  streamManager.addVideoElement(video);
  return () => {
    streamManager.disassociateVideo(video);
    video.srcObject = null;
  };
}

export function streamViewOf(streamManager: StreamManager | undefined, fallback: Pick<StreamView, 'connectionId' | 'name' | 'isLocal'>): StreamView {
  const stream = streamManager?.stream;
  return {
    ...fallback,
    publishing: !!stream,
    microphoneOn: !!stream?.hasAudio && !!stream.audioActive,
    cameraOn: !!stream?.hasVideo && !!stream.videoActive,
    // A publisher's stream has no id until it is published; it still shows the local camera.
    streamId: stream ? (stream.streamId || `local-${fallback.connectionId || 'preview'}`) : undefined,
  };
}

/**
 * Follows a StreamManager given directly (no room): calls `onChange` with a fresh participant snapshot now and
 * whenever its microphone, camera or speaking state changes. Returns the function that stops following.
 */
export function watchStreamManager(streamManager: StreamManager, onChange: (participant: ParticipantSnapshot) => void): () => void {
  let speaking = false;
  const emit = () => {
    const connection = streamManager.stream?.connection;
    const identity = readConnectionData(connection?.data);
    const connectionId = connection?.connectionId ?? '';
    const view = streamViewOf(streamManager, { connectionId, name: identity.name, isLocal: !streamManager.remote });
    onChange(
      Object.freeze({
        ...view,
        participantId: identity.participantId ?? connectionId,
        speaking,
        attachVideo: (video: HTMLVideoElement) => attachStreamManager(streamManager, video),
      }),
    );
  };
  const onStartSpeaking = () => {
    speaking = true;
    emit();
  };
  const onStopSpeaking = () => {
    speaking = false;
    emit();
  };
  streamManager.on('streamPropertyChanged', emit);
  streamManager.on('publisherStartSpeaking', onStartSpeaking);
  streamManager.on('publisherStopSpeaking', onStopSpeaking);
  emit();
  return () => {
    streamManager.off('streamPropertyChanged', emit);
    streamManager.off('publisherStartSpeaking', onStartSpeaking);
    streamManager.off('publisherStopSpeaking', onStopSpeaking);
  };
}
