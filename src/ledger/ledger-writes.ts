import { CompiledQuery, type ControlledTransaction, type Transaction } from 'kysely';
import { isSqliteLedger, type LedgerDb } from './database.js';
import type { LedgerTables } from './tables.js';

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
}

/** Thrown to the units of a group whose transaction could not commit (the cause says why). */
export class LedgerGroupCommitError extends Error {
  constructor(cause: unknown) {
    super('the ledger transaction these writes shared did not commit', { cause });
    this.name = 'LedgerGroupCommitError';
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
 * when it throws), one COMMIT. Every caller hears back only after that COMMIT, in the order the units
 * were queued. A unit may read what earlier units of its group wrote, as it would after their commit.
 */
export class LedgerWrites {
  private readonly grouped: boolean;
  private readonly maxGroupSize: number;
  private queue: QueuedUnit[] = [];
  /** A group is scheduled or being written: new units wait for the one after it. */
  private busy = false;

  constructor(
    private readonly db: LedgerDb,
    options: LedgerWritesOptions = {},
  ) {
    this.grouped = options.groupCommit ?? isSqliteLedger(db);
    this.maxGroupSize = options.maxGroupSize ?? 256;
  }

  run<T>(unit: LedgerUnit<T>): Promise<T> {
    if (!this.grouped) return this.db.transaction().execute(unit);
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
    try {
      await this.writeGroup(group);
    } finally {
      this.busy = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private async writeGroup(group: QueuedUnit[]): Promise<void> {
    const outcomes: Outcome[] = [];
    let trx: ControlledTransaction<LedgerTables> | undefined;
    try {
      trx = await this.db.startTransaction().execute();
      for (const queued of group) outcomes.push(await runInSavepoint(trx, queued.unit));
      await trx.commit().execute();
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
      return;
    }
    group.forEach((queued, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }
}

/** Compiled once: every unit of every group runs them. */
const SAVEPOINT = CompiledQuery.raw('savepoint ledger_unit');
const ROLLBACK_TO_SAVEPOINT = CompiledQuery.raw('rollback to savepoint ledger_unit');
const RELEASE_SAVEPOINT = CompiledQuery.raw('release savepoint ledger_unit');

async function runInSavepoint(trx: LedgerTransaction, unit: LedgerUnit<unknown>): Promise<Outcome> {
  await trx.executeQuery(SAVEPOINT);
  let outcome: Outcome;
  try {
    outcome = { ok: true, value: await unit(trx) };
  } catch (error) {
    // A failure here (e.g. SQLite already rolled the whole transaction back) fails the group.
    await trx.executeQuery(ROLLBACK_TO_SAVEPOINT);
    outcome = { ok: false, error };
  }
  await trx.executeQuery(RELEASE_SAVEPOINT);
  return outcome;
}
