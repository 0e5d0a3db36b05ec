import type { Logger } from 'pino';
import { type ProviderHttpClientKind } from '../../config/provider-http-client.config.js';
import type { ProviderMetrics } from '../../domain/ports/provider-metrics.js';
import type { TokenCoordinator } from '../../domain/ports/token-coordinator.js';

/** What every provider data source is given at start-up. */
export interface ProviderDeps {
  logger: Logger;
  metrics: ProviderMetrics;
  /** The HTTP library of every provider transport (PROVIDER_HTTP_CLIENT); got when absent. */
  httpClient?: ProviderHttpClientKind;
  /** Shares provider credentials between replicas (Redis); each process renews its own when absent. */
  tokenCoordinator?: TokenCoordinator;
}
