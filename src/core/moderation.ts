/**
 * What a MODERATOR token may do to others (OpenVidu 2): remove a participant (force disconnect of each of its
 * connections, camera and screen alike) and stop one of its streams (force unpublish). OpenVidu 2 has no remote
 * mute: nobody is offered one.
 */
import type { Session } from 'openvidu-browser';
import { OvError, toOvError } from './errors.js';

export async function removeConnections(session: Session, connectionIds: readonly string[]): Promise<void> {
  try {
    // openvidu-browser reads only the ids of what it is given.
    await Promise.all(connectionIds.map((connectionId) => session.forceDisconnect({ connectionId } as Parameters<Session['forceDisconnect']>[0])));
  } catch (error) {
    throw moderationError(error);
  }
}

export async function stopStream(session: Session, streamId: string): Promise<void> {
  try {
    await session.forceUnpublish({ streamId } as Parameters<Session['forceUnpublish']>[0]);
  } catch (error) {
    throw moderationError(error);
  }
}

function moderationError(error: unknown): OvError {
  const mapped = toOvError(error, 'MODERATION_FAILED');
  return mapped.code === 'PUBLISH_NOT_ALLOWED' ? new OvError('MODERATION_NOT_ALLOWED', {}, { cause: error }) : mapped;
}
