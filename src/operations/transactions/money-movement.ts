import { toGlobalId } from '../../domain/global-id.js';
import { PROVIDER_NAMES } from '../../domain/provider.js';
import type { ProviderAnswer } from '../../domain/provider-answer.js';
import { asRejection, Rejection } from '../../domain/rejection.js';
import { TransactionStatus, type TransactionRecord } from '../../domain/transaction.js';
import type { UserFailure } from '../../domain/user-failure.js';
import type { LedgerWrites } from '../../ledger/ledger-writes.js';
import type { TransactionsRepository } from '../../ledger/transactions.repository.js';
import type { ExecutionResult, IdempotentExecutor } from '../executor/idempotent-executor.js';
import { transactionResource, type TransactionFields } from '../executor/transaction-resource.js';
import { KEY_REUSED, notSentOnFirstCall } from '../outcomes/common-failures.js';
import { rejectionFailure, type RejectionFields } from '../outcomes/rejections.js';
import { isSystemFailureCode, systemFailureFor } from '../outcomes/system-failures.js';

/** What a money mutation answers: the transaction as recorded, the userErrors, and whether it replays. */
export interface MoneyMovementOutcome {
  transaction: TransactionRecord | null;
  userErrors: UserFailure[];
  replayed: boolean;
}

/** Refused before anything was recorded or sent. */
export function refused(userErrors: UserFailure[]): MoneyMovementOutcome {
  return { transaction: null, userErrors, replayed: false };
}

export interface MoneyMovement {
  principal: string;
  idempotencyKey: string;
  /** The operation, e.g. "createPayment": part of the request hash. */
  operation: string;
  /** What identifies the request (never secrets), to tell a replay from a reused key. */
  fingerprint: unknown;
  transaction: TransactionFields;
  /** Which input field each of the provider's rejections concerns. */
  rejectionFields: RejectionFields;
  /** Calls the provider, once; the transaction is already recorded SENDING. */
  send(recorded: TransactionRecord): Promise<ProviderAnswer>;
}

/** Moves money through the one executor, and answers every such mutation the same way. */
export class MoneyMovements {
  constructor(
    private readonly executor: IdempotentExecutor,
    private readonly transactions: TransactionsRepository,
    private readonly writes: LedgerWrites,
  ) {}

  async move(movement: MoneyMovement): Promise<MoneyMovementOutcome> {
    const result = await this.executor.execute({
      principal: movement.principal,
      idempotencyKey: movement.idempotencyKey,
      operation: movement.operation,
      fingerprint: movement.fingerprint,
      resource: transactionResource(this.transactions, this.writes, {
        principal: movement.principal,
        idempotencyKey: movement.idempotencyKey,
        fields: movement.transaction,
      }),
      send: (recorded) => movement.send(recorded),
    });
    return outcomeOf(result, movement.rejectionFields);
  }
}

/**
 * Derived from the recorded row, so a replay answers as the first call did. The one exception: the call
 * that found the provider unreachable fails as a system failure; its replays answer a normal payload.
 */
function outcomeOf(
  result: ExecutionResult<TransactionRecord>,
  fields: RejectionFields,
): MoneyMovementOutcome {
  if (result.kind === 'key-reused') return { transaction: null, userErrors: [KEY_REUSED], replayed: false };
  if (result.kind === 'not-open') throw new Error('a new transaction cannot be refused its claim');
  const { resource: transaction, replayed, failure } = result;
  if (failure && !failure.maybeSent) {
    throw systemFailureFor(failure.code, transaction.provider, {
      transactionId: toGlobalId('Transaction', transaction.id),
    });
  }
  return { transaction, userErrors: failuresOf(transaction, fields), replayed };
}

function failuresOf(transaction: TransactionRecord, fields: RejectionFields): UserFailure[] {
  if (transaction.status !== TransactionStatus.FAILED) return [];
  if (isSystemFailureCode(transaction.errorCode))
    return [notSentOnFirstCall(PROVIDER_NAMES[transaction.provider])];
  return [
    rejectionFailure(asRejection(transaction.errorCode) ?? Rejection.DECLINED, transaction.provider, fields),
  ];
}
