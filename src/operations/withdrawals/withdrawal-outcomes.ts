import { toGlobalId } from '../../domain/global-id.js';
import { PROVIDER_NAMES } from '../../domain/provider.js';
import { asRejection, Rejection } from '../../domain/rejection.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { userFailure, type UserFailure } from '../../domain/user-failure.js';
import { WithdrawalStatus, type WithdrawalRecord } from '../../domain/withdrawal.js';
import type { ExecutionResult } from '../executor/idempotent-executor.js';
import { KEY_REUSED, notSentOnFirstCall } from '../outcomes/common-failures.js';
import { rejectionFailure } from '../outcomes/rejections.js';
import { isSystemFailureCode, systemFailureFor } from '../outcomes/system-failures.js';

/** What a withdrawal mutation answers: the withdrawal as recorded, the userErrors, and whether it replays. */
export interface WithdrawalOutcome {
  withdrawal: WithdrawalRecord | null;
  userErrors: UserFailure[];
  replayed: boolean;
}

export function refusedWithdrawal(userErrors: UserFailure[]): WithdrawalOutcome {
  return { withdrawal: null, userErrors, replayed: false };
}

export const WITHDRAWAL_NOT_FOUND = userFailure(
  UserErrorCode.NOT_FOUND,
  'No withdrawal with this id is visible to you',
  ['input', 'withdrawalId'],
);

const CASH_OUT_FIELDS = {
  [Rejection.WRONG_OTP]: 'otp',
  [Rejection.OTP_EXPIRED]: 'otp',
  [Rejection.AMOUNT_MISMATCH]: 'amount',
};

/**
 * The answer to requestCardlessWithdrawal, derived from the recorded withdrawal (so replays answer alike);
 * the call that found the provider unreachable fails as a system failure, its replays answer normally.
 */
export function requestOutcome(result: ExecutionResult<WithdrawalRecord>): WithdrawalOutcome {
  if (result.kind === 'key-reused') return refusedWithdrawal([KEY_REUSED]);
  if (result.kind === 'not-open') throw new Error('a new withdrawal cannot be refused its claim');
  const { resource: withdrawal, replayed, failure } = result;
  if (failure && !failure.maybeSent) throw systemFailure(failure.code, withdrawal);
  const userErrors: UserFailure[] = [];
  if (withdrawal.status === WithdrawalStatus.FAILED && withdrawal.errorCode) {
    if (isSystemFailureCode(withdrawal.errorCode))
      userErrors.push(notSentOnFirstCall(PROVIDER_NAMES[withdrawal.provider]));
    else {
      const rejection = asRejection(withdrawal.errorCode);
      if (rejection) userErrors.push(rejectionFailure(rejection, withdrawal.provider, {}));
    }
  }
  return { withdrawal, userErrors, replayed };
}

/** The answer to completeCashWithdrawal: from the attempt this key recorded, however often it is replayed. */
export function cashOutOutcome(
  result: ExecutionResult<WithdrawalRecord>,
  idempotencyKey: string,
): WithdrawalOutcome {
  if (result.kind === 'key-reused') return refusedWithdrawal([KEY_REUSED]);
  if (result.kind === 'not-open') {
    const withdrawal = result.resource;
    if (!withdrawal) return refusedWithdrawal([WITHDRAWAL_NOT_FOUND]);
    const state = withdrawal.cashOutState ? `, cash-out ${withdrawal.cashOutState}` : '';
    return {
      withdrawal,
      userErrors: [
        userFailure(
          UserErrorCode.DECLINED,
          `The withdrawal is not awaiting a cash-out (it is ${withdrawal.status}${state})`,
          ['input', 'withdrawalId'],
        ),
      ],
      replayed: false,
    };
  }
  const { resource: withdrawal, replayed, failure } = result;
  if (failure && !failure.maybeSent) throw systemFailure(failure.code, withdrawal);
  return { withdrawal, userErrors: attemptFailures(withdrawal, idempotencyKey), replayed };
}

function attemptFailures(withdrawal: WithdrawalRecord, idempotencyKey: string): UserFailure[] {
  const attempt = withdrawal.cashOut;
  // A later attempt (another key) can only follow one that did not pay.
  if (attempt?.idempotencyKey !== idempotencyKey)
    return [rejectionFailure(Rejection.DECLINED, withdrawal.provider, {})];
  switch (withdrawal.cashOutState) {
    case 'DECLINED':
      return [
        rejectionFailure(
          asRejection(attempt.failure) ?? Rejection.DECLINED,
          withdrawal.provider,
          CASH_OUT_FIELDS,
        ),
      ];
    case 'NOT_PAID':
      return isSystemFailureCode(attempt.failure)
        ? [notSentOnFirstCall(PROVIDER_NAMES[withdrawal.provider])]
        : [];
    case 'MISMATCHED':
      return [
        userFailure(
          UserErrorCode.WRONG_OTP,
          'The provider paid out another withdrawal against this OTP; this one was not paid',
          ['input', 'otp'],
        ),
      ];
    default:
      return [];
  }
}

function systemFailure(code: string, withdrawal: WithdrawalRecord) {
  return systemFailureFor(code, withdrawal.provider, {
    withdrawalId: toGlobalId('Withdrawal', withdrawal.id),
  });
}
