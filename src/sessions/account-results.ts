import type { UserErrorCode } from '../domain/user-error-codes.js';

/** An expected failure of an account action, in our words: `field` names the input field it concerns. */
export interface AccountUserError {
  code: UserErrorCode;
  message: string;
  field?: string;
}

export type AccountResult<T> = { ok: true; value: T } | { ok: false; userErrors: AccountUserError[] };

export function accountFailure(error: AccountUserError): { ok: false; userErrors: AccountUserError[] } {
  return { ok: false, userErrors: [error] };
}
