import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type Kysely, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isSqliteLedger,
  isUniqueViolation,
  migrateToLatest,
  openDatabase,
  type LedgerDb,
} from '../../../src/ledger/database.js';
import { LedgerGroupCommitError, LedgerWrites } from '../../../src/ledger/ledger-writes.js';
import type { LedgerTables } from '../../../src/ledger/tables.js';
import { claim, openLoggedFileLedger, type LoggedFileLedger } from '../../helpers/logged-file-ledger.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../helpers/test-database.js';

/** A promise the test resolves when it chooses. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const keysIn = async (db: Kysely<LedgerTables>) =>
  (await db.selectFrom('idempotency_records').select('idempotency_key').execute())
    .map((row) => row.idempotency_key)
    .sort();

describe('LedgerWrites group commit on SQLite', () => {
  let ledger: LoggedFileLedger;
  let db: Kysely<LedgerTables>;
  let statements: string[];
  let writes: LedgerWrites;

  beforeEach(async () => {
    ledger = await openLoggedFileLedger();
    ({ db, statements } = ledger);
    writes = new LedgerWrites(db, { groupCommit: true });
  });

  afterEach(() => ledger.close());

  const committedKeys = () => ledger.committedKeys();
  const count = (statement: string) => statements.filter((text) => text === statement).length;

  it('writes units queued together in one transaction, each in its own savepoint', async () => {
    const keys = Array.from({ length: 50 }, (_, index) => `k${String(index).padStart(2, '0')}`);

    const results = await Promise.all(keys.map((key) => writes.run(claim(key))));

    expect(results).toEqual(keys);
    expect(count('begin')).toBe(1);
    expect(count('commit')).toBe(1);
    expect(count('savepoint "ledger_unit"') + count('savepoint ledger_unit')).toBe(50);
    expect(committedKeys()).toEqual(keys);
  });

  it('rolls back a failing unit alone and rejects only its caller', async () => {
    await writes.run(claim('taken'));
    const keys = Array.from({ length: 20 }, (_, index) => `k${index}`);
    const units = keys.map((key, index) =>
      index === 7
        ? // Writes its own key, then collides: both must vanish.
          writes.run(async (trx) => {
            await claim('k7-partial')(trx);
            return claim('taken')(trx);
          })
        : writes.run(claim(key)),
    );

    const settled = await Promise.allSettled(units);

    const rejected = settled.flatMap((result, index) => (result.status === 'rejected' ? [index] : []));
    expect(rejected).toEqual([7]);
    expect(isUniqueViolation((settled[7] as PromiseRejectedResult).reason)).toBe(true);
    expect(committedKeys()).toEqual(['taken', ...keys.filter((key) => key !== 'k7')].sort());
    expect(count('commit')).toBe(2);
  });

  it('rolls back a unit that throws after writing, and the next unit still sees a clean state', async () => {
    const failure = new Error('validation failed after the insert');
    const first = writes.run(async (trx) => {
      await claim('doomed')(trx);
      throw failure;
    });
    const second = writes.run(async (trx) => {
      const seen = await trx.selectFrom('idempotency_records').select('idempotency_key').execute();
      await claim('after')(trx);
      return seen.map((row) => row.idempotency_key);
    });

    await expect(first).rejects.toBe(failure);
    await expect(second).resolves.toEqual([]);
    expect(committedKeys()).toEqual(['after']);
  });

  it('answers a unit only after COMMIT: nothing it wrote is visible to others before', async () => {
    const seenFromInside: string[][] = [];
    const answered: string[] = [];
    const units = ['a', 'b', 'c'].map((key) =>
      writes
        .run(async (trx) => {
          await claim(key)(trx);
          seenFromInside.push(committedKeys());
          return key;
        })
        .then((value) => {
          answered.push(value);
          statements.push(`answered ${value}`);
          expect(committedKeys()).toContain(value);
        }),
    );

    await Promise.all(units);

    expect(seenFromInside).toEqual([[], [], []]);
    const commitAt = statements.indexOf('commit');
    expect(commitAt).toBeGreaterThan(-1);
    for (const key of ['a', 'b', 'c'])
      expect(statements.indexOf(`answered ${key}`)).toBeGreaterThan(commitAt);
    expect(answered).toEqual(['a', 'b', 'c']);
  });

  it('runs units in the order they were queued, and a later unit reads what an earlier one wrote', async () => {
    const order: number[] = [];
    const units = Array.from({ length: 10 }, (_, index) =>
      writes.run(async (trx) => {
        order.push(index);
        const before = await trx
          .selectFrom('idempotency_records')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        await claim(`k${index}`)(trx);
        return Number(before.n);
      }),
    );

    expect(await Promise.all(units)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('puts units that arrive while a group is being written into the next group', async () => {
    const holding = gate();
    const entered = gate();
    const first = writes.run(async (trx) => {
      await claim('first')(trx);
      entered.open();
      await holding.promise;
      return 'first';
    });
    await entered.promise;
    const later = ['l1', 'l2', 'l3'].map((key) => writes.run(claim(key)));
    // Queued during the first group: they must not be answered by its commit.
    expect(count('commit')).toBe(0);
    holding.open();

    await Promise.all([first, ...later]);

    expect(count('begin')).toBe(2);
    expect(count('commit')).toBe(2);
    expect(committedKeys()).toEqual(['first', 'l1', 'l2', 'l3']);
  });

  it('runs a unit alone in its transaction without a savepoint, and rolls all of it back when it fails', async () => {
    const failure = new Error('refused after writing');

    await expect(
      writes.run(async (trx) => {
        await claim('lone-partial')(trx);
        throw failure;
      }),
    ).rejects.toBe(failure);
    await expect(writes.run(claim('lone'))).resolves.toBe('lone');

    expect(statements.filter((text) => text.includes('savepoint'))).toEqual([]);
    expect(count('rollback')).toBe(1);
    expect(count('commit')).toBe(1);
    expect(committedKeys()).toEqual(['lone']);
  });

  it('takes at most maxGroupSize units per transaction', async () => {
    const small = new LedgerWrites(db, { groupCommit: true, maxGroupSize: 4 });

    await Promise.all(Array.from({ length: 10 }, (_, index) => small.run(claim(`k${index}`))));

    expect(count('commit')).toBe(3);
    expect(await keysIn(db)).toHaveLength(10);
  });

  it('rejects every unit of a group whose COMMIT fails, and keeps none of it', async () => {
    await sql`pragma foreign_keys = on`.execute(db);
    await sql`create table parent (id text primary key)`.execute(db);
    await sql`create table child (parent_id text references parent(id) deferrable initially deferred)`.execute(
      db,
    );
    const innocent = writes.run(claim('innocent'));
    // Valid until COMMIT checks the deferred foreign key.
    const orphan = writes.run((trx) =>
      sql`insert into child values ('nobody')`.execute(trx).then(() => 'orphan'),
    );

    const settled = await Promise.allSettled([innocent, orphan]);

    for (const result of settled) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(LedgerGroupCommitError);
    }
    expect(committedKeys()).toEqual([]);
    // The ledger goes on: the next group commits.
    await writes.run(claim('next'));
    expect(committedKeys()).toEqual(['next']);
  });

  it('still serves reads made while a group holds the connection, after its commit', async () => {
    const holding = gate();
    const entered = gate();
    const unit = writes.run(async (trx) => {
      await claim('held')(trx);
      entered.open();
      await holding.promise;
      return 'held';
    });
    await entered.promise;
    const read = keysIn(db);
    holding.open();

    await unit;
    expect(await read).toEqual(['held']);
  });
});

describe('openDatabase on SQLite', () => {
  it('opens a file ledger in WAL mode with synchronous=FULL and groups its writes', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ledger-open-'));
    const db = openDatabase({ kind: 'sqlite', path: join(directory, 'ledger.sqlite') });
    try {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      expect(journal.rows[0]?.journal_mode).toBe('wal');
      // 2 = FULL: the WAL is fsynced at every commit.
      expect(synchronous.rows[0]?.synchronous).toBe(2);
      expect(isSqliteLedger(db)).toBe(true);
    } finally {
      await db.destroy();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe(`LedgerWrites on the test ledger (${testDatabaseKind})`, () => {
  let database: TestDatabase;
  let db: LedgerDb;
  let writes: LedgerWrites;

  beforeEach(async () => {
    database = await createTestDatabase();
    db = openDatabase(database.config);
    await migrateToLatest(db);
    writes = new LedgerWrites(db);
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('commits concurrent units and rejects only the one whose key is taken', async () => {
    const keys = Array.from({ length: 30 }, (_, index) => `k${String(index).padStart(2, '0')}`);
    const settled = await Promise.allSettled([
      ...keys.map((key) => writes.run(claim(key))),
      writes.run(claim('k05')),
    ]);

    // On PostgreSQL the two units of k05 race: either may be the one refused.
    const rejected = settled.filter((result) => result.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(isUniqueViolation(rejected[0]!.reason)).toBe(true);
    expect(await keysIn(db)).toEqual(keys);
  });
});
