/**
 * The error catalog: every failure a page author can meet has a code, a message that names the cause and a
 * remedy that says what to do. Messages live in the i18n catalogs under the same code.
 */
import { message } from './i18n/index.js';

export const OV_ERROR_CODES = [
  // Configuration of <ov-room>
  'NO_TOKEN_SOURCE',
  'NO_SESSION_ID',
  // Getting a token from the application server
  'TOKEN_ENDPOINT_UNREACHABLE',
  'TOKEN_ENDPOINT_BLOCKED_MIXED_CONTENT',
  'TOKEN_ENDPOINT_HTTP_ERROR',
  'TOKEN_ANSWER_WITHOUT_TOKEN',
  'TOKEN_PROVIDER_FAILED',
  'TOKEN_NOT_OPENVIDU',
  'TOKEN_IS_OPENVIDU_3',
  'TOKEN_ALREADY_USED',
  // Connecting to the OpenVidu deployment
  'SERVER_UNREACHABLE',
  'TOKEN_REJECTED',
  'CONNECTION_FAILED',
  'JOIN_TIMED_OUT',
  'CONNECTION_LOST',
  'REJOIN_NEEDS_TOKEN_SOURCE',
  // Camera and microphone
  'DEVICE_ACCESS_DENIED',
  'DEVICE_NOT_FOUND',
  'CAMERA_NOT_FOUND',
  'MICROPHONE_NOT_FOUND',
  'DEVICE_IN_USE',
  'DEVICE_FALLBACK',
  'SPEAKER_UNAVAILABLE',
  'INSECURE_CONTEXT',
  'PUBLISH_NOT_ALLOWED',
  'PUBLISH_FAILED',
  'MEDIA_CONNECTION_FAILED',
  // Sharing the screen
  'SCREEN_SHARE_UNSUPPORTED',
  'SCREEN_SHARE_FAILED',
  // Chat
  'CHAT_MESSAGE_TOO_LONG',
  'CHAT_NOT_SENT',
  // Moderation
  'MODERATION_NOT_ALLOWED',
  'MODERATION_FAILED',
  'CAMERA_STOPPED_BY_MODERATOR',
  'SCREEN_STOPPED_BY_MODERATOR',
  // Found by the pre-call check (<ov-diagnostics>); their texts load with it (i18n/en-diagnostics.ts)
  'BROWSER_UNSUPPORTED',
  'TOKEN_ENDPOINT_CORS',
  'MEDIA_LOOPBACK_FAILED',
  'MEDIA_RELAYED',
  'MEDIA_OVER_TCP',
] as const;
export type OvErrorCode = (typeof OV_ERROR_CODES)[number];

/** Notices that `retryPublishing` may cure: the camera and microphone can be asked for again. */
export const MEDIA_NOTICES: readonly OvErrorCode[] = ['DEVICE_ACCESS_DENIED', 'DEVICE_NOT_FOUND', 'DEVICE_IN_USE', 'PUBLISH_FAILED'];

/** What an `ov-error` event carries and the error view shows. */
export interface OvErrorDetail {
  readonly code: OvErrorCode;
  readonly message: string;
  readonly remedy: string;
  /** False when the room goes on (for example it joined without a camera). */
  readonly fatal: boolean;
  /** Extra facts for the message (the URL, the HTTP status …), also useful to apps that log errors. */
  readonly details: Readonly<Record<string, string | number>>;
}

/** An error with a catalog code. `details` fill the message templates. */
export class OvError extends Error {
  override readonly name = 'OvError';
  constructor(
    readonly code: OvErrorCode,
    readonly details: Readonly<Record<string, string | number>> = {},
    options?: { cause?: unknown },
  ) {
    super(message(`error.${code}.message`, details, 'en'), options);
  }

  /** The localized, serializable description for events and the error view. */
  toDetail(lang?: string, fatal = true): OvErrorDetail {
    return {
      code: this.code,
      message: message(`error.${this.code}.message`, this.details, lang),
      remedy: message(`error.${this.code}.remedy`, this.details, lang),
      fatal,
      details: this.details,
    };
  }
}

export const isOvError = (error: unknown): error is OvError => error instanceof OvError;

/**
 * A readable reason from anything thrown: an Error, openvidu-browser's OpenViduError and RPC errors (objects with
 * a `message`, not Errors), or text.
 */
export function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  if (typeof message === 'string' && message) return message;
  if (error instanceof Error) return error.name;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Maps openvidu-browser's and the browser's media errors (OpenViduError names, DOMException names) to the catalog. */
export function toOvError(error: unknown, fallback: OvErrorCode): OvError {
  if (isOvError(error)) return error;
  const name = (error as { name?: string } | undefined)?.name ?? '';
  const reason = describeError(error);
  const code: OvErrorCode =
    name === 'DEVICE_ACCESS_DENIED' || name === 'NotAllowedError'
      ? 'DEVICE_ACCESS_DENIED'
      : name === 'DEVICE_ALREADY_IN_USE' || name === 'NotReadableError' || name === 'AbortError'
        ? 'DEVICE_IN_USE'
        : name === 'OPENVIDU_PERMISSION_DENIED'
          ? 'PUBLISH_NOT_ALLOWED'
          : name === 'INPUT_VIDEO_DEVICE_NOT_FOUND'
            ? 'CAMERA_NOT_FOUND'
            : name === 'INPUT_AUDIO_DEVICE_NOT_FOUND'
              ? 'MICROPHONE_NOT_FOUND'
              : name.startsWith('INPUT_') || name === 'NO_INPUT_SOURCE_SET' || name === 'NotFoundError' || name === 'OverconstrainedError'
                ? 'DEVICE_NOT_FOUND'
                : fallback;
  return new OvError(code, { reason }, { cause: error });
}
