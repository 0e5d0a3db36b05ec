import { type DatabaseConfig } from '../config/database.config.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type SQLite from 'better-sqlite3';
import { ledgerTracing } from '../observability/ledger-tracing.js';
import { migrations } from './migrations/index.js';
import { openSqlite } from './sqlite-connection.js';
import type { LedgerTables } from './tables.js';
import { WalSync, type CommitDurability } from './wal-sync.js';

export type LedgerDb = Kysely<LedgerTables>;

interface SqliteLedger {
  /** The ledger's one connection, under Kysely. */
  connection: SQLite.Database;
  /** A file ledger in WAL mode: how its group commits are made durable off the event loop. */
  walSync: CommitDurability | undefined;
}

/** Ledgers opened on SQLite: one connection, one writer, so their writes are grouped (LedgerWrites). */
const sqliteLedgers = new WeakMap<LedgerDb, SqliteLedger>();

export function isSqliteLedger(db: LedgerDb): boolean {
  return sqliteLedgers.has(db);
}

/** The connection under an SQLite ledger, for reads that need none of Kysely's machinery (prepared-reads). */
export function sqliteConnectionOf(db: LedgerDb): SQLite.Database | undefined {
  return sqliteLedgers.get(db)?.connection;
}

/** For an SQLite file ledger in WAL mode, the fsync of its log (WalSync); none otherwise. */
export function walSyncOf(db: LedgerDb): CommitDurability | undefined {
  return sqliteLedgers.get(db)?.walSync;
}

export interface OpenDatabaseOptions {
  /**
   * Told when PostgreSQL ends a pooled connection (a restart, a failover, an idle-session timeout, an
   * operator), idle or in use. A query running on it has failed; the pool has discarded it, and the next
   * query opens a new one. The error may carry the pg client (and so its connection settings): report its
   * code and message, never the whole.
   */
  onConnectionLost?: (error: Error & { code?: string }) => void;
}

/** Opens the ledger: PostgreSQL when configured, an embedded SQLite file otherwise. */
export function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): LedgerDb {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // A pg client emits 'error' when its connection dies, and an 'error' event nobody listens to throws:
    // without a listener on every client (the pool listens only while one is idle) one server restart
    // would bring the gateway down. The pool's own re-emission is the same loss, told once already.
    pool.on('connect', (client) => client.on('error', toldOnce(options.onConnectionLost)));
    pool.on('error', () => undefined);
    return new Kysely<LedgerTables>({
      dialect: new PostgresDialect({ pool }),
      ...ledgerTracing('postgresql'),
    });
  }
  if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
  const sqlite = openSqlite(config.path);
  // Durability of a money ledger: in WAL mode each commit appends to the write-ahead log, and
  // synchronous=FULL fsyncs that log before COMMIT returns, so a committed row (the PENDING row written
  // before a provider is called) survives a power loss. NORMAL would fsync only at checkpoints and can
  // lose the last commits. LedgerWrites groups concurrent writes so that many share one fsync, and
  // makes that fsync itself (WalSync) in the thread pool rather than inside COMMIT on the event loop.
  sqlite.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000');
  const journalMode = sqlite.prepare('PRAGMA journal_mode').pluck().get();
  const db = new Kysely<LedgerTables>({
    dialect: new SqliteDialect({ database: sqlite }),
    ...ledgerTracing('sqlite'),
  });
  sqliteLedgers.set(db, {
    connection: sqlite,
    walSync: journalMode === 'wal' ? new WalSync(`${sqlite.name}-wal`) : undefined,
  });
  return db;
}

/** A client's connection dies once but may say so twice (the server's FATAL, then the socket's end). */
function toldOnce(tell: OpenDatabaseOptions['onConnectionLost']): (error: Error) => void {
  let told = false;
  return (error) => {
    if (told) return;
    told = true;
    tell?.(error);
  };
}

/** Brings the schema to the latest version; fails loudly rather than running on a half-migrated ledger. */
export async function migrateToLatest(db: LedgerDb): Promise<void> {
  // Migrations are independent tables added by separate features, so a ledger that ran a later-numbered
  // one first (an early sandbox file) must still accept the earlier one.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`ledger migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}

/** True when `error` is a unique-constraint violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The current time as stored in the ledger. */
export function nowIso(): string {
  return new Date().toISOString();
}
