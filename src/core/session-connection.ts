/**
 * One connection to an OpenVidu session: an openvidu-browser `Session` joined with one token. The camera and the
 * screen share are each one of these (OpenVidu 2 publishes one stream per connection). It knows how joining fails
 * (an unreachable server, a rejected token), keeps track of its listeners, and releases everything on `close()`.
 */
import type { OpenVidu, Publisher, Session, SessionEventMap } from 'openvidu-browser';
import { OvError, describeError, isOvError } from './errors.js';

export class SessionConnection {
  readonly session: Session;
  private listeners: Array<() => void> = [];
  private connected = false;
  private reconnecting = false;

  /** `openvidu` comes from `createOpenVidu()`: its session (which the lobby's publisher knows) is the one joined. */
  constructor(readonly openvidu: OpenVidu) {
    this.session = openvidu.session ?? openvidu.initSession();
    this.on('reconnecting', () => (this.reconnecting = true));
    this.on('reconnected', () => (this.reconnecting = false));
  }

  get connectionId(): string {
    return this.session.connection?.connectionId ?? '';
  }

  /** The token's role (`PUBLISHER`, `SUBSCRIBER`, `MODERATOR`), known once connected. */
  get role(): string | undefined {
    return (this.session.connection as { role?: string } | undefined)?.role;
  }

  on<K extends keyof SessionEventMap>(type: K, handler: (event: SessionEventMap[K]) => void): void {
    this.session.on(type, handler);
    this.listeners.push(() => this.session.off(type, handler));
  }

  /** Joins with `token`, the connection carrying `metadata` as its client data. */
  connect(token: string, metadata: object): Promise<void> {
    const server = new URL(token);
    const serverDetails = { server: `${server.protocol}//${server.host}`, httpServer: `${server.protocol === 'wss:' ? 'https' : 'http'}://${server.host}` };
    return new Promise<void>((resolve, reject) => {
      // openvidu-browser never settles connect() when the first WebSocket fails: it starts reconnecting instead.
      const unreachable = () => {
        this.session.off('reconnecting', unreachable);
        reject(new OvError('SERVER_UNREACHABLE', serverDetails));
      };
      this.session.on('reconnecting', unreachable);
      this.session.connect(token, metadata).then(
        () => {
          this.session.off('reconnecting', unreachable);
          this.connected = true;
          this.reconnecting = false;
          resolve();
        },
        (error: unknown) => {
          this.session.off('reconnecting', unreachable);
          reject(joinRoomError(error));
        },
      );
    });
  }

  publish(publisher: Publisher): Promise<void> {
    return this.session.publish(publisher);
  }

  /** Leaves the session and closes the socket; the connection cannot be used again. */
  close(): void {
    for (const removeListener of this.listeners) removeListener();
    this.listeners = [];
    try {
      // leaveRoom only when the socket is open; while reconnecting, leave without it (forced), which closes the
      // socket, stops the publisher and closes every peer connection all the same.
      if (this.connected && !this.reconnecting) this.session.disconnect();
      else if (this.connected) this.session.leave(true, 'networkDisconnect');
    } catch {
      // nothing more to say to a server that is gone
    }
    try {
      this.openvidu.closeWs();
    } catch {
      // a WebSocket that was never opened has nothing to close
    }
    this.connected = false;
  }
}

/** What the OpenVidu server's joinRoom error means (see OPENVIDU.md §3.2 for the codes). */
function joinRoomError(error: unknown): OvError {
  if (isOvError(error)) return error;
  const code = (error as { code?: number } | undefined)?.code;
  const reason = describeError(error);
  if (code === 401) return new OvError('TOKEN_REJECTED', { reason }, { cause: error });
  return new OvError('CONNECTION_FAILED', { reason }, { cause: error });
}
