import type { Provider } from '../../domain/provider.js';
import {
  WithdrawalStatus,
  type CashOutAnswer,
  type CashOutState,
  type WithdrawalCashOut,
  type WithdrawalRecord,
} from '../../domain/withdrawal.js';
import type { LedgerWrites } from '../../ledger/ledger-writes.js';
import type { WithdrawalsRepository } from '../../ledger/withdrawals.repository.js';
import { NOT_OPEN, type CallOutcome, type ResourceAdapter } from '../executor/idempotent-executor.js';
import { attributePayout, payoutSeen } from './cash-out-attribution.js';
import type { WithdrawalProgressTracker } from './withdrawal-progress.js';

export type CashOutDetails = Pick<
  WithdrawalCashOut,
  'bankCode' | 'traceNumber' | 'referenceNumber' | 'terminalId'
>;

/**
 * Cash-outs as the executor's resource: an attempt claims the withdrawal (one at a time, only while it
 * awaits a cash-out) in the unit of work that records its key. A paid answer is attributed by what the
 * provider says it paid, never by the caller's claim (see attributePayout); the withdrawal moves to
 * PROCESSING only when the payout is its own.
 */
export function cashOutResource(
  repository: WithdrawalsRepository,
  writes: LedgerWrites,
  progress: WithdrawalProgressTracker,
  attempt: {
    withdrawalId: string;
    provider: Provider;
    operator: string;
    idempotencyKey: string;
    details: CashOutDetails;
  },
): ResourceAdapter<WithdrawalRecord, CashOutAnswer> {
  let recorded: WithdrawalCashOut | undefined;
  return {
    type: 'withdrawal_cash_out',
    claimId: () => attempt.withdrawalId,
    claim: async (trx, id, requestHash) => {
      recorded = {
        idempotencyKey: attempt.idempotencyKey,
        requestHash,
        operator: attempt.operator,
        ...attempt.details,
      };
      if (!(await repository.claimCashOut(id, recorded, trx))) return NOT_OPEN;
      return (await repository.findById(id, trx)) ?? NOT_OPEN;
    },
    load: (id) => repository.findById(id),
    settle: async (claimed, outcome) => {
      const own = recorded ?? claimed.cashOut;
      if (!own) throw new Error('a cash-out was settled without its claim');
      const [state, cashOut] = await settlementOf(repository, claimed, own, outcome, attempt.provider);
      await writes.run((trx) => repository.moveCashOut(claimed.id, state, cashOut, trx));
      if (state === 'ACCEPTED') await progress.advance(claimed.id, WithdrawalStatus.PROCESSING);
      return (await repository.findById(claimed.id)) ?? claimed;
    },
  };
}

async function settlementOf(
  repository: WithdrawalsRepository,
  claimed: WithdrawalRecord,
  own: WithdrawalCashOut,
  outcome: CallOutcome<CashOutAnswer>,
  provider: Provider,
): Promise<[CashOutState, WithdrawalCashOut]> {
  if (outcome.kind === 'failed') {
    const state = outcome.failure.maybeSent ? 'UNKNOWN' : 'NOT_PAID';
    return [state, { ...own, failure: outcome.failure.code }];
  }
  const { answer } = outcome;
  if (!answer.paid) return ['DECLINED', { ...own, failure: answer.rejection }];
  const mobileNumber = answer.payout.mobileNumber ?? claimed.mobileNumber;
  const amount = answer.payout.amount ?? claimed.amount;
  const candidates = await repository.payoutCandidates(provider, mobileNumber, amount);
  const attribution = attributePayout(claimed, answer.payout, candidates);
  const cashOut: WithdrawalCashOut = {
    ...own,
    payout: payoutSeen(answer.payout),
    ...(answer.payout.bookedAt ? { bookedAt: answer.payout.bookedAt } : {}),
    ...(attribution.candidates ? { candidates: attribution.candidates } : {}),
  };
  return [attribution.state, cashOut];
}
