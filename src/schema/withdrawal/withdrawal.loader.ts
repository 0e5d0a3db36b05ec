import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import { Provider } from '../../domain/provider.js';
import type { WithdrawalRecord } from '../../domain/withdrawal.js';
import type { Withdrawals } from '../../operations/withdrawals/withdrawals.js';
import { toLedgerReport } from '../../providers/nchl/nchl.mapper.js';
import type { Providers } from '../../providers/registry.js';

export type WithdrawalRefreshLoader = DataLoader<WithdrawalRecord, WithdrawalRecord, string>;

/**
 * Refreshes open withdrawals of one request from the provider's report: each withdrawal is asked about
 * once, in one batch, and what the report says is applied to the ledger (forward only). When the
 * provider cannot answer, the recorded withdrawal stands.
 */
export function createWithdrawalRefreshLoader(
  providers: Providers,
  withdrawals: Withdrawals,
  logger: Logger,
): WithdrawalRefreshLoader {
  return new DataLoader(
    async (records) => {
      const nchl = providers.nchl;
      const asked = records.filter((record) => record.provider === Provider.NCHL);
      if (!nchl || asked.length === 0) return records;
      const reports = await nchl.reports(asked.map((record) => record.transactionUniqueId));
      const refreshed = new Map<string, WithdrawalRecord>();
      await Promise.all(
        asked.map(async (record, index) => {
          const report = reports[index];
          if (report instanceof Error) {
            logger.warn(
              { withdrawalId: record.id, err: report },
              'NCHL report unavailable; the recorded status stands',
            );
            return;
          }
          if (report)
            refreshed.set(record.id, await withdrawals.progress.applyReport(record, toLedgerReport(report)));
        }),
      );
      return records.map((record) => refreshed.get(record.id) ?? record);
    },
    { cacheKeyFn: (record) => record.id, maxBatchSize: 100 },
  );
}
