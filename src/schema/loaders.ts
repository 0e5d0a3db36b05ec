import DataLoader from 'dataloader';
import type { TransactionRecord, TransactionStatus } from '../domain/transaction.js';
import type { WithdrawalRecord } from '../domain/withdrawal.js';
import { liveStatusKey, type LiveStatusKey } from '../operations/transactions/transaction-queries.js';
import type { Operations } from '../operations/operations.js';

/** DataLoaders of one request: batching and caching never outlive it. Each is made on first use. */
export interface Loaders {
  readonly transactionById: DataLoader<string, TransactionRecord | undefined>;
  /** Current statuses from providers with a status API, one batch per provider. */
  readonly liveStatus: DataLoader<LiveStatusKey, TransactionStatus | undefined, string>;
  /** Open withdrawals refreshed from the provider's report. */
  readonly withdrawalRefresh: DataLoader<WithdrawalRecord, WithdrawalRecord, string>;
}

export function createLoaders({ operations }: { operations: Operations }): Loaders {
  let transactionById: Loaders['transactionById'] | undefined;
  let liveStatus: Loaders['liveStatus'] | undefined;
  let withdrawalRefresh: Loaders['withdrawalRefresh'] | undefined;
  return {
    get transactionById() {
      return (transactionById ??= new DataLoader((ids) => operations.transactions.byIds(ids)));
    },
    get liveStatus() {
      return (liveStatus ??= new DataLoader((keys) => operations.transactions.liveStatuses(keys), {
        cacheKeyFn: liveStatusKey,
        maxBatchSize: 100,
      }));
    },
    get withdrawalRefresh() {
      return (withdrawalRefresh ??= new DataLoader((records) => operations.withdrawals.refresh(records), {
        cacheKeyFn: (record) => record.id,
        maxBatchSize: 100,
      }));
    },
  };
}
