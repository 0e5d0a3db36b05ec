/** DigiPay's answer envelope: `{success, error, data}`; a failure carries `success: 0`, whatever the status. */
export interface SandboxEnvelope {
  success: 0 | 1;
  error: number[];
  data: Record<string, unknown>;
}

/** A failure the simulator answers, with the HTTP status DigiPay uses for it. */
export interface SandboxFailure {
  status: 200 | 400 | 401 | 403 | 404 | 500;
  /** The numeric code put in the envelope's `error` array. */
  code: number;
  message: string;
}

export const SANDBOX_FAILURES = {
  badRequest: { status: 400, code: 1, message: 'BAD_REQUEST' },
  invalidToken: { status: 401, code: 2, message: 'INVALID_TOKEN' },
  invalidCompany: { status: 403, code: 3, message: 'INVALID_COMPANY' },
  walletNotFound: { status: 404, code: 4, message: 'WALLET_NOT_FOUND' },
  walletBlocked: { status: 200, code: 5, message: 'WALLET_BLOCKED' },
  limitExceeded: { status: 200, code: 6, message: 'TXN_LIMIT_EXCEEDED' },
  invalidTxnCode: { status: 200, code: 7, message: 'INVALID_TXN_CODE' },
  invalidPaymentMode: { status: 200, code: 8, message: 'INVALID_PAYMENT_MODE' },
} as const satisfies Record<string, SandboxFailure>;

export function successEnvelope(data: Record<string, unknown>): SandboxEnvelope {
  return { success: 1, error: [], data };
}

export function failureEnvelope(failure: Pick<SandboxFailure, 'code' | 'message'>): SandboxEnvelope {
  return { success: 0, error: [failure.code], data: { message: failure.message } };
}
