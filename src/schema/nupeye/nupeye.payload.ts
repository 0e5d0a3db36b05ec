import type { MoneyMovementResult } from '../../operations/executor/money-movements.js';
import { moneyMovementPayload } from '../transaction/money-movement.payload.js';
import { TransactionPayload } from '../transaction/transaction.payload.js';
import { Transaction } from '../transaction/transaction.type.js';
import { recordedRejection, userErrorForRejection } from './nupeye-rejection.js';

/** Like moneyMovementPayload, but a Nupeye refusal names its cause (wrong password, unregistered wallet …). */
export function nupeyePayload(result: MoneyMovementResult): TransactionPayload {
  if (result.kind === 'completed') {
    const rejection = recordedRejection(result.transaction);
    if (rejection !== undefined) {
      return TransactionPayload.of(
        Transaction.fromRecord(result.transaction),
        [userErrorForRejection(rejection)],
        result.replayed,
      );
    }
  }
  return moneyMovementPayload(result);
}
