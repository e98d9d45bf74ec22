/**
 * The room's chat, in OpenVidu Call's format so that OpenVidu's own apps in the same session read ours and we read
 * theirs (OPENVIDU.md §5): a `chat` signal whose data is `{"message": text, "nickname": name}`, sent to everyone; the
 * sender receives its own too. The last messages are kept (a flood cannot grow the page without bound); OpenVidu
 * Call's `nicknameChanged` signal renames its sender.
 */
import type { Session, SignalEvent } from 'openvidu-browser';
import { OvError } from './errors.js';

/** Longer messages are refused with a clear message, as chat apps do. */
export const CHAT_MAX_LENGTH = 2000;
/** How many messages the room keeps: older ones drop off (a peer flooding the chat cannot freeze the page). */
export const CHAT_HISTORY = 200;

export interface ChatSender {
  readonly connectionId: string;
  /** Stable across the sender's connections; the connection id for clients that send none. */
  readonly participantId: string;
  readonly name: string;
}

export interface ChatMessage {
  /** Unique within the room, for keyed rendering. */
  readonly id: number;
  readonly message: string;
  readonly from: ChatSender;
  /** Sent by this room. */
  readonly local: boolean;
  /** When it arrived, in ms since the epoch. */
  readonly time: number;
}

export interface ChatHost {
  /** Who a connection is (name and participant id); undefined for one the room does not know. */
  readonly senderOf: (connectionId: string) => ChatSender | undefined;
  readonly isOwnConnection: (connectionId: string) => boolean;
  readonly onMessage: (message: ChatMessage) => void;
  readonly onRename: (connectionId: string, name: string) => void;
}

export class Chat {
  private messagesValue: readonly ChatMessage[] = [];
  private counter = 0;
  private detach?: () => void;

  constructor(private readonly host: ChatHost) {}

  get messages(): readonly ChatMessage[] {
    return this.messagesValue;
  }

  /** Starts listening on the camera's session. */
  attach(session: Session): void {
    this.detach?.();
    const onChat = (event: SignalEvent) => this.onChat(event);
    const onRename = (event: SignalEvent) => this.onNicknameChanged(event);
    session.on('signal:chat', onChat);
    session.on('signal:nicknameChanged', onRename);
    this.detach = () => {
      session.off('signal:chat', onChat);
      session.off('signal:nicknameChanged', onRename);
    };
  }

  /** Stops listening; the messages stay until `clear()` (the left room still shows what was said). */
  stop(): void {
    this.detach?.();
    this.detach = undefined;
  }

  clear(): void {
    this.messagesValue = [];
  }

  /** Sends to everyone. Rejects with CHAT_MESSAGE_TOO_LONG or CHAT_NOT_SENT; blank messages are not sent. */
  async send(session: Session, text: string, nickname: string): Promise<void> {
    const message = text.trim();
    if (!message) return;
    if (message.length > CHAT_MAX_LENGTH) throw new OvError('CHAT_MESSAGE_TOO_LONG', { max: CHAT_MAX_LENGTH, length: message.length });
    try {
      await session.signal({ type: 'chat', data: JSON.stringify({ message, nickname }) });
    } catch (error) {
      throw new OvError('CHAT_NOT_SENT', {}, { cause: error });
    }
  }

  private onChat(event: SignalEvent): void {
    const parsed = parse(event.data);
    const text = typeof parsed?.message === 'string' ? parsed.message : undefined;
    if (!text) return; // not OpenVidu Call's chat format: ignored quietly
    const connectionId = event.from?.connectionId ?? '';
    const known = connectionId ? this.host.senderOf(connectionId) : undefined;
    const nickname = typeof parsed?.nickname === 'string' ? parsed.nickname : '';
    const from: ChatSender = known ?? { connectionId, participantId: connectionId, name: nickname };
    const message: ChatMessage = Object.freeze({
      id: ++this.counter,
      message: text.slice(0, CHAT_MAX_LENGTH),
      from: Object.freeze({ ...from, name: from.name || nickname }),
      local: !!connectionId && this.host.isOwnConnection(connectionId),
      time: Date.now(),
    });
    const kept = this.messagesValue.length >= CHAT_HISTORY ? this.messagesValue.slice(-(CHAT_HISTORY - 1)) : this.messagesValue;
    this.messagesValue = Object.freeze([...kept, message]);
    this.host.onMessage(message);
  }

  private onNicknameChanged(event: SignalEvent): void {
    const parsed = parse(event.data);
    const name = typeof parsed?.clientData === 'string' ? parsed.clientData.trim() : '';
    const connectionId = event.from?.connectionId;
    if (name && connectionId && !this.host.isOwnConnection(connectionId)) this.host.onRename(connectionId, name);
  }
}

function parse(data: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data ?? '');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
