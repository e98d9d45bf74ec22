/**
 * Connection metadata in OpenVidu Call's shape, so that our rooms and OpenVidu's own apps (OpenVidu Call, its web
 * component) recognise each other's participants and screens (OPENVIDU.md §5):
 * camera `{clientData: name, participantId, type: 'CAMERA'}`, screen `{clientData: name + '_SCREEN', …, type: 'SCREEN'}`.
 * Reading accepts every shape a real server sends: plain text, JSON, and `client%/%server` when the token carries
 * server data.
 */
export const CONNECTION_TYPES = ['CAMERA', 'SCREEN'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

const SCREEN_SUFFIX = '_SCREEN';

export interface ConnectionIdentity {
  /** The participant's name, '' when the data holds none. */
  readonly name: string;
  /** OpenVidu Call's participant id, undefined for clients that send none (the tutorials). */
  readonly participantId?: string;
  readonly type: ConnectionType;
  /** A pre-call check's test participant (`<ov-diagnostics>`): in the session, but nobody the rooms show. */
  readonly diagnostics: boolean;
}

/** The client data our connections carry. */
export function connectionData(name: string, participantId: string, type: ConnectionType) {
  return { clientData: type === 'SCREEN' ? `${name}${SCREEN_SUFFIX}` : name, participantId, type };
}

/**
 * The client data of `<ov-diagnostics>`'s test participant: a camera connection (so OpenVidu's own apps read it) with
 * a `diagnostics` flag that our rooms read to leave it out of their participants and tiles.
 */
export function diagnosticsConnectionData(participantId: string) {
  return { clientData: 'openvidu-elements diagnostics', participantId, type: 'CAMERA' as const, diagnostics: true };
}

/** Who a connection belongs to, from its `data` (client data, then server data, joined by "%/%"). */
export function readConnectionData(data: string | undefined): ConnectionIdentity {
  let name = '';
  let participantId: string | undefined;
  let type: ConnectionType | undefined;
  let diagnostics = false;
  for (const part of (data ?? '').split('%/%')) {
    const fields = parsePart(part.trim());
    name ||= fields.name ?? '';
    participantId ??= fields.participantId;
    type ??= fields.type;
    diagnostics ||= !!fields.diagnostics;
  }
  const resolvedType = type ?? 'CAMERA';
  if (resolvedType === 'SCREEN' && name.endsWith(SCREEN_SUFFIX)) name = name.slice(0, -SCREEN_SUFFIX.length);
  return { name, participantId, type: resolvedType, diagnostics };
}

/** The participant's name from connection data (kept for apps that used it before `readConnectionData`). */
export function participantNameFromData(data: string | undefined): string {
  return readConnectionData(data).name;
}

const NAME_FIELDS = ['clientData', 'participantName', 'nickname', 'name', 'username', 'userName'];

function parsePart(part: string): { name?: string; participantId?: string; type?: ConnectionType; diagnostics?: boolean } {
  if (!part) return {};
  let value: unknown;
  try {
    value = JSON.parse(part);
  } catch {
    return { name: part };
  }
  if (typeof value === 'string') return { name: value };
  if (!value || typeof value !== 'object') return {};
  const record = value as Record<string, unknown>;
  const name = NAME_FIELDS.map((field) => record[field]).find((candidate): candidate is string => typeof candidate === 'string' && !!candidate);
  const participantId = typeof record.participantId === 'string' && record.participantId ? record.participantId : undefined;
  const type = (CONNECTION_TYPES as readonly unknown[]).includes(record.type) ? (record.type as ConnectionType) : undefined;
  return { name, participantId, type, diagnostics: record.diagnostics === true };
}
