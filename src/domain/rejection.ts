/**
 * Why a provider refused a request, in terms every operation understands. Provider mappers turn their
 * provider's refusals into these; one place (operations/rejections.ts) turns them into userErrors.
 */
export enum Rejection {
  /** Refused without a reason we can tell the caller. */
  DECLINED = 'DECLINED',
  /** The end user's own login at the provider was refused. */
  WRONG_CREDENTIALS = 'WRONG_CREDENTIALS',
  /** No account is registered to the number given. */
  NOT_REGISTERED = 'NOT_REGISTERED',
  /** The account (wallet, card …) named does not exist at the provider. */
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  /** The provider refused the phone or mobile number as invalid. */
  INVALID_PHONE = 'INVALID_PHONE',
  /** The provider refused the amount. */
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  /** The provider refused the request's fields without saying which. */
  INVALID_REQUEST = 'INVALID_REQUEST',
  /** The one-time password is wrong. */
  WRONG_OTP = 'WRONG_OTP',
  /** The one-time password expired. */
  OTP_EXPIRED = 'OTP_EXPIRED',
  /** The amount differs from the one the request was made for. */
  AMOUNT_MISMATCH = 'AMOUNT_MISMATCH',
}

const REJECTIONS: ReadonlySet<string> = new Set(Object.values(Rejection));

/** The rejection a recorded failure code names, if it is one. */
export function asRejection(code: string | null | undefined): Rejection | undefined {
  return code && REJECTIONS.has(code) ? (code as Rejection) : undefined;
}
