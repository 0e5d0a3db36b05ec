import { describe } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseConfig } from '../../src/config/database.config.js';

/**
 * The ledger a test runs on: in-memory SQLite by default; a fresh PostgreSQL database per call when
 * TEST_DATABASE_URL points at a server (CI runs the suite both ways).
 */
export interface TestDatabase {
  config: DatabaseConfig;
  /** The DATABASE_URL / SQLITE_PATH variables that select this ledger. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** For what only a PostgreSQL server does: skipped when the suite runs on SQLite. */
export const describePostgres = testDatabaseKind === 'postgres' ? describe : describe.skip;

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    return {
      config: { kind: 'sqlite', path: ':memory:' },
      env: { SQLITE_PATH: ':memory:' },
      drop: async () => {},
    };
  }
  const name = `paygraph_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    env: { DATABASE_URL: url.toString() },
    drop: () =>
      withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/**
 * Has the PostgreSQL server end every connection to `database` (pg_terminate_backend, as an operator, a
 * restart or an idle-session timeout would); answers how many it ended.
 */
export async function terminateConnections(database: TestDatabase): Promise<number> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl || database.config.kind !== 'postgres')
    throw new Error('terminateConnections needs PostgreSQL');
  const name = new URL(database.config.url).pathname.slice(1);
  let ended = 0;
  await withAdmin(serverUrl, async (client) => {
    const result = await client.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    ended = result.rowCount ?? 0;
  });
  return ended;
}

async function withAdmin(serverUrl: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
