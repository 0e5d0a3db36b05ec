import type { Transaction } from 'kysely';
import type { LedgerDb } from './database.js';
import type { LedgerTables } from './tables.js';

export type LedgerTransaction = Transaction<LedgerTables>;

/**
 * The one way money state is written: each unit of work runs atomically (all or nothing) and is durable
 * once `run` resolves. Units of concurrent requests may share one database transaction and one fsync
 * (group commit); a unit that fails is rolled back alone and rejects its own caller only.
 */
export class LedgerWrites {
  constructor(private readonly db: LedgerDb) {}

  run<T>(unit: (trx: LedgerTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(unit);
  }
}
