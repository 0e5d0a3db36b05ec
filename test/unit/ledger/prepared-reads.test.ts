import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Provider } from '../../../src/domain/provider.js';
import { TransactionKind } from '../../../src/domain/transaction.js';
import { migrateToLatest, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import { IdempotencyRepository } from '../../../src/ledger/idempotency.repository.js';
import { LedgerWrites } from '../../../src/ledger/ledger-writes.js';
import { TransactionsRepository } from '../../../src/ledger/transactions.repository.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../helpers/test-database.js';

/** The hot reads run precompiled SQL with each call's values: they must never answer a previous call's rows. */
describe(`prepared ledger reads (${testDatabaseKind})`, () => {
  let database: TestDatabase;
  let db: LedgerDb;
  let transactions: TransactionsRepository;
  let idempotency: IdempotencyRepository;
  const ids = Array.from({ length: 150 }, (_, index) => `tx-${String(index).padStart(3, '0')}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = openDatabase(database.config);
    await migrateToLatest(db);
    transactions = new TransactionsRepository(db);
    idempotency = new IdempotencyRepository(db);
    for (const [index, id] of ids.entries()) {
      const principal = index % 2 === 0 ? 'alice' : 'bob';
      await transactions.insertSending({
        id,
        provider: Provider.NUMEROPAY,
        kind: TransactionKind.PAYMENT,
        amount: `${index}.00`,
        currency: 'AUD',
        principal,
        idempotencyKey: `key-${index}`,
        requestHash: 'h',
      });
      await idempotency
        .insert({
          principal,
          idempotency_key: `key-${index % 10}`,
          operation: 'createPayment',
          request_hash: 'h',
          resource_type: 'transaction',
          resource_id: id,
        })
        .catch(() => undefined);
    }
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('finds each transaction by id, and nothing for an unknown id', async () => {
    for (const id of ['tx-000', 'tx-077', 'tx-149']) expect((await transactions.findById(id))?.id).toBe(id);
    expect((await transactions.findById('tx-000'))?.amount).toBe('0.00');
    expect(await transactions.findById('nope')).toBeUndefined();
  });

  it('finds lists of ids of every length, the same length twice with other ids', async () => {
    const found = async (wanted: string[]) => (await transactions.findByIds(wanted)).map((r) => r.id).sort();
    expect(await found(['tx-001', 'tx-002'])).toEqual(['tx-001', 'tx-002']);
    expect(await found(['tx-010', 'tx-011'])).toEqual(['tx-010', 'tx-011']);
    expect(await found(['tx-005', 'missing'])).toEqual(['tx-005']);
    expect(await found(ids.slice(0, 100))).toEqual(ids.slice(0, 100));
    // Past the lengths kept compiled.
    expect(await found(ids)).toEqual(ids);
    expect(await transactions.findByIds([])).toEqual([]);
  });

  it('looks idempotency keys up per principal', async () => {
    expect((await idempotency.find('alice', 'key-4'))?.resource_id).toBe('tx-004');
    expect((await idempotency.find('bob', 'key-3'))?.resource_id).toBe('tx-003');
    expect(await idempotency.find('alice', 'key-3')).toBeUndefined();
    expect(await idempotency.find('carol', 'key-4')).toBeUndefined();
  });
});

/**
 * On SQLite the hot reads run on the one connection directly when no transaction is open there: they
 * must never see what an open group commit has written but not committed, and must not wait for Kysely's
 * connection lock when nothing is uncommitted.
 */
describe('prepared ledger reads on the SQLite connection', () => {
  let directory: string;
  let db: LedgerDb;
  let transactions: TransactionsRepository;
  let writes: LedgerWrites;
  const sending = (id: string) => ({
    id,
    provider: Provider.NUMEROPAY,
    kind: TransactionKind.PAYMENT,
    amount: '1.00',
    currency: 'AUD',
    principal: 'alice',
    idempotencyKey: `key-${id}`,
    requestHash: 'h',
  });

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-reads-'));
    db = openDatabase({ kind: 'sqlite', path: join(directory, 'ledger.sqlite') });
    await migrateToLatest(db);
    transactions = new TransactionsRepository(db);
    writes = new LedgerWrites(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(directory, { recursive: true, force: true });
  });

  /** A unit that writes `id`, then waits inside the open transaction until the test lets it end. */
  function heldUnit(id: string, ending: 'commit' | 'roll back') {
    let written!: () => void;
    const inside = new Promise<void>((resolve) => (written = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const done = writes.run(async (trx) => {
      await transactions.insertSending(sending(id), trx);
      written();
      await released;
      if (ending === 'roll back') throw new Error('the unit fails after writing');
    });
    return { inside, release, done };
  }

  it('does not see a row written inside an open transaction that then rolls back', async () => {
    const unit = heldUnit('tx-rolled-back', 'roll back');
    await unit.inside;
    const byId = transactions.findById('tx-rolled-back');
    const byIds = transactions.findByIds(['tx-rolled-back']);
    unit.release();
    await expect(unit.done).rejects.toThrow('the unit fails after writing');

    // Read on the connection while the transaction was open, both would have found the row.
    expect(await byId).toBeUndefined();
    expect(await byIds).toEqual([]);
  });

  it('answers a row written inside an open transaction only once it is committed', async () => {
    const unit = heldUnit('tx-committed', 'commit');
    await unit.inside;
    const events: string[] = [];
    const read = transactions.findById('tx-committed').then((row) => (events.push('read'), row));
    unit.release();
    await unit.done;
    events.push('committed');

    expect((await read)?.id).toBe('tx-committed');
    expect(events[0]).toBe('read');
    expect(events).toContain('committed');
  });

  it('reads committed rows while Kysely holds the connection outside a transaction', async () => {
    await writes.run((trx) => transactions.insertSending(sending('tx-before'), trx));
    let release!: () => void;
    const held = db.connection().execute(() => new Promise<void>((resolve) => (release = resolve)));

    // Through Kysely this read would wait for the connection, and the test would never end.
    expect((await transactions.findById('tx-before'))?.id).toBe('tx-before');
    expect((await transactions.findByIds(['tx-before', 'absent'])).map((row) => row.id)).toEqual([
      'tx-before',
    ]);
    release();
    await held;
  });
});
