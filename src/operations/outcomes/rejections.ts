import { PROVIDER_NAMES, type Provider } from '../../domain/provider.js';
import { Rejection } from '../../domain/rejection.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { userFailure, type UserFailure } from '../../domain/user-failure.js';

/** Which input field each rejection concerns, for one operation (e.g. WRONG_CREDENTIALS → 'nupeyePassword'). */
export type RejectionFields = Partial<Record<Rejection, string>>;

const FAILURES: Readonly<Record<Rejection, { code: UserErrorCode; message: (provider: string) => string }>> =
  {
    [Rejection.DECLINED]: { code: UserErrorCode.DECLINED, message: (p) => `${p} declined the request` },
    [Rejection.WRONG_CREDENTIALS]: {
      code: UserErrorCode.WRONG_PASSWORD,
      message: (p) => `${p} did not accept this user name and password`,
    },
    [Rejection.NOT_REGISTERED]: {
      code: UserErrorCode.NOT_REGISTERED,
      message: (p) => `No ${p} account is registered to this number`,
    },
    [Rejection.ACCOUNT_NOT_FOUND]: {
      code: UserErrorCode.NOT_FOUND,
      message: (p) => `${p} knows no account with this id`,
    },
    [Rejection.INVALID_PHONE]: {
      code: UserErrorCode.INVALID_PHONE,
      message: (p) => `${p} did not accept this phone number`,
    },
    [Rejection.INVALID_AMOUNT]: {
      code: UserErrorCode.INVALID_AMOUNT,
      message: (p) => `${p} did not accept this amount`,
    },
    [Rejection.INVALID_REQUEST]: {
      code: UserErrorCode.INVALID_INPUT,
      message: (p) => `${p} did not accept the fields of this request`,
    },
    [Rejection.WRONG_OTP]: { code: UserErrorCode.WRONG_OTP, message: () => 'The OTP is wrong' },
    [Rejection.OTP_EXPIRED]: { code: UserErrorCode.DECLINED, message: () => 'The OTP has expired' },
    [Rejection.AMOUNT_MISMATCH]: {
      code: UserErrorCode.INVALID_AMOUNT,
      message: () => 'The amount differs from the requested amount',
    },
  };

/**
 * The one place a provider's refusal becomes a userError: the same code and message for every provider,
 * naming the input field the operation says it concerns. Never the provider's own text.
 */
export function rejectionFailure(
  rejection: Rejection,
  provider: Provider,
  fields: RejectionFields,
): UserFailure {
  const { code, message } = FAILURES[rejection];
  const field = fields[rejection];
  return userFailure(code, message(PROVIDER_NAMES[provider]), field ? ['input', field] : undefined);
}
