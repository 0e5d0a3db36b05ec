import type { Logger } from 'pino';
import type { SharedState } from '../shared-state/create-shared-state.js';
import type { LedgerDb } from '../ledger/database.js';
import { IdempotencyRepository } from '../ledger/idempotency.repository.js';
import { LedgerWrites } from '../ledger/ledger-writes.js';
import { TransactionsRepository } from '../ledger/transactions.repository.js';
import { WithdrawalsRepository } from '../ledger/withdrawals.repository.js';
import type { Providers } from '../providers/registry.js';
import { IdempotentExecutor } from './executor/idempotent-executor.js';
import { NupeyeOperations } from './nupeye/nupeye-operations.js';
import { PaymentOperations } from './payments/payment-operations.js';
import { MoneyMovements } from './transactions/money-movement.js';
import { TransactionQueries } from './transactions/transaction-queries.js';
import { WalletOperations } from './wallets/wallet-operations.js';
import { WalletQueries } from './wallets/wallet-queries.js';
import { WithdrawalOperations } from './withdrawals/withdrawal-operations.js';
import { WithdrawalProgressTracker } from './withdrawals/withdrawal-progress.js';
import { WithdrawalUpdates } from './withdrawals/withdrawal-updates.js';

/** Every use case of the gateway, as the schema (and the webhooks, and background jobs) call them. */
export interface Operations {
  payments: PaymentOperations;
  nupeye: NupeyeOperations;
  wallets: WalletOperations;
  walletQueries: WalletQueries;
  transactions: TransactionQueries;
  withdrawals: WithdrawalOperations;
  /** The one way withdrawals change after their request: notifications, reports. */
  withdrawalProgress: WithdrawalProgressTracker;
  withdrawalUpdates: WithdrawalUpdates;
}

/** The ledger's repositories, for the background jobs and for tests that look at what was recorded. */
export interface LedgerRepositories {
  writes: LedgerWrites;
  transactions: TransactionsRepository;
  withdrawals: WithdrawalsRepository;
  idempotency: IdempotencyRepository;
}

export interface OperationsDeps {
  db: LedgerDb;
  providers: Providers;
  shared: Pick<SharedState, 'inFlightLocks' | 'pubsub'>;
  logger: Logger;
  /** How long a request may hold its idempotency key in flight: beyond any provider timeout. */
  inFlightLeaseMs?: number;
}

export function createLedgerRepositories(db: LedgerDb): LedgerRepositories {
  return {
    writes: new LedgerWrites(db),
    transactions: new TransactionsRepository(db),
    withdrawals: new WithdrawalsRepository(db),
    idempotency: new IdempotencyRepository(db),
  };
}

export function createOperations(deps: OperationsDeps, ledger: LedgerRepositories): Operations {
  const { providers, logger } = deps;
  const executor = new IdempotentExecutor(
    ledger.writes,
    ledger.idempotency,
    deps.shared.inFlightLocks,
    logger,
    {
      inFlightLeaseMs: deps.inFlightLeaseMs,
    },
  );
  const money = new MoneyMovements(executor, ledger.transactions, ledger.writes);
  const withdrawalUpdates = new WithdrawalUpdates(deps.shared.pubsub);
  const withdrawalProgress = new WithdrawalProgressTracker(
    ledger.withdrawals,
    ledger.writes,
    withdrawalUpdates,
    logger,
  );
  return {
    payments: new PaymentOperations(providers, money),
    nupeye: new NupeyeOperations(providers, money),
    wallets: new WalletOperations(providers, money),
    walletQueries: new WalletQueries(deps.db),
    transactions: new TransactionQueries(ledger.transactions, ledger.writes, providers, logger),
    withdrawals: new WithdrawalOperations(
      providers,
      executor,
      ledger.withdrawals,
      ledger.writes,
      withdrawalProgress,
      logger,
    ),
    withdrawalProgress,
    withdrawalUpdates,
  };
}
