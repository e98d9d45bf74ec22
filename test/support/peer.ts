// A room in a second browser (Chromium or Firefox), driven from Node by peerBrowserPlugin (wtr-plugins.mjs): a test in
// one engine calls a room in the other and reads what that room shows.
import { executeServerCommand } from '@web/test-runner-commands';
import type { ReceivedAudio } from './received-audio.js';

export interface PeerTile {
  name: string;
  label: string;
  videoWidth: number;
  playing: boolean;
  speaking: boolean;
}

export interface PeerView {
  userAgent: string;
  status: string;
  tiles: PeerTile[];
  receivedAudio: ReceivedAudio[];
  liveTracks: number;
}

export class PeerRoom {
  private constructor(
    readonly peerId: string,
    readonly name: string,
  ) {}

  static async open(browser: 'chromium' | 'firefox', sessionId: string, name: string): Promise<PeerRoom> {
    const { peerId } = (await executeServerCommand('ov-peer', { action: 'open', browser, sessionId, name })) as { peerId: string };
    return new PeerRoom(peerId, name);
  }

  view(): Promise<PeerView> {
    return executeServerCommand('ov-peer', { action: 'view', peerId: this.peerId }) as Promise<PeerView>;
  }

  tile(view: PeerView, name: string): PeerTile | undefined {
    return view.tiles.find((tile) => tile.name === name);
  }

  /** Waits until what the peer's page shows satisfies `check`; `what` names it in the timeout message. */
  async shows(what: string, check: (view: PeerView) => boolean, timeout = 20000): Promise<PeerView> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const view = await this.view();
      if (check(view)) return view;
      if (Date.now() > deadline) throw new Error(`${this.name} never showed ${what} within ${timeout} ms; it showed ${JSON.stringify(view)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async call(method: 'toggleMicrophone' | 'toggleCamera' | 'leave'): Promise<void> {
    await executeServerCommand('ov-peer', { action: 'call', peerId: this.peerId, method });
  }

  static async closeAll(): Promise<void> {
    await executeServerCommand('ov-peer', { action: 'close-all' });
  }
}
