import { decimalFromWire } from '../../domain/money.js';
import { TransactionStatus } from '../../domain/transaction.js';
import type { NumeroPayPayment } from './numeropay.payment.js';
import type { NumeroPayState, NumeroPayTransaction } from './numeropay.types.js';

/** NumeroPay `state` → our status (our decision; the document only shows 0). */
const STATUS_BY_STATE: ReadonlyMap<NumeroPayState, TransactionStatus> = new Map([
  [0, TransactionStatus.PENDING],
  [1, TransactionStatus.SUCCEEDED],
  [2, TransactionStatus.FAILED],
  [3, TransactionStatus.CANCELLED],
  [4, TransactionStatus.REFUNDED],
]);

/** A state we do not know yet is treated as still open, so it is checked again rather than settled. */
export function statusFromState(state: NumeroPayState): TransactionStatus {
  return STATUS_BY_STATE.get(state) ?? TransactionStatus.PENDING;
}

/** The states to ask NumeroPay for; UNKNOWN is ours alone and has none. */
export function statesFromStatuses(statuses: readonly TransactionStatus[]): NumeroPayState[] {
  return [...STATUS_BY_STATE].filter(([, status]) => statuses.includes(status)).map(([state]) => state);
}

export function paymentFromTransaction(transaction: NumeroPayTransaction): NumeroPayPayment {
  return {
    providerReference: transaction.id,
    status: statusFromState(transaction.state),
    amount: decimalFromWire(transaction.amount),
    currency: transaction.currency.toUpperCase(),
    description: transaction.description || null,
    businessName: transaction.businessName,
    createdAt: new Date(transaction.createdOn),
    updatedAt: new Date(transaction.updatedOn),
  };
}
