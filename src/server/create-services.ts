import type { Logger } from 'pino';
import type { AppConfig } from '../config/app.config.js';
import { migrateToLatest, openDatabase } from '../ledger/database.js';
import { IdempotencyRepository } from '../ledger/idempotency.repository.js';
import { MoneyMovements } from '../operations/executor/money-movements.js';
import { TransactionsRepository } from '../ledger/transactions.repository.js';
import { createWithdrawals } from '../operations/withdrawals/withdrawals.js';
import { createProviders } from '../providers/registry.js';
import { type ProvidersConfig } from '../config/providers.config.js';
import { createAccounts } from '../sessions/create-accounts.js';
import { createSharedState } from '../shared-state/create-shared-state.js';
import { Metrics } from '../observability/metrics.js';
import { registerMoneyStateMetrics } from '../observability/money-state-metrics.js';
import { MoneyStateRepository } from '../ledger/money-state.repository.js';
import type { Services } from '../operations/services.js';

/** Opens and migrates the ledger, then builds the provider data sources and repositories. */
export async function createServices(
  config: AppConfig,
  providersConfig: ProvidersConfig,
  logger: Logger,
): Promise<Services> {
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const metrics = new Metrics();
  registerMoneyStateMetrics(metrics.registry, new MoneyStateRepository(db));
  const transactions = new TransactionsRepository(db);
  const idempotency = new IdempotencyRepository(db);
  const shared = await createSharedState(config, logger);
  const { pubsub } = shared;
  const providers = createProviders(providersConfig, {
    logger,
    metrics,
    httpClient: config.providerHttpClient,
    tokenCoordinator: shared.tokenCoordinator,
  });
  return {
    config,
    logger,
    metrics,
    db,
    transactions,
    idempotency,
    moneyMovements: new MoneyMovements(db, transactions, idempotency, shared.inFlightLocks, logger),
    withdrawals: createWithdrawals(db, idempotency, pubsub, logger),
    pubsub,
    shared,
    providers,
    accounts: await createAccounts(config.sessions, db, providers.enayapay, logger, shared.rateLimiter),
  };
}
