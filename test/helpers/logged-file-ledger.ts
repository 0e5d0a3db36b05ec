import type SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest } from '../../src/ledger/database.js';
import { IdempotencyRepository } from '../../src/ledger/idempotency.repository.js';
import type { LedgerTransaction } from '../../src/ledger/ledger-writes.js';
import type { LedgerTables } from '../../src/ledger/tables.js';
import { openSqlite } from '../../src/ledger/sqlite-connection.js';

export interface LoggedFileLedger {
  db: Kysely<LedgerTables>;
  /** Every statement the ledger ran since it was migrated, lower-cased. */
  statements: string[];
  /** Idempotency keys committed, as a second connection to the file sees them, sorted. */
  committedKeys(): string[];
  close(): Promise<void>;
}

/**
 * An SQLite ledger in a file (WAL, synchronous=FULL), migrated, opened by Kysely with every statement
 * logged, and a second, read-only connection to the same file that sees only what has been committed.
 */
export async function openLoggedFileLedger(): Promise<LoggedFileLedger> {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-'));
  const file = join(directory, 'ledger.sqlite');
  const sqlite = openSqlite(file);
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL');
  const statements: string[] = [];
  const db = new Kysely<LedgerTables>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => void statements.push(event.query.sql.toLowerCase()),
  });
  await migrateToLatest(db);
  const observer: SQLite.Database = openSqlite(file, { readonly: true });
  statements.length = 0;
  return {
    db,
    statements,
    committedKeys: () =>
      (
        observer.prepare('select idempotency_key from idempotency_records').all() as {
          idempotency_key: string;
        }[]
      )
        .map((row) => row.idempotency_key)
        .sort(),
    close: async () => {
      observer.close();
      await db.destroy();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** One claim as a money movement writes it: the idempotency key, nothing else. */
export const claim = (key: string) => (trx: LedgerTransaction) =>
  new IdempotencyRepository(trx)
    .insert(
      {
        principal: 'alice',
        idempotency_key: key,
        operation: 'createPayment',
        request_hash: 'h',
        resource_type: 'transaction',
        resource_id: `tx-${key}`,
      },
      trx,
    )
    .then(() => key);
