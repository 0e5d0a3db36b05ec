import SQLite from 'better-sqlite3';

/**
 * A better-sqlite3 connection whose native objects the garbage collector never frees while the process
 * runs. On Node 24, `node::ObjectWrap`'s destructor removes an environment cleanup hook and aborts the
 * process ("Assertion failed: (env) != nullptr") when V8 collects a Statement or Database outside a
 * JavaScript context. better-sqlite3 13 moved to Node-API, away from that destructor, but needs Node 22,
 * and PayGraph runs on Node 20 too. So each distinct SQL text is prepared once and kept (which also
 * spares parsing and planning it again), connections are kept after `close()`, and pragmas run through
 * `exec`, which creates no Statement; the environment's cleanup hooks free everything at exit.
 *
 * The statements are as many as the SQL shapes the code builds: a few dozen, lists of ids varying in
 * length up to the loaders' batch size.
 */
const connections = new Set<SQLite.Database>();

export function openSqlite(path: string, options?: SQLite.Options): SQLite.Database {
  const sqlite = new SQLite(path, options);
  connections.add(sqlite);
  const statements = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }) as SQLite.Database['prepare'];
  return sqlite;
}
