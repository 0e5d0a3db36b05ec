import type { Provider } from '../provider.js';

export type ProviderCallOutcome = 'success' | 'rejected' | 'error' | 'timeout' | 'unknown';

/** What provider code reports; implemented by the server's Prometheus metrics. */
export interface ProviderMetrics {
  observeProviderCall(
    provider: Provider,
    operation: string,
    outcome: ProviderCallOutcome,
    seconds: number,
  ): void;
  countTokenAcquisition(provider: Provider, kind: string): void;
}

export const noProviderMetrics: ProviderMetrics = {
  observeProviderCall: () => undefined,
  countTokenAcquisition: () => undefined,
};
