import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import { TransactionStatus } from '../../domain/transaction.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import type { MoneyMovementResult } from '../../operations/executor/money-movements.js';
import { UserError } from '../common/user-error.type.js';
import { TransactionPayload } from './transaction.payload.js';
import { Transaction } from './transaction.type.js';

/** Failures of the system rather than of the request: the client sees them as GraphQL errors. */
const SYSTEM_FAILURES: Record<string, SystemErrorCode> = {
  PROVIDER_UNAVAILABLE: SystemErrorCode.PROVIDER_UNAVAILABLE,
  PROVIDER_TIMEOUT: SystemErrorCode.PROVIDER_TIMEOUT,
  PROVIDER_AUTH_FAILED: SystemErrorCode.PROVIDER_AUTH_FAILED,
  PROVIDER_BAD_RESPONSE: SystemErrorCode.PROVIDER_BAD_RESPONSE,
  PROVIDER_NOT_CONFIGURED: SystemErrorCode.PROVIDER_NOT_CONFIGURED,
  INTERNAL_SERVER_ERROR: SystemErrorCode.INTERNAL_SERVER_ERROR,
};

/**
 * Turns the result of a money movement into the mutation's payload. Derived from the recorded row, so a
 * replay with the same idempotency key answers exactly as the first call did.
 */
export function moneyMovementPayload(result: MoneyMovementResult): TransactionPayload {
  if (result.kind === 'key-reused') {
    return TransactionPayload.of(null, [
      UserError.of(
        UserErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This idempotency key was already used with a different request',
        ['input', 'idempotencyKey'],
      ),
    ]);
  }
  const { transaction, replayed } = result;
  if (transaction.status === TransactionStatus.FAILED && transaction.errorCode) {
    const systemCode = SYSTEM_FAILURES[transaction.errorCode];
    if (systemCode) {
      throw new GraphQLError(`The provider could not process the request (${transaction.errorCode})`, {
        extensions: {
          code: systemCode,
          provider: transaction.provider,
          transactionId: Transaction.fromRecord(transaction).id,
        },
      });
    }
    return TransactionPayload.of(
      Transaction.fromRecord(transaction),
      [UserError.of(UserErrorCode.DECLINED, `${transaction.provider} declined the transaction`)],
      replayed,
    );
  }
  return TransactionPayload.of(Transaction.fromRecord(transaction), [], replayed);
}
