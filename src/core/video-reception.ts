/**
 * Video only for what is on screen: a remote stream's video is received while at least one tile asks for it (it is
 * rendered and in the viewport) and the page is visible; otherwise the subscription carries audio alone, so the
 * media server stops sending the video (OPENVIDU.md §6: disabling the track is not enough). Asks are counted per
 * stream key (participant id and source), so two tiles of one stream are one reception, and an ask made before the
 * stream is subscribed decides how it is subscribed (`onWanted` lets a waiting subscription start at once).
 * Switching off waits `holdMs`, so that scrolling or paging back and forth does not renegotiate at every step;
 * switching on is immediate. A switch that failed (a busy or reconnecting socket) is tried again a second later.
 *
 * Subscribers are openvidu-browser's, with the build's `setVideoReception()` patch (rollup.config.mjs).
 */

/** What this module needs of a patched openvidu-browser Subscriber. */
export interface VideoReceiver {
  setVideoReception(receive: boolean): Promise<void>;
  readonly receivingVideo: boolean;
}

export class VideoReception {
  private readonly asks = new Map<string, number>();
  private readonly receivers = new Map<string, VideoReceiver>();
  /** Per key, the switch-off waiting out the hold, or the retry of a failed switch. */
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The deployment cannot switch video (OpenVidu Pro's mediasoup offers every subscription itself): receive all. */
  private all = false;

  /**
   * @param onWanted A key without a subscriber became wanted: a stream waiting to be subscribed can be, with video.
   * @param holdMs How long video goes on after the last ask is withdrawn (or the page is hidden) before it stops.
   */
  constructor(
    private readonly onWanted?: (key: string) => void,
    private readonly holdMs = 1500,
  ) {}

  /** Follows the page's visibility (a hidden tab receives no video) until `stop()`. */
  start(): void {
    document.addEventListener('visibilitychange', this.reconcileAll);
  }

  /** Forgets every stream and timer. Asks stay: they belong to tiles, which withdraw them when they go. */
  stop(): void {
    document.removeEventListener('visibilitychange', this.reconcileAll);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.receivers.clear();
    this.all = false;
  }

  /** Asks for the video of `key` (a tile shows it on screen). Returns the function that withdraws this ask. */
  ask(key: string): () => void {
    this.count(key, 1);
    let withdrawn = false;
    return () => {
      if (!withdrawn) this.count(key, -1);
      withdrawn = true;
    };
  }

  /** Whether `key`'s video is wanted now: asked for, on a visible page. What a new subscription should receive. */
  wants(key: string): boolean {
    return this.all || (this.asks.has(key) && document.visibilityState !== 'hidden');
  }

  /** Manages the subscriber of `key` from now on (subscribed with or without video, as `wants(key)` said). */
  add(key: string, receiver: VideoReceiver): void {
    this.receivers.set(key, receiver);
    this.reconcile(key);
  }

  /** The subscriber is gone (unsubscribed, its stream destroyed); the asks for its key stay for the next one. */
  remove(receiver: VideoReceiver): void {
    for (const [key, known] of this.receivers) {
      if (known !== receiver) continue;
      this.receivers.delete(key);
      this.clear(key);
    }
  }

  private count(key: string, by: number): void {
    const asks = (this.asks.get(key) ?? 0) + by;
    if (asks > 0) this.asks.set(key, asks);
    else this.asks.delete(key);
    this.reconcile(key);
  }

  private readonly reconcileAll = (): void => {
    for (const key of new Set([...this.receivers.keys(), ...this.asks.keys()])) this.reconcile(key);
  };

  private reconcile(key: string): void {
    const receiver = this.receivers.get(key);
    const wanted = this.wants(key);
    if (!receiver) {
      if (wanted) this.onWanted?.(key);
    } else if (wanted) {
      this.clear(key);
      this.switch(key, receiver, true);
    } else if (!this.timers.has(key)) this.later(key, receiver, this.holdMs);
  }

  /** Switches `key` to what is wanted then, after `ms`. */
  private later(key: string, receiver: VideoReceiver, ms: number): void {
    this.clear(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (this.receivers.get(key) === receiver) this.switch(key, receiver, this.wants(key));
      }, ms),
    );
  }

  private clear(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private switch(key: string, receiver: VideoReceiver, receive: boolean): void {
    // The patch queues calls and skips one that asks for what is already received.
    receiver.setVideoReception(receive).catch((error: Error) => {
      if (this.receivers.get(key) !== receiver) return;
      if (error?.name !== 'VIDEO_RECEPTION_UNSUPPORTED') return this.later(key, receiver, 1000);
      // mediasoup cannot drop video from a subscription: everything is received, as without this module.
      this.all = true;
      this.reconcileAll();
    });
  }
}

/** The key of a participant's camera or screen video. */
export function videoKey(participantId: string, source: 'camera' | 'screen'): string {
  return `${participantId}:${source}`;
}
