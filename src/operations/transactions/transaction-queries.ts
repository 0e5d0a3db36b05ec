import type { Logger } from 'pino';
import { statusSources, type Providers } from '../../providers/registry.js';
import type { Provider } from '../../domain/provider.js';
import {
  FINAL_TRANSACTION_STATUSES,
  TransactionStatus,
  type TransactionCursor,
  type TransactionFilter,
  type TransactionRecord,
} from '../../domain/transaction.js';
import type { LedgerWrites } from '../../ledger/ledger-writes.js';
import type { TransactionsRepository } from '../../ledger/transactions.repository.js';

export interface LiveStatusKey {
  provider: Provider;
  providerReference: string;
}

/** Reads of the ledger's transactions, and their refresh from providers that have a status API. */
export class TransactionQueries {
  constructor(
    private readonly transactions: TransactionsRepository,
    private readonly writes: LedgerWrites,
    private readonly providers: Providers,
    private readonly logger: Logger,
  ) {}

  /** Newest first; `limit + 1` rows are read so the caller knows whether a next page exists. */
  list(filter: TransactionFilter, limit: number, after?: TransactionCursor): Promise<TransactionRecord[]> {
    return this.transactions.list(filter, limit, after);
  }

  /** The records of these ids, in the order asked (undefined where absent). */
  async byIds(ids: readonly string[]): Promise<(TransactionRecord | undefined)[]> {
    const records = await this.transactions.findByIds(ids);
    const byId = new Map(records.map((record) => [record.id, record]));
    return ids.map((id) => byId.get(id));
  }

  /** Whether a transaction's status may still change at a provider that can tell us. */
  isLive(record: TransactionRecord): boolean {
    return (
      record.providerReference !== null &&
      record.status !== TransactionStatus.SENDING &&
      !FINAL_TRANSACTION_STATUSES.has(record.status) &&
      statusSources(this.providers)[record.provider] !== undefined
    );
  }

  /**
   * Current provider statuses, one batch per provider (a DataLoader batch function): undefined where the
   * provider has no status API or could not answer, so the recorded status stands.
   */
  async liveStatuses(keys: readonly LiveStatusKey[]): Promise<(TransactionStatus | undefined)[]> {
    const results = new Map<string, TransactionStatus | undefined>();
    const byProvider = new Map<Provider, LiveStatusKey[]>();
    for (const key of keys) byProvider.set(key.provider, [...(byProvider.get(key.provider) ?? []), key]);
    const sources = statusSources(this.providers);
    await Promise.all(
      [...byProvider].map(async ([provider, providerKeys]) => {
        const source = sources[provider];
        if (!source) return;
        const references = providerKeys.map((key) => key.providerReference);
        try {
          const statuses = await source.fetchStatuses(references);
          references.forEach((reference, index) => {
            const status = statuses[index];
            results.set(
              liveStatusKey({ provider, providerReference: reference }),
              status instanceof Error ? undefined : status,
            );
          });
        } catch (error) {
          this.logger.warn({ provider, err: error }, 'live status unavailable; the recorded status stands');
        }
      }),
    );
    return keys.map((key) => results.get(liveStatusKey(key)));
  }

  /**
   * Applies a status a provider reported now, forward only: a stale read never overwrites a settlement.
   * Answers the status the transaction stands at afterwards.
   */
  async applyLiveStatus(
    record: TransactionRecord,
    live: TransactionStatus | undefined,
  ): Promise<TransactionStatus> {
    if (!live || live === record.status) return record.status;
    const moved = await this.writes.run((trx) => this.transactions.advance(record.id, { status: live }, trx));
    if (moved) return moved.status;
    return (await this.transactions.findById(record.id))?.status ?? record.status;
  }
}

export function liveStatusKey(key: LiveStatusKey): string {
  return `${key.provider}:${key.providerReference}`;
}
