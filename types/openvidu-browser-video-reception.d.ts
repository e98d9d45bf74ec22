// Types for the video-reception patch that the build applies to openvidu-browser (videoReception() in
// rollup.config.mjs): a Subscriber can stop receiving its video, and receive it again.
import 'openvidu-browser';

declare module 'openvidu-browser/lib/OpenVidu/Subscriber' {
  interface Subscriber {
    /**
     * Stops (`false`) or resumes (`true`) receiving this subscriber's video: the subscription is renegotiated with
     * openvidu-browser's `reconnectStream` and a receive offer with or without video, so the media server really
     * stops sending it, and video comes back starting with a keyframe. Resolves once the subscription carries what
     * the last call asked for (calls queue); `stream.getMediaStream()` is then a new MediaStream, already attached to
     * this subscriber's video elements. Audio pauses while it renegotiates. Does nothing for a stream without video
     * or once unsubscribed; rejects on OpenVidu Pro's mediasoup, where the server makes the offer (an Error named
     * `VIDEO_RECEPTION_UNSUPPORTED`).
     */
    setVideoReception(receive: boolean): Promise<void>;
    /** Whether the current subscription receives video. */
    readonly receivingVideo: boolean;
  }
}

declare module 'openvidu-browser/lib/OpenViduInternal/Interfaces/Public/SubscriberProperties' {
  interface SubscriberProperties {
    /** `false` subscribes without video (audio only); `setVideoReception(true)` brings it in later. Default true. */
    receiveVideo?: boolean;
  }
}
