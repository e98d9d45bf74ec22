/**
 * Who is in the room: participants keyed by their participant id (OpenVidu Call's metadata field, ours too; the
 * connection id for clients that send none), each with a camera connection and, while sharing, a screen
 * connection. The screen of a participant is never a participant of its own.
 */
import type { StreamManager } from 'openvidu-browser';
import { readConnectionData, type ConnectionType } from './connection-data.js';

export interface StreamSlot {
  readonly connectionId: string;
  streamManager?: StreamManager;
}

export interface Member {
  readonly participantId: string;
  name: string;
  readonly isLocal: boolean;
  camera?: StreamSlot;
  screen?: StreamSlot;
  speaking: boolean;
  /** When it was first seen, for a stable order. */
  readonly order: number;
  /** Lost with the session while the room rejoins: kept (tile and all) until it is back or the wait is over. */
  away?: boolean;
}

export class Roster {
  private readonly members = new Map<string, Member>();
  private readonly connections = new Map<string, { readonly member: Member; readonly type: ConnectionType }>();
  private counter = 0;

  get size(): number {
    return this.members.size;
  }

  /** The local participant first, then the others in the order they came. */
  list(): Member[] {
    return [...this.members.values()].sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.order - b.order);
  }

  get(participantId: string): Member | undefined {
    return this.members.get(participantId);
  }

  local(): Member | undefined {
    for (const member of this.members.values()) if (member.isLocal) return member;
    return undefined;
  }

  byConnection(connectionId: string): { readonly member: Member; readonly type: ConnectionType } | undefined {
    return this.connections.get(connectionId);
  }

  addLocal(participantId: string, name: string, cameraConnectionId: string): Member {
    const member = this.create(participantId, name, true);
    member.camera = { connectionId: cameraConnectionId };
    this.connections.set(cameraConnectionId, { member, type: 'CAMERA' });
    return member;
  }

  /**
   * Adds a remote connection; `isNew` when it is the participant's first. A pre-call check's test participant
   * (`<ov-diagnostics>`, marked in its connection data) is nobody: undefined, and it is neither listed nor subscribed.
   */
  addConnection(connectionId: string, data: string | undefined): { member: Member; type: ConnectionType; isNew: boolean } | undefined {
    const known = this.connections.get(connectionId);
    if (known) return { ...known, isNew: false };
    const identity = readConnectionData(data);
    if (identity.diagnostics) return undefined;
    const participantId = identity.participantId ?? connectionId;
    let member = this.members.get(participantId);
    // Someone who was there before the session was lost and rejoined is simply back.
    const isNew = !member;
    if (member) member.away = false;
    member ??= this.create(participantId, identity.name, false);
    // The camera connection's name wins; a screen that came first lends its own until then.
    if (identity.type === 'CAMERA' && identity.name) member.name = identity.name;
    member[identity.type === 'SCREEN' ? 'screen' : 'camera'] = { connectionId };
    this.connections.set(connectionId, { member, type: identity.type });
    return { member, type: identity.type, isNew };
  }

  /** Removes a connection; `gone` when the participant has none left. */
  removeConnection(connectionId: string): { member: Member; type: ConnectionType; gone: boolean } | undefined {
    const known = this.connections.get(connectionId);
    if (!known) return undefined;
    this.connections.delete(connectionId);
    const { member, type } = known;
    if (type === 'SCREEN' && member.screen?.connectionId === connectionId) member.screen = undefined;
    if (type === 'CAMERA' && member.camera?.connectionId === connectionId) member.camera = undefined;
    const gone = !member.camera && !member.screen;
    if (gone) this.members.delete(member.participantId);
    return { member, type, gone };
  }

  clear(): void {
    this.members.clear();
    this.connections.clear();
  }

  /**
   * The session was lost and the room rejoins: every connection id is gone, but the people are kept, the others
   * marked away until they are back (matched by participant id). Returns the stream managers to let go.
   */
  forgetConnections(): import('openvidu-browser').StreamManager[] {
    const released = [];
    for (const member of this.members.values()) {
      for (const slot of [member.camera, member.screen]) if (slot?.streamManager) released.push(slot.streamManager);
      member.screen = undefined;
      if (member.isLocal) {
        if (member.camera) member.camera.streamManager = undefined;
      } else {
        member.camera = undefined;
        member.away = true;
        member.speaking = false;
      }
    }
    for (const [connectionId, known] of this.connections) if (!known.member.isLocal) this.connections.delete(connectionId);
    return released;
  }

  /** The local participant's camera connection after a rejoin. */
  moveLocal(cameraConnectionId: string): void {
    const local = this.local();
    if (!local) return;
    for (const [connectionId, known] of this.connections) if (known.member === local) this.connections.delete(connectionId);
    local.camera = { connectionId: cameraConnectionId };
    this.connections.set(cameraConnectionId, { member: local, type: 'CAMERA' });
  }

  /** Those who did not come back: removed, and returned so that their leaving can be told. */
  dropAway(): Member[] {
    const gone = [...this.members.values()].filter((member) => member.away);
    for (const member of gone) this.members.delete(member.participantId);
    return gone;
  }

  private create(participantId: string, name: string, isLocal: boolean): Member {
    const member: Member = { participantId, name, isLocal, speaking: false, order: this.counter++ };
    this.members.set(participantId, member);
    return member;
  }
}
