import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Provider } from '../../domain/provider.js';
import type { TransactionStatus } from '../../domain/transaction.js';
import type { TransactionStatusSource } from '../../domain/ports/transaction-status-source.js';

export interface LiveStatusKey {
  provider: Provider;
  providerReference: string;
}

/**
 * Current provider statuses for the transactions of one request: each distinct reference is asked once,
 * in one batch per provider. Undefined when the provider has no status API or could not answer (the
 * recorded status stands).
 */
export function createLiveStatusLoader(
  sources: Partial<Record<Provider, TransactionStatusSource>>,
  logger: Logger,
): DataLoader<LiveStatusKey, TransactionStatus | undefined, string> {
  return new DataLoader(
    async (keys) => {
      const results = new Map<string, TransactionStatus | undefined>();
      const byProvider = new Map<Provider, LiveStatusKey[]>();
      for (const key of keys) byProvider.set(key.provider, [...(byProvider.get(key.provider) ?? []), key]);
      await Promise.all(
        [...byProvider].map(async ([provider, providerKeys]) => {
          const source = sources[provider];
          if (!source) return;
          const references = providerKeys.map((key) => key.providerReference);
          try {
            const statuses = await source.fetchStatuses(references);
            references.forEach((reference, index) => {
              const status = statuses[index];
              results.set(`${provider}:${reference}`, status instanceof Error ? undefined : status);
            });
          } catch (error) {
            logger.warn({ provider, err: error }, 'live status unavailable; the recorded status stands');
          }
        }),
      );
      return keys.map((key) => results.get(`${key.provider}:${key.providerReference}`));
    },
    { cacheKeyFn: (key) => `${key.provider}:${key.providerReference}`, maxBatchSize: 100 },
  );
}
