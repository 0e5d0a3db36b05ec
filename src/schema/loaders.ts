import DataLoader from 'dataloader';
import type { TransactionStatus } from '../domain/transaction.js';
import type { TransactionRecord } from '../domain/transaction.js';
import { statusSources } from '../providers/registry.js';
import type { Services } from '../operations/services.js';
import { createLiveStatusLoader, type LiveStatusKey } from './transaction/live-status.loader.js';
import {
  createWithdrawalRefreshLoader,
  type WithdrawalRefreshLoader,
} from './withdrawal/withdrawal.loader.js';

/** DataLoaders of one request: batching and caching never outlive it. */
export interface Loaders {
  transactionById: DataLoader<string, TransactionRecord | undefined>;
  liveStatus: DataLoader<LiveStatusKey, TransactionStatus | undefined, string>;
  /** Open withdrawals refreshed from the provider's report. */
  withdrawalRefresh: WithdrawalRefreshLoader;
}

export function createLoaders(services: Services): Loaders {
  return {
    transactionById: new DataLoader(async (ids) => {
      const records = await services.transactions.findByIds(ids);
      const byId = new Map(records.map((record) => [record.id, record]));
      return ids.map((id) => byId.get(id));
    }),
    liveStatus: createLiveStatusLoader(statusSources(services.providers), services.logger),
    withdrawalRefresh: createWithdrawalRefreshLoader(
      services.providers,
      services.withdrawals,
      services.logger,
    ),
  };
}
