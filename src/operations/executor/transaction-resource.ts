import { randomUUID } from 'node:crypto';
import type { ProviderAnswer } from '../../domain/provider-answer.js';
import { Rejection } from '../../domain/rejection.js';
import {
  TransactionStatus,
  type TransactionChange,
  type TransactionRecord,
} from '../../domain/transaction.js';
import type { LedgerWrites } from '../../ledger/ledger-writes.js';
import type { NewTransaction, TransactionsRepository } from '../../ledger/transactions.repository.js';
import type { CallOutcome, ResourceAdapter } from './idempotent-executor.js';

export type TransactionFields = Omit<NewTransaction, 'id' | 'principal' | 'idempotencyKey' | 'requestHash'>;

/**
 * Transactions as the executor's resource: claimed SENDING, settled from the provider's answer (a refusal
 * keeps its rejection as the failure code, so a replay answers the same userError), FAILED when the request
 * never reached the provider, UNKNOWN when it may have.
 */
export function transactionResource(
  transactions: TransactionsRepository,
  writes: LedgerWrites,
  claim: { principal: string; idempotencyKey: string; fields: TransactionFields },
): ResourceAdapter<TransactionRecord, ProviderAnswer> {
  return {
    type: 'transaction',
    claimId: () => randomUUID(),
    claim: (trx, id, requestHash) =>
      transactions.insertSending(
        {
          ...claim.fields,
          id,
          principal: claim.principal,
          idempotencyKey: claim.idempotencyKey,
          requestHash,
        },
        trx,
      ),
    load: (id) => transactions.findById(id),
    settle: async (claimed, outcome) => {
      const change = changeFor(claimed, outcome);
      const moved = await writes.run((trx) => transactions.advance(claimed.id, change, trx));
      return moved ?? (await transactions.findById(claimed.id)) ?? claimed;
    },
  };
}

function changeFor(claimed: TransactionRecord, outcome: CallOutcome<ProviderAnswer>): TransactionChange {
  if (outcome.kind === 'failed') {
    const status = outcome.failure.maybeSent ? TransactionStatus.UNKNOWN : TransactionStatus.FAILED;
    return { status, errorCode: outcome.failure.code };
  }
  const { answer } = outcome;
  const refused = answer.status === TransactionStatus.FAILED;
  return {
    status: answer.status,
    providerReference: answer.providerReference ?? null,
    errorCode: refused ? (answer.rejection ?? Rejection.DECLINED) : null,
    metadata: answer.details ? { ...claimed.metadata, ...answer.details } : undefined,
  };
}
