import { UserErrorCode } from '../../domain/user-error-codes.js';
import { userFailure, type UserFailure } from '../../domain/user-failure.js';

export const KEY_REUSED: UserFailure = userFailure(
  UserErrorCode.IDEMPOTENCY_KEY_REUSED,
  'This idempotency key was already used with a different request',
  ['input', 'idempotencyKey'],
);

/** A replayed request whose first call could not reach the provider: nothing moved; retry with a new key. */
export function notSentOnFirstCall(provider: string): UserFailure {
  return userFailure(
    UserErrorCode.PROVIDER_UNAVAILABLE,
    `${provider} could not be reached when this request was first made; nothing was moved. Retry with a new idempotency key.`,
  );
}
