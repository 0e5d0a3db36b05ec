import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Provider } from '../../../src/domain/provider.js';
import { TransactionKind, TransactionStatus } from '../../../src/domain/transaction.js';
import { migrateToLatest, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import { type TransactionRecord } from '../../../src/domain/transaction.js';
import { TransactionsRepository, type NewTransaction } from '../../../src/ledger/transactions.repository.js';
import { type TransactionFilter } from '../../../src/domain/transaction.js';

interface Seed {
  id: string;
  principal: string;
  provider: Provider;
  kind: TransactionKind;
  status: TransactionStatus;
  accountRef?: string;
  createdAt: string;
}

const T = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();

// Several rows share a timestamp, so the id decides their order.
const SEEDS: Seed[] = [
  {
    id: 'a1',
    principal: 'alice',
    provider: Provider.NUMEROPAY,
    kind: TransactionKind.PAYMENT,
    status: TransactionStatus.SUCCEEDED,
    createdAt: T(1),
  },
  {
    id: 'a2',
    principal: 'alice',
    provider: Provider.NUPEYE,
    kind: TransactionKind.MOBILE_RECHARGE,
    status: TransactionStatus.FAILED,
    accountRef: '9800000001',
    createdAt: T(2),
  },
  {
    id: 'a3',
    principal: 'alice',
    provider: Provider.NUPEYE,
    kind: TransactionKind.WALLET_TRANSFER,
    status: TransactionStatus.PENDING,
    accountRef: '9800000002',
    createdAt: T(2),
  },
  {
    id: 'a4',
    principal: 'alice',
    provider: Provider.DIGIPAY,
    kind: TransactionKind.WALLET_TOPUP,
    status: TransactionStatus.UNKNOWN,
    createdAt: T(2),
  },
  {
    id: 'a5',
    principal: 'alice',
    provider: Provider.NUMEROPAY,
    kind: TransactionKind.PAYMENT,
    status: TransactionStatus.PENDING,
    createdAt: T(3),
  },
  {
    id: 'a6',
    principal: 'alice',
    provider: Provider.NUPEYE,
    kind: TransactionKind.MOBILE_RECHARGE,
    status: TransactionStatus.SUCCEEDED,
    accountRef: '9800000001',
    createdAt: T(4),
  },
  {
    id: 'a7',
    principal: 'alice',
    provider: Provider.NUMEROPAY,
    kind: TransactionKind.PAYMENT,
    status: TransactionStatus.SUCCEEDED,
    createdAt: T(4),
  },
  {
    id: 'b1',
    principal: 'bob',
    provider: Provider.NUMEROPAY,
    kind: TransactionKind.PAYMENT,
    status: TransactionStatus.SUCCEEDED,
    createdAt: T(3),
  },
];

describe('TransactionsRepository', () => {
  let db: LedgerDb;
  let repository: TransactionsRepository;

  beforeAll(async () => {
    db = openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(db);
    repository = new TransactionsRepository(db);
    for (const seed of SEEDS) {
      const row: NewTransaction = {
        id: seed.id,
        provider: seed.provider,
        kind: seed.kind,
        amount: '10.5',
        currency: 'NPR',
        accountRef: seed.accountRef,
        principal: seed.principal,
        idempotencyKey: `key-${seed.id}`,
        requestHash: 'hash',
      };
      await repository.insertSending(row);
      await repository.advance(seed.id, { status: seed.status });
      await db
        .updateTable('transactions')
        .set({ created_at: seed.createdAt, updated_at: seed.createdAt })
        .where('id', '=', seed.id)
        .execute();
    }
  });
  afterAll(() => db.destroy());

  const ids = (records: TransactionRecord[]) => records.map((record) => record.id);
  const list = async (filter: Omit<TransactionFilter, 'principal'> = {}, limit = 100) =>
    ids(await repository.list({ principal: 'alice', ...filter }, limit));

  it("lists one principal's transactions newest first, ties broken by id", async () => {
    expect(await list()).toEqual(['a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
    expect(ids(await repository.list({ principal: 'bob' }, 100))).toEqual(['b1']);
    expect(await repository.list({ principal: 'carol' }, 100)).toEqual([]);
  });

  it('walks every row exactly once, in order, page by page through cursors', async () => {
    for (const pageSize of [1, 2, 3]) {
      const seen: string[] = [];
      let after: { createdAt: string; id: string } | undefined;
      for (;;) {
        const page = await repository.list({ principal: 'alice' }, pageSize, after);
        seen.push(...ids(page));
        const last = page[page.length - 1];
        if (page.length < pageSize || !last) break;
        after = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen).toEqual(['a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
    }
  });

  it('continues after a cursor inside a run of equal timestamps', async () => {
    expect(ids(await repository.list({ principal: 'alice' }, 10, { createdAt: T(2), id: 'a4' }))).toEqual([
      'a3',
      'a2',
      'a1',
    ]);
  });

  it.each<[string, Omit<TransactionFilter, 'principal'>, string[]]>([
    ['provider', { provider: Provider.NUPEYE }, ['a6', 'a3', 'a2']],
    ['kind', { kind: TransactionKind.PAYMENT }, ['a7', 'a5', 'a1']],
    ['status', { status: TransactionStatus.PENDING }, ['a5', 'a3']],
    ['account', { accountRef: '9800000001' }, ['a6', 'a2']],
    ['created at or after (inclusive)', { createdAfter: T(3) }, ['a7', 'a6', 'a5']],
    ['created before (exclusive)', { createdBefore: T(2) }, ['a1']],
    ['a time window', { createdAfter: T(2), createdBefore: T(4) }, ['a5', 'a4', 'a3', 'a2']],
    ['several at once', { provider: Provider.NUMEROPAY, status: TransactionStatus.SUCCEEDED }, ['a7', 'a1']],
  ])('filters by %s', async (_label, filter, expected) => {
    expect(await list(filter)).toEqual(expected);
  });

  it('applies filters and cursors together', async () => {
    const first = await repository.list({ principal: 'alice', provider: Provider.NUMEROPAY }, 2);
    expect(ids(first)).toEqual(['a7', 'a5']);
    const last = first[1]!;
    const next = await repository.list({ principal: 'alice', provider: Provider.NUMEROPAY }, 2, {
      createdAt: last.createdAt,
      id: last.id,
    });
    expect(ids(next)).toEqual(['a1']);
  });

  it('moves a transaction only forward, changing only the fields it is given', async () => {
    await repository.insertSending({
      id: 'settle-1',
      provider: Provider.NUMEROPAY,
      kind: TransactionKind.PAYMENT,
      amount: '1',
      currency: 'AUD',
      metadata: { order: 42 },
      principal: 'dave',
      idempotencyKey: 'settle',
      requestHash: 'hash',
    });
    await repository.advance('settle-1', { status: TransactionStatus.PENDING, providerReference: 'np-1' });
    expect(await repository.findById('settle-1')).toMatchObject({
      status: 'PENDING',
      providerReference: 'np-1',
      metadata: { order: 42 },
      errorCode: null,
    });
    const paid = await repository.advance('settle-1', { status: TransactionStatus.SUCCEEDED });
    expect(paid).toMatchObject({ status: 'SUCCEEDED', providerReference: 'np-1', metadata: { order: 42 } });
    // A stale read of the provider (still pending), or anything else backwards, changes nothing.
    for (const status of [
      TransactionStatus.PENDING,
      TransactionStatus.SENDING,
      TransactionStatus.UNKNOWN,
      TransactionStatus.FAILED,
    ])
      expect(await repository.advance('settle-1', { status, errorCode: 'LATE' })).toBeUndefined();
    expect(await repository.findById('settle-1')).toMatchObject({ status: 'SUCCEEDED', errorCode: null });
    expect(await repository.advance('settle-1', { status: TransactionStatus.REFUNDED })).toMatchObject({
      status: 'REFUNDED',
    });
    expect(await repository.advance('settle-1', { status: TransactionStatus.SUCCEEDED })).toBeUndefined();
  });

  it('turns only SENDING rows older than the cut-off UNKNOWN, never settled or answered ones', async () => {
    await repository.insertSending({
      id: 'stale-1',
      provider: Provider.NUPEYE,
      kind: TransactionKind.MOBILE_RECHARGE,
      amount: '1',
      currency: 'INR',
      principal: 'erin',
      idempotencyKey: 'stale',
      requestHash: 'hash',
    });
    await db
      .updateTable('transactions')
      .set({ updated_at: T(1) })
      .where('id', '=', 'stale-1')
      .execute();
    const cutOff = T(30);
    expect(await repository.markStaleSendingUnknown(cutOff)).toBe(1);
    expect(await repository.findById('stale-1')).toMatchObject({
      status: 'UNKNOWN',
      errorCode: 'INTERRUPTED',
    });
    expect(await repository.markStaleSendingUnknown(cutOff)).toBe(0);
    expect(await repository.findById('a5')).toMatchObject({ status: 'PENDING' });
  });
});
