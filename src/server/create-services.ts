import type { Logger } from 'pino';
import type { AppConfig } from '../config/app.config.js';
import { migrateToLatest, openDatabase } from '../ledger/database.js';
import { IdempotencyRepository } from '../ledger/idempotency.repository.js';
import { InProcessInFlightLocks } from '../ledger/in-flight-locks.js';
import { MoneyMovements } from '../ledger/money-movement.js';
import { TransactionsRepository } from '../ledger/transactions.repository.js';
import { createWithdrawals } from '../ledger/withdrawals.js';
import { createProviders, type ProvidersConfig } from '../providers/registry.js';
import { createAccounts } from '../sessions/create-accounts.js';
import { Metrics } from './metrics.js';
import { InProcessPubSub } from './pubsub/in-process-pubsub.js';
import type { Services } from './services.js';

/** Opens and migrates the ledger, then builds the provider data sources and repositories. */
export async function createServices(
  config: AppConfig,
  providersConfig: ProvidersConfig,
  logger: Logger,
): Promise<Services> {
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const metrics = new Metrics();
  const transactions = new TransactionsRepository(db);
  const idempotency = new IdempotencyRepository(db);
  const pubsub = new InProcessPubSub();
  const providers = createProviders(providersConfig, {
    logger,
    metrics,
    httpClient: config.providerHttpClient,
  });
  return {
    config,
    logger,
    metrics,
    db,
    transactions,
    idempotency,
    moneyMovements: new MoneyMovements(db, transactions, idempotency, new InProcessInFlightLocks(), logger),
    withdrawals: createWithdrawals(db, idempotency, pubsub, logger),
    pubsub,
    providers,
    accounts: await createAccounts(config.sessions, db, providers.enayapay, logger),
  };
}
