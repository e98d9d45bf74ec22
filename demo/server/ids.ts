// Identifiers in OpenVidu's formats: ses_…, con_…, tok_…, str_CAM_xxxx_con_… (OPENVIDU.md §3.1).
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALPHABETIC = ALPHANUMERIC.slice(0, 52);

export function randomString(length: number, alphabet = ALPHANUMERIC): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

export const newSessionId = (): string => `ses_${randomString(10)}`;
export const newConnectionId = (): string => `con_${randomString(1, ALPHABETIC).toUpperCase()}${randomString(9)}`;
export const newToken = (): string => `tok_${randomString(1, ALPHABETIC).toUpperCase()}${randomString(15)}`;
export const newRpcSessionId = (): string => randomUUID();

const STREAM_TYPES: Record<string, string> = { CAMERA: 'CAM', SCREEN: 'SCR', CUSTOM: 'CUS' };

export function newStreamId(connectionId: string, typeOfVideo: string | undefined): string {
  const type = typeOfVideo ? (STREAM_TYPES[typeOfVideo] ?? 'CUS') : 'MIC';
  return `str_${type}_${randomString(4)}_${connectionId}`;
}

/** The publisher's connection id inside a stream id, as openvidu-server parses it. */
export function connectionIdOfStream(streamId: string): string {
  const at = streamId.lastIndexOf('con_');
  return at < 0 ? streamId : streamId.slice(at);
}

/** customSessionId and other client-chosen ids: OpenVidu accepts [a-zA-Z0-9_-]+. */
export const VALID_CUSTOM_ID = /^[a-zA-Z0-9_-]{1,100}$/;
