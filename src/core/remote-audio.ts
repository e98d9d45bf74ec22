/**
 * Plays every remote stream's sound, apart from any tile: a participant on another page of tiles, a tile whose
 * video is not received, or a page with no tiles at all is still heard (tiles show, the room sounds). One
 * `<audio>` element per remote stream, in a container the room puts in the page; the chosen speaker applies to
 * all of them. Where the browser blocks playback with sound until a user gesture (iOS Safari), `blocked` says
 * so and `resume()` (called from a click) plays them.
 */
import type { StreamManager } from 'openvidu-browser';

interface Player {
  readonly element: HTMLAudioElement;
  readonly stop: () => void;
}

export class RemoteAudio {
  private readonly players = new Map<string, Player>();
  private sinkId = '';
  private blockedValue = false;

  constructor(
    private readonly container: HTMLElement | undefined,
    private readonly onChange: () => void,
  ) {}

  get blocked(): boolean {
    return this.blockedValue;
  }

  /** Plays the stream manager's audio under `key` (a stream id), following it as openvidu-browser replaces its media. */
  add(key: string, streamManager: StreamManager): void {
    if (this.players.has(key)) return;
    const element = document.createElement('audio');
    element.autoplay = true;
    element.dataset.stream = key;
    if (this.sinkId) void this.applySink(element);
    this.container?.append(element);
    const stream = streamManager.stream;
    const update = () => {
      const media = stream.getMediaStream?.() ?? null;
      if (element.srcObject !== media) element.srcObject = media;
      if (media) this.play(element);
    };
    // openvidu-browser gives a subscriber its MediaStream once the peer connection is up, and a new one on every
    // reconnection, announcing it on the stream's internal emitter.
    stream.ee.on('mediastream-updated', update);
    update();
    this.players.set(key, {
      element,
      stop: () => {
        stream.ee.off('mediastream-updated', update);
        element.srcObject = null;
        element.remove();
      },
    });
  }

  remove(key: string): void {
    this.players.get(key)?.stop();
    this.players.delete(key);
    if (this.players.size === 0 && this.blockedValue) this.setBlocked(false);
  }

  clear(): void {
    for (const key of [...this.players.keys()]) this.remove(key);
  }

  /** Sends every stream's sound to the speaker `deviceId` ('' for the default). Rejects when the browser refuses it. */
  async setSpeaker(deviceId: string): Promise<void> {
    const previous = this.sinkId;
    this.sinkId = deviceId;
    try {
      await Promise.all([...this.players.values()].map((player) => this.applySink(player.element)));
    } catch (error) {
      // Refused: the sound stays where it was, for those who join later too.
      if (this.sinkId === deviceId) this.sinkId = previous;
      await Promise.all([...this.players.values()].map((player) => this.applySink(player.element).catch(() => undefined)));
      throw error;
    }
  }

  /** Plays what the browser blocked; call it from a user gesture. */
  resume(): void {
    for (const player of this.players.values()) this.play(player.element);
  }

  private applySink(element: HTMLAudioElement): Promise<void> {
    const withSink = element as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    return withSink.setSinkId ? withSink.setSinkId(this.sinkId) : Promise.resolve();
  }

  private play(element: HTMLAudioElement): void {
    element.play().then(
      () => this.blockedValue && [...this.players.values()].every((p) => !p.element.paused) && this.setBlocked(false),
      (error: unknown) => {
        if ((error as DOMException)?.name === 'NotAllowedError') this.setBlocked(true);
      },
    );
  }

  private setBlocked(blocked: boolean): void {
    this.blockedValue = blocked;
    this.onChange();
  }
}
