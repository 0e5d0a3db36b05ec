import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import {
  createTestDatabase,
  terminateConnections,
  describePostgres,
  type TestDatabase,
} from '../../helpers/test-database.js';
import { waitUntil } from '../../helpers/wait-until.js';

/** A PostgreSQL server ends pooled connections on a restart, a failover, an idle timeout or an operator's word. */
describePostgres('the PostgreSQL ledger when the server ends its idle connections', () => {
  let database: TestDatabase;
  let db: LedgerDb;
  let lost: Error[];
  let connectionLost: Promise<void>;

  beforeEach(async () => {
    database = await createTestDatabase();
    lost = [];
    let tell!: () => void;
    connectionLost = new Promise((resolve) => (tell = resolve));
    db = openDatabase(database.config, {
      onIdleConnectionLost: (error) => {
        lost.push(error);
        tell();
      },
    });
    await migrateToLatest(db);
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('reports the loss, discards the connection and serves the next query on a new one', async () => {
    const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);

    expect(await terminateConnections(database)).toBeGreaterThan(0);
    await connectionLost;

    expect(lost[0]?.message).toMatch(/terminating connection/);
    const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    expect(after.rows[0]?.pid).not.toBe(before.rows[0]?.pid);
    expect(await db.selectFrom('transactions').select('id').execute()).toEqual([]);
  });

  it('survives the loss when nobody asked to be told', async () => {
    const unwatched = openDatabase(database.config);
    const backendPid = async () =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(unwatched)).rows[0]?.pid;
    try {
      const before = await backendPid();

      await terminateConnections(database);

      // A query may still meet the dying connection and fail; the ledger must not, nor the process.
      await waitUntil(
        async () => (await backendPid().catch(() => before)) !== before,
        'the unwatched ledger serving on a new connection',
      );
      expect(await unwatched.selectFrom('transactions').select('id').execute()).toEqual([]);
    } finally {
      await unwatched.destroy();
    }
  });
});
