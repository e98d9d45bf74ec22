/**
 * What the own camera sends, for the size of the room. OpenVidu CE forwards each publisher's one stream as it is to
 * every subscriber (no simulcast, no transcoding), so a big room costs every participant's uplink, the server's
 * forwarding and every receiver's downlink and decoder N times, while each tile gets smaller. So each publisher
 * sends less as the room grows, from its own RTCRtpSender (`setParameters`: no renegotiation, no new camera
 * track, the own preview stays as captured):
 *
 * | participants | sent (camera captured at 640x480, 30 fps) | frame rate | bitrate cap          |
 * | ------------ | ----------------------------------------- | ---------- | -------------------- |
 * | 1 to 4       | 640x480                                   | 30         | the browser's own    |
 * | 5 to 9       | 427x320 (a 3x3 grid's tile)               | 30         | 500 kbit/s           |
 * | 10 to 16     | 320x240                                   | 24         | 300 kbit/s           |
 * | 17 and more  | 320x240                                   | 15         | 150 kbit/s           |
 *
 * Participants are people (a shared screen is not one more); the screen itself is never lowered (text must stay
 * legible). It follows the room both ways: when people leave, the sending goes back up.
 */

/** The encoding parameters of one tier (RTCRtpEncodingParameters; absent means no limit). */
type Tier = Pick<RTCRtpEncodingParameters, 'scaleResolutionDownBy' | 'maxBitrate' | 'maxFramerate'>;

const TIERS: readonly [from: number, tier: Tier][] = [
  [17, { scaleResolutionDownBy: 2, maxFramerate: 15, maxBitrate: 150_000 }],
  [10, { scaleResolutionDownBy: 2, maxFramerate: 24, maxBitrate: 300_000 }],
  [5, { scaleResolutionDownBy: 1.5, maxBitrate: 500_000 }],
  [0, { scaleResolutionDownBy: 1 }],
];

/** The tier for a room of `participants` people, the own included. */
export function sendQuality(participants: number): Tier {
  return TIERS.find(([from]) => participants >= from)![1];
}

/** The tier each camera sender got last: a new sender (a new publish, a reconnection) gets it again. */
const applied = new WeakMap<RTCRtpSender, Tier>();

/**
 * Gives the camera's video sender on `pc` (a publisher's peer connection) the tier for `participants`, once per
 * tier. Does nothing before the sender is negotiated (it has no encodings yet): the next call applies it.
 */
export function applySendQuality(pc: RTCPeerConnection | undefined, participants: number): void {
  // The video transceiver, also while the camera is off (its sender then has no track).
  const sender = pc?.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.sender;
  const tier = sendQuality(participants);
  if (!sender || applied.get(sender) === tier) return;
  const parameters = sender.getParameters();
  if (!parameters.encodings?.length) return;
  applied.set(sender, tier);
  for (const encoding of parameters.encodings) {
    delete encoding.maxBitrate;
    delete encoding.maxFramerate;
    Object.assign(encoding, tier);
  }
  // A browser that refuses a value keeps sending as before: a larger stream, not a broken one.
  sender.setParameters(parameters).catch(() => applied.delete(sender));
}
