/**
 * Sharing the screen: OpenVidu 2 publishes one stream per connection, so the screen is a second connection of the
 * same participant (a `SessionConnection`, as the camera's), with its own token and OpenVidu Call's `SCREEN`
 * metadata. The picker comes first, so a user who cancels it costs no token. It ends by itself when the browser's
 * own "Stop sharing" bar ends the track, when a moderator stops it, or when its connection is lost.
 */
import type { Publisher } from 'openvidu-browser';
import { untilAborted } from './async.js';
import { OvError, describeError, isOvError } from './errors.js';
import { stopTracks } from './local-media.js';
import { createOpenVidu } from './openvidu.js';
import { SessionConnection } from './session-connection.js';

export interface ScreenShareOptions {
  /** The second token, for the screen's connection. */
  readonly token: (signal: AbortSignal) => Promise<string>;
  /** The screen connection's client data. */
  readonly metadata: object;
  /** The share ended without `stop()`: the browser's bar, a moderator (`reason` forceUnpublish…), a lost connection. */
  readonly onEnded: (reason?: string) => void;
}

export class ScreenShare {
  private readonly abort = new AbortController();
  private connection?: SessionConnection;
  private publisherInstance?: Publisher;
  private cleanups: Array<() => void> = [];
  private sharing = false;

  constructor(private readonly options: ScreenShareOptions) {}

  /** The screen's publisher, once the user picked what to share. */
  get publisher(): Publisher | undefined {
    return this.publisherInstance;
  }

  /** Whether the screen is published (the others see it). */
  get isSharing(): boolean {
    return this.sharing;
  }

  get connectionId(): string | undefined {
    return this.connection?.connectionId || undefined;
  }

  /**
   * Asks the user what to share, connects and publishes it. Resolves false when the user cancelled the picker (not
   * an error) or `stop()` came first; rejects with SCREEN_SHARE_FAILED or SCREEN_SHARE_UNSUPPORTED.
   */
  async start(): Promise<boolean> {
    const { signal } = this.abort;
    const openvidu = createOpenVidu();
    let publisher: Publisher;
    try {
      publisher = await openvidu.initPublisherAsync(undefined, {
        videoSource: 'screen',
        audioSource: 'screen', // the tab's or system's sound, where the browser offers it
        publishAudio: true,
        publishVideo: true,
        mirror: false,
      });
    } catch (error) {
      const name = (error as { name?: string } | undefined)?.name;
      if (name === 'SCREEN_CAPTURE_DENIED' || name === 'NotAllowedError' || signal.aborted) return false;
      if (name === 'SCREEN_SHARING_NOT_SUPPORTED') throw new OvError('SCREEN_SHARE_UNSUPPORTED');
      throw new OvError('SCREEN_SHARE_FAILED', { reason: describeError(error) }, { cause: error });
    }
    this.publisherInstance = publisher;
    if (signal.aborted) {
      this.release();
      return false;
    }
    const track = publisher.stream.getMediaStream().getVideoTracks()[0];
    // openvidu-browser does not listen for the browser's "Stop sharing": the track just ends.
    const ended = (event?: Event | { reason?: unknown }) => {
      const reason = event && 'reason' in event ? event.reason : undefined;
      this.end(typeof reason === 'string' ? reason : undefined);
    };
    track?.addEventListener('ended', ended);
    this.cleanups.push(() => track?.removeEventListener('ended', ended));
    try {
      const token = await untilAborted(this.options.token(signal), signal);
      const connection = new SessionConnection(openvidu);
      this.connection = connection;
      connection.on('sessionDisconnected', ended);
      await untilAborted(connection.connect(token, this.options.metadata), signal);
      // A moderator's forceUnpublish arrives on the publisher itself, not on the session (OPENVIDU.md §7).
      publisher.on('streamDestroyed', ended);
      this.cleanups.push(() => publisher.off('streamDestroyed', ended));
      await untilAborted(connection.publish(publisher), signal);
    } catch (error) {
      this.release();
      if (signal.aborted) return false;
      if (isOvError(error) && error.code !== 'CONNECTION_FAILED') throw error;
      throw new OvError('SCREEN_SHARE_FAILED', { reason: describeError(error) }, { cause: error });
    }
    this.sharing = true;
    return true;
  }

  /** Stops sharing: the others see the screen go, the track and the connection are released. */
  stop(): void {
    this.abort.abort();
    this.release();
  }

  private end(reason?: string): void {
    if (this.abort.signal.aborted) return;
    this.stop();
    this.options.onEnded(reason);
  }

  private release(): void {
    this.sharing = false;
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups = [];
    this.connection?.close();
    this.connection = undefined;
    const publisher = this.publisherInstance;
    if (publisher) {
      stopTracks(publisher);
      // openvidu-browser polls the screen's size every 650 ms and never stops the timer itself.
      clearInterval((publisher as unknown as { screenShareResizeInterval?: ReturnType<typeof setInterval> }).screenShareResizeInterval);
    }
  }
}
