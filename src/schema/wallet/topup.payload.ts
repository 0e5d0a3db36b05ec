import { TransactionStatus } from '../../domain/transaction.js';
import type { MoneyMovementResult } from '../../operations/executor/money-movements.js';
import { userErrorForRejection } from '../../providers/digipay/digipay.mapper.js';
import { UserError } from '../common/user-error.type.js';
import { moneyMovementPayload } from '../transaction/money-movement.payload.js';
import { TransactionPayload } from '../transaction/transaction.payload.js';
import { Transaction } from '../transaction/transaction.type.js';

/** Like moneyMovementPayload, but a DigiPay refusal names its cause (unknown wallet, refused request …). */
export function topupPayload(result: MoneyMovementResult): TransactionPayload {
  if (result.kind === 'completed') {
    const { transaction } = result;
    if (transaction.status === TransactionStatus.FAILED && transaction.errorCode === 'PROVIDER_REJECTED') {
      return TransactionPayload.of(
        Transaction.fromRecord(transaction),
        [rejectionUserError(transaction.metadata?.rejection)],
        result.replayed,
      );
    }
  }
  return moneyMovementPayload(result);
}

export function rejectionUserError(rejection: unknown): UserError {
  const { code, message, field } = userErrorForRejection(rejection);
  return UserError.of(code, message, field ? ['input', field] : undefined);
}
