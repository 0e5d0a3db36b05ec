import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase, walSyncOf } from '../../../src/ledger/database.js';
import { LedgerDurabilityError, LedgerWrites } from '../../../src/ledger/ledger-writes.js';
import type { CommitDurability } from '../../../src/ledger/wal-sync.js';
import { claim, openLoggedFileLedger, type LoggedFileLedger } from '../../helpers/logged-file-ledger.js';

/** A durability port the test completes by hand, recording what had been committed at each flush. */
class HeldDurability implements CommitDurability {
  readonly flushes: { committedBefore: number; done(error?: Error): void }[] = [];
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly commitsSoFar: () => number) {}

  flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.flushes.push({
        committedBefore: this.commitsSoFar(),
        done: (error) => (error ? reject(error) : resolve()),
      });
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  /** Resolves once `count` flushes have been asked for. */
  async asked(count: number): Promise<void> {
    while (this.flushes.length < count) await new Promise<void>((wake) => this.waiters.push(wake));
  }
}

describe('LedgerWrites with the commit made durable after COMMIT (WAL synced off the event loop)', () => {
  let ledger: LoggedFileLedger;
  let statements: string[];
  let durability: HeldDurability;
  let writes: LedgerWrites;

  beforeEach(async () => {
    ledger = await openLoggedFileLedger();
    statements = ledger.statements;
    durability = new HeldDurability(() => statements.filter((text) => text === 'commit').length);
    writes = new LedgerWrites(ledger.db, { groupCommit: true, durability });
  });

  afterEach(() => ledger.close());

  const committedKeys = () => ledger.committedKeys();

  it('answers a group only once the flush after its COMMIT completes', async () => {
    const answered: string[] = [];
    const units = ['a', 'b'].map((key) => writes.run(claim(key)).then((value) => void answered.push(value)));

    await durability.asked(1);
    expect(durability.flushes[0]!.committedBefore).toBe(1);
    expect(committedKeys()).toEqual(['a', 'b']);
    // Committed, not yet durable: nobody has heard back.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toEqual([]);

    durability.flushes[0]!.done();
    await Promise.all(units);
    expect(answered).toEqual(['a', 'b']);
  });

  it('commits the next group while the last one waits for its flush, and answers both in order', async () => {
    const order: string[] = [];
    const first = writes.run(claim('first')).then((key) => void order.push(key));
    await durability.asked(1);
    const second = writes.run(claim('second')).then((key) => void order.push(key));
    await durability.asked(2);

    expect(durability.flushes.map((flush) => flush.committedBefore)).toEqual([1, 2]);
    // Even when the later flush completes first, callers hear back in the order they queued.
    durability.flushes[1]!.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    durability.flushes[0]!.done();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('commits its groups with synchronous=NORMAL and leaves FULL for every other write', async () => {
    const unit = writes.run(claim('k'));
    await durability.asked(1);
    durability.flushes[0]!.done();
    await unit;

    const during = statements.slice(0, statements.indexOf('commit') + 1);
    expect(during[0]).toBe('pragma synchronous = normal');
    expect(during).toContain('begin');
    expect(statements[statements.indexOf('commit') + 1]).toBe('pragma synchronous = full');
    const now = await sql<{ synchronous: number }>`pragma synchronous`.execute(ledger.db);
    expect(now.rows[0]?.synchronous).toBe(2);
  });

  it('refuses the group whose flush failed, and every write after it', async () => {
    const failed = writes.run(claim('lost'));
    await durability.asked(1);
    durability.flushes[0]!.done(new Error('EIO: i/o error, fdatasync'));

    await expect(failed).rejects.toBeInstanceOf(LedgerDurabilityError);
    await expect(writes.run(claim('after'))).rejects.toBeInstanceOf(LedgerDurabilityError);
    expect(durability.flushes).toHaveLength(1);
  });
});

describe('an SQLite file ledger opened by openDatabase', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ledger-wal-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('syncs its log off the event loop and keeps synchronous=FULL outside its group commits', async () => {
    const db = openDatabase({ kind: 'sqlite', path: join(directory, 'ledger.sqlite') });
    try {
      await migrateToLatest(db);
      expect(walSyncOf(db)).toBeDefined();
      const writes = new LedgerWrites(db);

      const keys = await Promise.all(['x', 'y', 'z'].map((key) => writes.run(claim(key))));

      expect(keys).toEqual(['x', 'y', 'z']);
      const rows = await db.selectFrom('idempotency_records').select('idempotency_key').execute();
      expect(rows.map((row) => row.idempotency_key).sort()).toEqual(['x', 'y', 'z']);
      const now = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      expect(now.rows[0]?.synchronous).toBe(2);
    } finally {
      await db.destroy();
    }
  });

  it('has nothing to sync in memory: COMMIT is all there is', async () => {
    const db = openDatabase({ kind: 'sqlite', path: ':memory:' });
    try {
      expect(walSyncOf(db)).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });
});
