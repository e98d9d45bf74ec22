// What sound this page receives over WebRTC. Every peer connection the page opens is recorded (openvidu-browser runs
// unchanged), and the audio each one receives is read from its statistics: bytes on the wire and the energy of the
// decoded sound, which stays 0 for silence.
const peerConnections: RTCPeerConnection[] = [];
window.RTCPeerConnection = class RecordedPeerConnection extends window.RTCPeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    peerConnections.push(this);
  }
};

export interface ReceivedAudio {
  bytesReceived: number;
  totalAudioEnergy: number;
}

/** One entry per remote stream with audio that an open peer connection of this page receives. */
export async function receivedAudio(): Promise<ReceivedAudio[]> {
  const received: ReceivedAudio[] = [];
  for (const pc of peerConnections.filter((p) => p.connectionState !== 'closed')) {
    for (const receiver of pc.getReceivers()) {
      if (receiver.track.kind !== 'audio') continue;
      (await receiver.getStats()).forEach((report: RTCInboundRtpStreamStats) => {
        if (report.type === 'inbound-rtp') received.push({ bytesReceived: report.bytesReceived ?? 0, totalAudioEnergy: report.totalAudioEnergy ?? 0 });
      });
    }
  }
  return received;
}

/**
 * Decoded sound, not silence: the fake microphones (Chromium's voice file, Firefox's 1 kHz tone) add 0.01 to 0.15
 * of energy per second; silence adds nothing.
 */
export const SOUND_ENERGY = 0.005;

export const hearsSound = (audio: ReceivedAudio[], streams: number): boolean =>
  audio.filter((a) => a.bytesReceived > 0 && a.totalAudioEnergy > SOUND_ENERGY).length >= streams;
