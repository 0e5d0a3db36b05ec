import { CompiledQuery, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import { isSqliteLedger, walSyncOf, type LedgerDb } from './database.js';
import type { LedgerTables } from './tables.js';
import type { CommitDurability } from './wal-sync.js';

export type LedgerTransaction = Transaction<LedgerTables>;

/** A unit of work: ledger statements only, on `trx` (never on the ledger itself, which it would wait for). */
export type LedgerUnit<T> = (trx: LedgerTransaction) => Promise<T>;

export interface LedgerWritesOptions {
  /**
   * Group concurrent units into one transaction. Default: on for SQLite (one connection, one writer, an
   * fsync per commit), off for PostgreSQL, whose concurrent transactions already share WAL flushes.
   */
  groupCommit?: boolean;
  /** Most units one transaction takes; later ones wait for the next. */
  maxGroupSize?: number;
  /**
   * How a group's commit is made durable after COMMIT and before its units are answered. Default: an
   * SQLite file ledger in WAL mode syncs its log in the thread pool (WalSync); without one, COMMIT
   * itself syncs (synchronous=FULL) on the event loop.
   */
  durability?: CommitDurability;
}

/** Thrown to the units of a group whose transaction could not commit (the cause says why). */
export class LedgerGroupCommitError extends Error {
  constructor(cause: unknown) {
    super('the ledger transaction these writes shared did not commit', { cause });
    this.name = 'LedgerGroupCommitError';
  }
}

/**
 * Thrown to the units of a group that committed but could not be made durable (the fsync failed), and
 * to every unit after it: what the disk holds is no longer known, so this ledger takes no more money
 * writes until the process is restarted, as PostgreSQL stops on a failed fsync.
 */
export class LedgerDurabilityError extends Error {
  constructor(cause: unknown) {
    super('the ledger could not make its writes durable; it takes no more writes until restarted', {
      cause,
    });
    this.name = 'LedgerDurabilityError';
  }
}

interface QueuedUnit {
  unit: LedgerUnit<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * The one way money state is written: each unit of work runs atomically (all or nothing) and is durable
 * once `run` resolves. Units of concurrent requests may share one database transaction and one fsync
 * (group commit); a unit that fails is rolled back alone and rejects its own caller only.
 *
 * On SQLite, units queued in the same turn of the event loop, or while a group is being written, form
 * the next group: one BEGIN, each unit inside its own SAVEPOINT (released when it succeeds, rolled back
 * when it throws), one COMMIT. Every caller hears back only after that COMMIT and the fsync that
 * makes it durable, in the order the units were queued. A unit may read what earlier units of its
 * group wrote, as it would after their commit. With the fsync in the thread pool (WalSync), the next
 * group commits while the last one's log is being synced; a unit may read what such a group wrote
 * before it is durable, but nobody acts on that group's writes (its callers are not yet answered) and
 * this unit is answered only after a later fsync, which covers them too.
 */
export class LedgerWrites {
  private readonly grouped: boolean;
  private readonly maxGroupSize: number;
  private readonly durability: CommitDurability | undefined;
  private queue: QueuedUnit[] = [];
  /** A group is scheduled or being written: new units wait for the one after it. */
  private busy = false;
  private undurable: LedgerDurabilityError | undefined;
  /** The last group's answers: the next group's callers hear back after them. */
  private answered: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: LedgerDb,
    options: LedgerWritesOptions = {},
  ) {
    this.grouped = options.groupCommit ?? isSqliteLedger(db);
    this.maxGroupSize = options.maxGroupSize ?? 256;
    this.durability = options.durability ?? walSyncOf(db);
  }

  run<T>(unit: LedgerUnit<T>): Promise<T> {
    if (!this.grouped) return this.db.transaction().execute(unit);
    if (this.undurable) return Promise.reject(this.undurable);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ unit, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.busy) return;
    this.busy = true;
    // After the I/O callbacks of this turn: every request that arrived with it brings its unit first.
    setImmediate(() => void this.writeNextGroup());
  }

  private async writeNextGroup(): Promise<void> {
    const group = this.queue.splice(0, this.maxGroupSize);
    let outcomes: Outcome[] | undefined;
    try {
      outcomes = await this.commitGroup(group);
    } catch (error) {
      // Setting synchronous failed around the transaction: nobody is told their write is durable.
      for (const queued of group) queued.reject(new LedgerGroupCommitError(error));
    } finally {
      // The next group may commit while this one's fsync runs: that fsync or the next covers both.
      this.busy = false;
      if (this.queue.length > 0) this.schedule();
    }
    if (!outcomes) return;
    const durable = this.durable();
    const previous = this.answered;
    this.answered = previous.then(() => durable.then(() => this.answer(group, outcomes)));
    await this.answered;
  }

  /** Settles once this group's commit is durable, or the ledger is marked as no longer durable. */
  private async durable(): Promise<void> {
    try {
      await this.durability?.flush();
    } catch (error) {
      this.undurable ??= new LedgerDurabilityError(error);
    }
  }

  /** The group's outcomes once committed; when the transaction fails, its units are rejected here. */
  private async commitGroup(group: QueuedUnit[]): Promise<Outcome[] | undefined> {
    if (!this.durability) return this.writeGroup(this.db, group);
    // synchronous=NORMAL only for this transaction (the setting cannot change inside one), on the
    // connection held throughout: every other write on the ledger keeps FULL.
    return this.db.connection().execute(async (connection) => {
      await connection.executeQuery(SYNCHRONOUS_NORMAL);
      try {
        return await this.writeGroup(connection, group);
      } finally {
        await connection.executeQuery(SYNCHRONOUS_FULL);
      }
    });
  }

  private answer(group: QueuedUnit[], outcomes: Outcome[]): void {
    // A group whose own fsync succeeded after an earlier one failed is refused too.
    if (this.undurable) {
      for (const queued of [...group, ...this.queue.splice(0)]) queued.reject(this.undurable);
      return;
    }
    group.forEach((queued, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }

  private async writeGroup(db: Kysely<LedgerTables>, group: QueuedUnit[]): Promise<Outcome[] | undefined> {
    const outcomes: Outcome[] = [];
    let trx: ControlledTransaction<LedgerTables> | undefined;
    try {
      trx = await db.startTransaction().execute();
      if (group.length === 1) {
        // Alone in its transaction, a unit needs no savepoint: when it fails, all of it is rolled back.
        const outcome = await runCaught(trx, group[0]!.unit);
        outcomes.push(outcome);
        await (outcome.ok ? trx.commit() : trx.rollback()).execute();
        return outcomes;
      }
      for (const queued of group) outcomes.push(await runInSavepoint(trx, queued.unit));
      await trx.commit().execute();
      return outcomes;
    } catch (error) {
      // BEGIN or COMMIT failed, or SQLite abandoned the transaction (disk full, I/O error): none of the
      // group is durable. Units that failed on their own keep their own error.
      if (trx)
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
      group.forEach((queued, index) => {
        const outcome = outcomes[index];
        queued.reject(outcome && !outcome.ok ? outcome.error : new LedgerGroupCommitError(error));
      });
      return undefined;
    }
  }
}

/** Compiled once: every unit of every group runs them. */
const SAVEPOINT = CompiledQuery.raw('savepoint ledger_unit');
const ROLLBACK_TO_SAVEPOINT = CompiledQuery.raw('rollback to savepoint ledger_unit');
const RELEASE_SAVEPOINT = CompiledQuery.raw('release savepoint ledger_unit');
const SYNCHRONOUS_NORMAL = CompiledQuery.raw('pragma synchronous = normal');
const SYNCHRONOUS_FULL = CompiledQuery.raw('pragma synchronous = full');

async function runCaught(trx: LedgerTransaction, unit: LedgerUnit<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await unit(trx) };
  } catch (error) {
    return { ok: false, error };
  }
}

async function runInSavepoint(trx: LedgerTransaction, unit: LedgerUnit<unknown>): Promise<Outcome> {
  await trx.executeQuery(SAVEPOINT);
  const outcome = await runCaught(trx, unit);
  // A failure here (e.g. SQLite already rolled the whole transaction back) fails the group.
  if (!outcome.ok) await trx.executeQuery(ROLLBACK_TO_SAVEPOINT);
  await trx.executeQuery(RELEASE_SAVEPOINT);
  return outcome;
}
