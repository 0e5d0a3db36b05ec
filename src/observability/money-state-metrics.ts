import { Counter, Gauge, type Registry } from 'prom-client';
import { ALL_PROVIDERS } from '../domain/provider.js';
import { TransactionStatus } from '../domain/transaction.js';
import { WithdrawalStatus } from '../domain/withdrawal.js';

/**
 * Money movements not settled: on their way to the provider (SENDING; interrupted ones become UNKNOWN),
 * accepted but not final (PENDING), and sent without a known outcome (UNKNOWN).
 */
export const OPEN_TRANSACTION_STATUSES = [
  TransactionStatus.SENDING,
  TransactionStatus.PENDING,
  TransactionStatus.UNKNOWN,
] as const;
/** Withdrawals still moving: PENDING, UNKNOWN and PROCESSING await NCHL; REQUESTED awaits the customer. */
export const OPEN_WITHDRAWAL_STATES = [
  WithdrawalStatus.PENDING,
  WithdrawalStatus.UNKNOWN,
  WithdrawalStatus.REQUESTED,
  WithdrawalStatus.PROCESSING,
] as const;
/** Cash paid out that we cannot tie to a withdrawal, or that does not match it. */
export const UNATTRIBUTED_CASH_OUT_STATES = ['UNATTRIBUTED', 'MISMATCHED'] as const;

/** How many rows are in one state, and when the oldest of them last changed (ISO-8601), if any. */
export interface StateCount {
  status: string;
  count: number;
  oldest: string | null;
}

/** Where the ledger's money stands now, as the gauges report it. */
export interface MoneyStateSnapshot {
  /** Open transactions by provider and status; `oldest` is the last change of the oldest one. */
  transactions: (StateCount & { provider: string })[];
  /** Open withdrawals by status; `oldest` is the oldest one's last change. */
  withdrawals: StateCount[];
  cashOuts: { state: string; count: number }[];
  /** Last change of the oldest open withdrawal not checked with the provider since. */
  oldestUncheckedChange: string | null;
}

export interface MoneyStateSource {
  snapshot(): Promise<MoneyStateSnapshot>;
}

/** A scrape reuses a snapshot this recent, so its gauges (and replicas scraped together) ask once. */
const REUSE_MS = 1_000;

/**
 * Gauges of the money that is not where it should be, read from the ledger when Prometheus scrapes
 * (nothing runs between scrapes). Labels are bounded: provider, status and cash-out state take only the
 * values listed here, every series is reported (0 when empty), so alert expressions always find them.
 * A ledger that cannot be read keeps the last values and counts the failure instead of failing the scrape.
 */
export function registerMoneyStateMetrics(
  registry: Registry,
  source: MoneyStateSource,
  now: () => number = Date.now,
): void {
  let last: { at: number; snapshot: Promise<MoneyStateSnapshot | undefined> } | undefined;
  const failures = new Counter({
    name: 'paygraph_money_state_query_failures_total',
    help: 'Scrapes whose money-state gauges could not be read from the ledger (they kept their last values)',
    registers: [registry],
  });
  const read = () => {
    if (!last || now() - last.at > REUSE_MS) {
      const snapshot = source.snapshot().catch(() => {
        failures.inc();
        return undefined;
      });
      last = { at: now(), snapshot };
    }
    return last.snapshot;
  };
  const ageSeconds = (oldest: string | null) =>
    oldest === null ? 0 : Math.max(0, (now() - Date.parse(oldest)) / 1000);

  gauge(
    registry,
    'paygraph_transactions_open',
    'Money movements not settled, by provider and status',
    ['provider', 'status'],
    read,
    (set, state) => {
      for (const provider of ALL_PROVIDERS)
        for (const status of OPEN_TRANSACTION_STATUSES)
          set({ provider, status }, find(state.transactions, provider, status)?.count ?? 0);
    },
  );
  gauge(
    registry,
    'paygraph_transactions_open_oldest_age_seconds',
    'Time since the oldest money movement in each open status last changed (0 when none), by provider',
    ['provider', 'status'],
    read,
    (set, state) => {
      for (const provider of ALL_PROVIDERS)
        for (const status of OPEN_TRANSACTION_STATUSES)
          set({ provider, status }, ageSeconds(find(state.transactions, provider, status)?.oldest ?? null));
    },
  );
  gauge(
    registry,
    'paygraph_withdrawals_open',
    'Cardless withdrawals not final, by status (PENDING, UNKNOWN and PROCESSING await NCHL)',
    ['status'],
    read,
    (set, state) => {
      for (const status of OPEN_WITHDRAWAL_STATES)
        set({ status }, state.withdrawals.find((row) => row.status === status)?.count ?? 0);
    },
  );
  gauge(
    registry,
    'paygraph_withdrawals_open_oldest_age_seconds',
    'Time since the last change of the oldest withdrawal in each open status (0 when none)',
    ['status'],
    read,
    (set, state) => {
      for (const status of OPEN_WITHDRAWAL_STATES)
        set({ status }, ageSeconds(state.withdrawals.find((row) => row.status === status)?.oldest ?? null));
    },
  );
  gauge(
    registry,
    'paygraph_cash_outs_unattributed',
    'Withdrawals whose cash-out cannot be attributed (UNATTRIBUTED) or does not match (MISMATCHED)',
    ['state'],
    read,
    (set, state) => {
      for (const cashOut of UNATTRIBUTED_CASH_OUT_STATES)
        set({ state: cashOut }, state.cashOuts.find((row) => row.state === cashOut)?.count ?? 0);
    },
  );
  gauge(
    registry,
    'paygraph_withdrawal_reconciliation_lag_seconds',
    'Time since the last change of the oldest open withdrawal not checked with the provider since (0 when none)',
    [],
    read,
    (set, state) => {
      set({}, ageSeconds(state.oldestUncheckedChange));
    },
  );
}

type Labels = Record<string, string>;

function gauge(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  read: () => Promise<MoneyStateSnapshot | undefined>,
  report: (set: (labels: Labels, value: number) => void, snapshot: MoneyStateSnapshot) => void,
): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      const snapshot = await read();
      if (snapshot) report((labels, value) => this.set(labels, value), snapshot);
    },
  });
}

function find<T extends { provider: string; status: string }>(
  rows: readonly T[],
  provider: string,
  status: string,
) {
  return rows.find((row) => row.provider === provider && row.status === status);
}
