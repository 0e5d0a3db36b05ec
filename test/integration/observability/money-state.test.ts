import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { migrateToLatest, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import { MoneyStateRepository } from '../../../src/ledger/money-state.repository.js';
import { withdrawalsDb } from '../../../src/ledger/withdrawals.table.js';
import {
  registerMoneyStateMetrics,
  type MoneyStateSource,
} from '../../../src/observability/money-state-metrics.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

let sequence = 0;
function transaction(provider: string, status: string, changedMinutesAgo: number) {
  sequence += 1;
  return {
    id: `t-${sequence}`,
    provider,
    kind: 'MOBILE_RECHARGE',
    amount: '10',
    currency: 'NPR',
    status,
    provider_reference: null,
    account_ref: '9812345678',
    description: null,
    metadata: null,
    error_code: null,
    principal: 'money-state',
    idempotency_key: `key-${sequence}`,
    request_hash: 'h'.repeat(64),
    created_at: ago(changedMinutesAgo + 5),
    updated_at: ago(changedMinutesAgo),
  };
}

function withdrawal(
  status: string,
  changedMinutesAgo: number,
  extra: { checkedMinutesAgo?: number; cashOutState?: string } = {},
) {
  sequence += 1;
  return {
    id: `w-${sequence}`,
    provider: 'NCHL',
    transaction_unique_id: `u-${sequence}`.padEnd(36, '0'),
    status,
    amount: '1000',
    currency: 'NPR',
    mobile_number: '9812345678',
    account_name: 'Test',
    account_number: '0001',
    branch_id: '001',
    bank_id: 'BANK',
    remarks: 'test',
    provider_reference: null,
    expires_at: null,
    cash_out_state: extra.cashOutState ?? null,
    cash_out: null,
    error_code: null,
    principal: 'money-state',
    idempotency_key: `wkey-${sequence}`,
    request_hash: 'h'.repeat(64),
    created_at: ago(changedMinutesAgo + 5),
    updated_at: ago(changedMinutesAgo),
    checked_at: extra.checkedMinutesAgo === undefined ? null : ago(extra.checkedMinutesAgo),
  };
}

async function scrape(source: MoneyStateSource): Promise<Map<string, number>> {
  const registry = new Registry();
  registerMoneyStateMetrics(registry, source, () => NOW);
  const values = new Map<string, number>();
  for (const metric of await registry.getMetricsAsJSON())
    for (const value of metric.values) {
      const labels = Object.entries(value.labels)
        .map(([name, label]) => `${name}=${String(label)}`)
        .join(',');
      values.set(`${metric.name}{${labels}}`, value.value);
    }
  return values;
}

describe('money-state gauges, read from the ledger at scrape time', () => {
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = openDatabase(database.config);
    await migrateToLatest(db);
    await db
      .insertInto('transactions')
      .values([
        transaction('NUPEYE', 'SENDING', 10),
        transaction('NUMEROPAY', 'PENDING', 90),
        transaction('NUMEROPAY', 'UNKNOWN', 60),
        transaction('NUMEROPAY', 'UNKNOWN', 30),
        transaction('NUMEROPAY', 'SUCCEEDED', 120),
        transaction('DIGIPAY', 'FAILED', 120),
      ])
      .execute();
    await withdrawalsDb(db)
      .insertInto('withdrawals')
      .values([
        withdrawal('PENDING', 3),
        withdrawal('PROCESSING', 45, { checkedMinutesAgo: 40 }),
        // Checked before its last change: the reconciler has not looked at it since.
        withdrawal('REQUESTED', 20, { checkedMinutesAgo: 25 }),
        withdrawal('PAID', 90, { cashOutState: 'UNATTRIBUTED' }),
        withdrawal('PAID', 80, { cashOutState: 'MISMATCHED' }),
        withdrawal('FAILED', 80, { cashOutState: 'MISMATCHED' }),
        withdrawal('PAID', 200, { cashOutState: 'ACCEPTED' }),
      ])
      .execute();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('counts open transactions and ages the oldest, every provider and status reported', async () => {
    const values = await scrape(new MoneyStateRepository(db));
    const open = (labels: string) => values.get(`paygraph_transactions_open{${labels}}`);
    const age = (labels: string) => values.get(`paygraph_transactions_open_oldest_age_seconds{${labels}}`);
    expect(open('provider=NUPEYE,status=SENDING')).toBe(1);
    expect(open('provider=NUMEROPAY,status=PENDING')).toBe(1);
    expect(open('provider=NUMEROPAY,status=UNKNOWN')).toBe(2);
    expect(open('provider=NUPEYE,status=UNKNOWN')).toBe(0);
    expect(age('provider=NUMEROPAY,status=UNKNOWN')).toBe(3600);
    expect(age('provider=NUPEYE,status=SENDING')).toBe(600);
    expect(age('provider=DIGIPAY,status=SENDING')).toBe(0);
    expect([...values.keys()].filter((key) => key.startsWith('paygraph_transactions_open{'))).toHaveLength(
      15,
    );
  });

  it('counts open withdrawals by status, unattributed cash-outs by state, and the reconciliation lag', async () => {
    const values = await scrape(new MoneyStateRepository(db));
    expect(values.get('paygraph_withdrawals_open{status=PENDING}')).toBe(1);
    expect(values.get('paygraph_withdrawals_open{status=PROCESSING}')).toBe(1);
    expect(values.get('paygraph_withdrawals_open{status=REQUESTED}')).toBe(1);
    expect(values.get('paygraph_withdrawals_open{status=UNKNOWN}')).toBe(0);
    expect(values.get('paygraph_withdrawals_open_oldest_age_seconds{status=PROCESSING}')).toBe(2700);
    expect(values.get('paygraph_cash_outs_unattributed{state=UNATTRIBUTED}')).toBe(1);
    expect(values.get('paygraph_cash_outs_unattributed{state=MISMATCHED}')).toBe(2);
    // The PENDING one (never checked, changed 3 min ago) and the REQUESTED one (changed 20 min ago,
    // checked 25 min ago) lag; the PROCESSING one was checked after its change.
    expect(values.get('paygraph_withdrawal_reconciliation_lag_seconds{}')).toBe(1200);
  });

  it('keeps the scrape alive when the ledger cannot be read, and counts the failure', async () => {
    const broken: MoneyStateSource = { snapshot: () => Promise.reject(new Error('ledger unreachable')) };
    const values = await scrape(broken);
    expect(values.get('paygraph_money_state_query_failures_total{}')).toBe(1);
  });
});
