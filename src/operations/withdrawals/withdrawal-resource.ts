import { randomUUID } from 'node:crypto';
import { Rejection } from '../../domain/rejection.js';
import { WithdrawalStatus, type WithdrawalRecord } from '../../domain/withdrawal.js';
import type { NewWithdrawal, WithdrawalsRepository } from '../../ledger/withdrawals.repository.js';
import type { Refusable } from '../../providers/shared/answer.js';
import type { ResourceAdapter } from '../executor/idempotent-executor.js';
import type { WithdrawalProgressTracker } from './withdrawal-progress.js';

export type WithdrawalFields = Omit<NewWithdrawal, 'id' | 'principal' | 'idempotencyKey' | 'requestHash'>;

/**
 * Withdrawal requests as the executor's resource: claimed PENDING, then REQUESTED when the provider
 * accepted, FAILED when it refused or never got the request, UNKNOWN when its answer was lost. A
 * notification or report may already have moved it further; that stands.
 */
export function withdrawalResource(
  repository: WithdrawalsRepository,
  progress: WithdrawalProgressTracker,
  claim: { principal: string; idempotencyKey: string; fields: WithdrawalFields },
): ResourceAdapter<WithdrawalRecord, Refusable<void>> {
  return {
    type: 'withdrawal',
    claimId: () => randomUUID(),
    claim: (trx, id, requestHash) =>
      repository.insertPending(
        {
          ...claim.fields,
          id,
          principal: claim.principal,
          idempotencyKey: claim.idempotencyKey,
          requestHash,
        },
        trx,
      ),
    load: (id) => repository.findById(id),
    settle: async (claimed, outcome) => {
      const [status, errorCode] =
        outcome.kind === 'failed'
          ? [
              outcome.failure.maybeSent ? WithdrawalStatus.UNKNOWN : WithdrawalStatus.FAILED,
              outcome.failure.code,
            ]
          : outcome.answer.refused
            ? [WithdrawalStatus.FAILED, outcome.answer.rejection ?? Rejection.DECLINED]
            : [WithdrawalStatus.REQUESTED, null];
      const moved = await progress.advance(claimed.id, status, { errorCode });
      return moved ?? (await repository.findById(claimed.id)) ?? claimed;
    },
  };
}
