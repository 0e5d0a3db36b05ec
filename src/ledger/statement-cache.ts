import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * better-sqlite3 as Kysely's SQLite driver sees it, with each distinct SQL text prepared once: the
 * driver would otherwise parse and plan the same statement on every query. Bounded, oldest out first;
 * the ledger's queries are a few dozen shapes (lists of ids vary in length), so the bound is rarely met.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, capacity = 512): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
