import type { Logger } from 'pino';
import type { ProviderMetrics } from './provider-metrics.js';

/** What every provider data source is given at start-up. */
export interface ProviderDeps {
  logger: Logger;
  metrics: ProviderMetrics;
}
