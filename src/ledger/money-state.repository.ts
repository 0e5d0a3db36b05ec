import {
  OPEN_TRANSACTION_STATUSES,
  OPEN_WITHDRAWAL_STATES,
  UNATTRIBUTED_CASH_OUT_STATES,
  type MoneyStateSnapshot,
  type MoneyStateSource,
} from '../observability/money-state-metrics.js';
import type { LedgerDb } from './database.js';
import { withdrawalsDb } from './withdrawals.table.js';

/**
 * The ledger-wide counts behind the money-state gauges: four aggregate queries over the rows in the states
 * they count, each served by the (status, updated_at) indexes. Timestamps are ISO-8601 text on both
 * databases, so `min` is the oldest.
 */
export class MoneyStateRepository implements MoneyStateSource {
  private readonly withdrawals: ReturnType<typeof withdrawalsDb>;

  constructor(private readonly db: LedgerDb) {
    this.withdrawals = withdrawalsDb(db);
  }

  async snapshot(): Promise<MoneyStateSnapshot> {
    const [transactions, withdrawals, cashOuts, unchecked] = await Promise.all([
      this.db
        .selectFrom('transactions')
        .select((eb) => [
          'provider',
          'status',
          eb.fn.countAll<string | number>().as('count'),
          eb.fn.min('updated_at').as('oldest'),
        ])
        .where('status', 'in', [...OPEN_TRANSACTION_STATUSES])
        .groupBy(['provider', 'status'])
        .execute(),
      this.withdrawals
        .selectFrom('withdrawals')
        .select((eb) => [
          'status',
          eb.fn.countAll<string | number>().as('count'),
          eb.fn.min('updated_at').as('oldest'),
        ])
        .where('status', 'in', [...OPEN_WITHDRAWAL_STATES])
        .groupBy('status')
        .execute(),
      this.withdrawals
        .selectFrom('withdrawals')
        .select((eb) => ['cash_out_state', eb.fn.countAll<string | number>().as('count')])
        .where('cash_out_state', 'in', [...UNATTRIBUTED_CASH_OUT_STATES])
        .groupBy('cash_out_state')
        .execute(),
      this.withdrawals
        .selectFrom('withdrawals')
        .select((eb) => eb.fn.min('updated_at').as('oldest'))
        .where('status', 'in', [...OPEN_WITHDRAWAL_STATES])
        .where((eb) => eb.or([eb('checked_at', 'is', null), eb('checked_at', '<', eb.ref('updated_at'))]))
        .executeTakeFirst(),
    ]);
    return {
      transactions: transactions.map((row) => ({
        provider: row.provider,
        status: row.status,
        count: Number(row.count),
        oldest: row.oldest,
      })),
      withdrawals: withdrawals.map((row) => ({
        status: row.status,
        count: Number(row.count),
        oldest: row.oldest,
      })),
      cashOuts: cashOuts.map((row) => ({ state: row.cash_out_state ?? '', count: Number(row.count) })),
      oldestUncheckedChange: unchecked?.oldest ?? null,
    };
  }
}
