/**
 * Video only for what is on screen: a remote stream's video is received while at least one tile asks for it (it is
 * rendered and in the viewport) and the page is visible; otherwise the subscription carries audio alone, so the
 * media server stops sending the video (OPENVIDU.md §6: disabling the track is not enough). Asks are counted per
 * stream key (participant id and source), so two tiles of one stream are one reception, and an ask made before
 * the stream is subscribed decides how it is subscribed (`onWanted` lets a waiting subscription start at once). Switching off waits `holdMs`, so that scrolling or paging
 * back and forth does not renegotiate at every step; switching on is immediate.
 *
 * Subscribers are openvidu-browser's, with the build's `setVideoReception()` patch (rollup.config.mjs).
 */

/** What this module needs of a patched openvidu-browser Subscriber. */
export interface VideoReceiver {
  setVideoReception(receive: boolean): Promise<void>;
  readonly receivingVideo: boolean;
}

export interface VideoReceptionOptions {
  /** How long video goes on after the last ask is withdrawn (or the page is hidden) before it stops: 1500 ms. */
  readonly holdMs?: number;
  /** A key without a subscriber became wanted: a stream waiting to be subscribed can be, with video. */
  readonly onWanted?: (key: string) => void;
}

const DEFAULT_HOLD_MS = 1500;
const RETRY_MS = 1000;

export class VideoReception {
  private readonly asks = new Map<string, number>();
  private readonly receivers = new Map<string, VideoReceiver>();
  private readonly offTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly holdMs: number;
  private readonly onWanted?: (key: string) => void;
  private pageVisible = true;
  /** The deployment cannot switch video (OpenVidu Pro's mediasoup offers every subscription itself): always receive. */
  private unsupported = false;
  private listening = false;

  constructor(options: VideoReceptionOptions = {}) {
    this.holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
    this.onWanted = options.onWanted;
  }

  /** Follows the page's visibility (a hidden tab receives no video). Idempotent; `stop()` undoes it. */
  start(): void {
    if (this.listening || typeof document === 'undefined') return;
    this.listening = true;
    this.pageVisible = document.visibilityState !== 'hidden';
    document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  /**
   * Forgets every stream, clears the timers and stops following the page. Asks stay: they belong to tiles, which
   * withdraw them when they go.
   */
  stop(): void {
    if (this.listening) document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.listening = false;
    for (const timer of this.offTimers.values()) clearTimeout(timer);
    this.offTimers.clear();
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.receivers.clear();
    this.unsupported = false;
  }

  /** Asks for the video of `key` (a tile shows it on screen). Returns the function that withdraws this ask. */
  ask(key: string): () => void {
    this.asks.set(key, (this.asks.get(key) ?? 0) + 1);
    this.reconcile(key);
    let withdrawn = false;
    return () => {
      if (withdrawn) return;
      withdrawn = true;
      const left = (this.asks.get(key) ?? 1) - 1;
      if (left > 0) this.asks.set(key, left);
      else this.asks.delete(key);
      this.reconcile(key);
    };
  }

  /** Whether `key`'s video is wanted now: asked for, on a visible page. What a new subscription should receive. */
  wants(key: string): boolean {
    return this.unsupported || (this.pageVisible && (this.asks.get(key) ?? 0) > 0);
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
      clearTimeout(this.offTimers.get(key));
      this.offTimers.delete(key);
    }
  }

  private readonly onVisibilityChange = () => {
    const visible = document.visibilityState !== 'hidden';
    if (visible === this.pageVisible) return;
    this.pageVisible = visible;
    for (const key of new Set([...this.receivers.keys(), ...this.asks.keys()])) this.reconcile(key);
  };

  private reconcile(key: string): void {
    const receiver = this.receivers.get(key);
    if (!receiver) {
      if (this.wants(key)) this.onWanted?.(key);
      return;
    }
    const pending = this.offTimers.get(key);
    if (this.wants(key)) {
      clearTimeout(pending);
      this.offTimers.delete(key);
      this.switch(key, receiver, true);
    } else if (!pending) {
      this.offTimers.set(
        key,
        setTimeout(() => {
          this.offTimers.delete(key);
          if (this.receivers.get(key) === receiver && !this.wants(key)) this.switch(key, receiver, false);
        }, this.holdMs),
      );
    }
  }

  private switch(key: string, receiver: VideoReceiver, receive: boolean): void {
    // The patch queues calls and skips one that asks for what is already received.
    receiver.setVideoReception(receive).catch((error: unknown) => {
      if (this.receivers.get(key) !== receiver) return;
      if ((error as Error)?.name !== 'VIDEO_RECEPTION_UNSUPPORTED') {
        // The server did not answer in time (a busy or reconnecting socket): try again while the stream is here.
        const retry = setTimeout(() => {
          this.retryTimers.delete(retry);
          if (this.receivers.get(key) === receiver && receiver.receivingVideo !== this.wants(key)) this.reconcile(key);
        }, RETRY_MS);
        this.retryTimers.add(retry);
        return;
      }
      // mediasoup (server-made offers) cannot drop video from a subscription: receive everything, as before.
      this.unsupported = true;
      for (const [other, r] of this.receivers) if (!r.receivingVideo) this.switch(other, r, true);
    });
  }
}

/** The key of a participant's camera or screen video. */
export function videoKey(participantId: string, source: 'camera' | 'screen'): string {
  return `${participantId}:${source}`;
}
