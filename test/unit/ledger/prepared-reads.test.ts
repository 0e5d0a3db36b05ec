import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Provider } from '../../../src/domain/provider.js';
import { TransactionKind } from '../../../src/domain/transaction.js';
import { migrateToLatest, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import { IdempotencyRepository } from '../../../src/ledger/idempotency.repository.js';
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
