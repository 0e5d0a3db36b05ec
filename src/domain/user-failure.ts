import type { UserErrorCode } from './user-error-codes.js';

/**
 * An expected business failure, as an operation reports it: the schema shows it as a `UserError`.
 * `field` is the path of the input field at fault, e.g. ['input', 'amount'].
 */
export interface UserFailure {
  code: UserErrorCode;
  message: string;
  field?: readonly string[];
}

export function userFailure(code: UserErrorCode, message: string, field?: readonly string[]): UserFailure {
  return field ? { code, message, field } : { code, message };
}
