import type { Logger } from 'pino';
import type { AppConfig } from '../config/app.config.js';
import type { ProvidersConfig } from '../config/providers.config.js';
import { migrateToLatest, openDatabase } from '../ledger/database.js';
import { explainLedgerOpenError } from '../ledger/ledger-open-errors.js';
import { Metrics } from '../observability/metrics.js';
import { createLedgerRepositories, createOperations } from '../operations/operations.js';
import { createProviders } from '../providers/registry.js';
import { createAccounts } from '../sessions/create-accounts.js';
import { createSessionRevocations } from '../sessions/create-session-revocations.js';
import { createSharedState } from '../shared-state/create-shared-state.js';
import { registerMoneyStateMetrics } from '../observability/money-state-metrics.js';
import { MoneyStateRepository } from '../ledger/money-state.repository.js';
import type { Services } from './services.js';

/** Opens and migrates the ledger, then builds the provider data sources, the operations over them and the accounts. */
export async function createServices(
  config: AppConfig,
  providersConfig: ProvidersConfig,
  logger: Logger,
): Promise<Services> {
  const db = await openLedger(config.database, logger);
  const metrics = new Metrics();
  registerMoneyStateMetrics(metrics.registry, new MoneyStateRepository(db));
  const shared = await createSharedState(config, logger);
  const sessionRevocations = await createSessionRevocations(config.redisUrl, db, logger);
  const providers = createProviders(providersConfig, {
    logger,
    metrics,
    httpClient: config.providerHttpClient,
    tokenCoordinator: shared.tokenCoordinator,
  });
  const ledger = createLedgerRepositories(db);
  return {
    config,
    logger,
    metrics,
    db,
    ledger,
    operations: createOperations(
      { db, providers, shared, logger, reconcileAfterMs: config.pendingRecoveryAfterMs },
      ledger,
    ),
    pubsub: shared.pubsub,
    shared,
    providers,
    sessionRevocations,
    accounts: await createAccounts(
      config.sessions,
      db,
      providers.enayapay,
      logger,
      shared.rateLimiter,
      sessionRevocations,
    ),
  };
}

/** Opens and migrates the ledger; a failure names DATABASE_URL or SQLITE_PATH and the cause. */
async function openLedger(database: AppConfig['database'], logger: Logger): Promise<Services['db']> {
  let db: Services['db'] | undefined;
  try {
    db = openDatabase(database, {
      onConnectionLost: (error) =>
        logger.warn(
          { code: error.code, reason: error.message },
          'ledger connection ended by the database; the next query opens a new one',
        ),
    });
    await migrateToLatest(db);
    return db;
  } catch (error) {
    await db?.destroy().catch(() => undefined);
    throw explainLedgerOpenError(error, database);
  }
}
