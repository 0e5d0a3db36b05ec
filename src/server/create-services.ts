import type { Logger } from 'pino';
import type { AppConfig } from '../config/app.config.js';
import type { ProvidersConfig } from '../config/providers.config.js';
import { migrateToLatest, openDatabase } from '../ledger/database.js';
import { Metrics } from '../observability/metrics.js';
import { createLedgerRepositories, createOperations } from '../operations/operations.js';
import { createProviders } from '../providers/registry.js';
import { createAccounts } from '../sessions/create-accounts.js';
import { createSharedState } from '../shared-state/create-shared-state.js';
import type { Services } from './services.js';

/** Opens and migrates the ledger, then builds the provider data sources, the operations over them and the accounts. */
export async function createServices(
  config: AppConfig,
  providersConfig: ProvidersConfig,
  logger: Logger,
): Promise<Services> {
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const metrics = new Metrics();
  const shared = await createSharedState(config, logger);
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
    operations: createOperations({ db, providers, shared, logger }, ledger),
    pubsub: shared.pubsub,
    shared,
    providers,
    accounts: await createAccounts(config.sessions, db, providers.enayapay, logger, shared.rateLimiter),
  };
}
