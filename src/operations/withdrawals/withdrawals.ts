import type { Logger } from 'pino';
import type { PubSub } from '../../domain/ports/pubsub.js';
import type { LedgerDb } from '../../ledger/database.js';
import type { IdempotencyRepository } from '../../ledger/idempotency.repository.js';
import { WithdrawalCashOuts } from './withdrawal-cash-outs.js';
import { WithdrawalProgressTracker } from './withdrawal-progress.js';
import { WithdrawalRequests } from './withdrawal-requests.js';
import { WithdrawalUpdates } from './withdrawal-updates.js';
import { WithdrawalsRepository } from '../../ledger/withdrawals.repository.js';

/** The withdrawal ledger: rows, idempotent requests and cash-outs, forward-only progress and its events. */
export interface Withdrawals {
  repository: WithdrawalsRepository;
  updates: WithdrawalUpdates;
  progress: WithdrawalProgressTracker;
  requests: WithdrawalRequests;
  cashOuts: WithdrawalCashOuts;
}

export function createWithdrawals(
  db: LedgerDb,
  idempotency: IdempotencyRepository,
  pubsub: PubSub,
  logger: Logger,
): Withdrawals {
  const repository = new WithdrawalsRepository(db);
  const updates = new WithdrawalUpdates(pubsub);
  const progress = new WithdrawalProgressTracker(repository, updates, logger);
  return {
    repository,
    updates,
    progress,
    requests: new WithdrawalRequests(db, repository, idempotency, progress, logger),
    cashOuts: new WithdrawalCashOuts(db, repository, idempotency, progress, logger),
  };
}
