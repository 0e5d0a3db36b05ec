import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import { WithdrawalStatus } from '../../domain/withdrawal.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import type { CashOutResult } from '../../operations/withdrawals/withdrawal-cash-outs.js';
import type { WithdrawalRecord } from '../../domain/withdrawal.js';
import type { WithdrawalRequestResult } from '../../operations/withdrawals/withdrawal-requests.js';
import { UserError } from '../common/user-error.type.js';
import { WithdrawalPayload } from './withdrawal.payload.js';
import { Withdrawal } from './withdrawal.type.js';

/** Failures of the system rather than of the request: the client sees them as GraphQL errors. */
const SYSTEM_FAILURES: Record<string, SystemErrorCode> = {
  PROVIDER_UNAVAILABLE: SystemErrorCode.PROVIDER_UNAVAILABLE,
  PROVIDER_TIMEOUT: SystemErrorCode.PROVIDER_TIMEOUT,
  PROVIDER_AUTH_FAILED: SystemErrorCode.PROVIDER_AUTH_FAILED,
  PROVIDER_TOKEN_REJECTED: SystemErrorCode.PROVIDER_AUTH_FAILED,
  PROVIDER_BAD_RESPONSE: SystemErrorCode.PROVIDER_BAD_RESPONSE,
  PROVIDER_NOT_CONFIGURED: SystemErrorCode.PROVIDER_NOT_CONFIGURED,
  INTERNAL_SERVER_ERROR: SystemErrorCode.INTERNAL_SERVER_ERROR,
};

const KEY_REUSED = UserError.of(
  UserErrorCode.IDEMPOTENCY_KEY_REUSED,
  'This idempotency key was already used with a different request',
  ['input', 'idempotencyKey'],
);

/** The payload of requestCardlessWithdrawal, derived from the recorded withdrawal (so replays answer alike). */
export function requestPayload(result: WithdrawalRequestResult): WithdrawalPayload {
  if (result.kind === 'key-reused') return WithdrawalPayload.of(null, [KEY_REUSED]);
  const { withdrawal, replayed } = result;
  if (withdrawal.status === WithdrawalStatus.FAILED && withdrawal.errorCode) {
    systemFailure(withdrawal.errorCode, withdrawal);
    if (withdrawal.errorCode === 'PROVIDER_REJECTED') {
      const declined = UserError.of(
        UserErrorCode.DECLINED,
        `${withdrawal.provider} declined the withdrawal request`,
      );
      return WithdrawalPayload.of(fresh(withdrawal), [declined], replayed);
    }
  }
  // Anything else (requested, unknown, or settled later by NCHL) is told by the withdrawal itself.
  return WithdrawalPayload.of(fresh(withdrawal), [], replayed);
}

/** The payload of completeCashWithdrawal. */
export function cashOutPayload(result: CashOutResult): WithdrawalPayload {
  switch (result.kind) {
    case 'key-reused':
      return WithdrawalPayload.of(null, [KEY_REUSED]);
    case 'not-found':
      return WithdrawalPayload.of(null, [notFound()]);
    case 'not-open':
      return WithdrawalPayload.of(fresh(result.withdrawal), [
        UserError.of(
          UserErrorCode.DECLINED,
          `The withdrawal is not awaiting a cash-out (it is ${result.withdrawal.status}${
            result.withdrawal.cashOutState ? `, cash-out ${result.withdrawal.cashOutState}` : ''
          })`,
          ['input', 'withdrawalId'],
        ),
      ]);
    case 'failed':
      systemFailure(result.code, result.withdrawal);
      return WithdrawalPayload.of(fresh(result.withdrawal), [], result.replayed);
    case 'declined':
      return WithdrawalPayload.of(fresh(result.withdrawal), [declined(result.reason)], result.replayed);
    case 'paid':
    case 'unknown':
      return WithdrawalPayload.of(fresh(result.withdrawal), [], result.replayed);
  }
}

export function notFound(): UserError {
  return UserError.of(UserErrorCode.NOT_FOUND, 'No withdrawal with this id is visible to you', [
    'input',
    'withdrawalId',
  ]);
}

function declined(reason: string): UserError {
  switch (reason) {
    case 'WRONG_OTP':
      return UserError.of(UserErrorCode.WRONG_OTP, 'The OTP is wrong', ['input', 'otp']);
    case 'EXPIRED':
      return UserError.of(UserErrorCode.DECLINED, 'The OTP has expired', ['input', 'otp']);
    case 'AMOUNT_MISMATCH':
      return UserError.of(UserErrorCode.INVALID_AMOUNT, 'The amount differs from the requested amount', [
        'input',
        'amount',
      ]);
    default:
      return UserError.of(UserErrorCode.DECLINED, 'The provider declined the cash-out');
  }
}

function systemFailure(code: string, withdrawal: WithdrawalRecord): void {
  const systemCode = SYSTEM_FAILURES[code];
  if (!systemCode) return;
  throw new GraphQLError(`The provider could not process the request (${code})`, {
    extensions: { code: systemCode, provider: withdrawal.provider, withdrawalId: fresh(withdrawal).id },
  });
}

/** Just written: no need to ask the provider again while the payload is resolved. */
function fresh(withdrawal: WithdrawalRecord): Withdrawal {
  return Withdrawal.fromRecord(withdrawal, { refreshable: false });
}
