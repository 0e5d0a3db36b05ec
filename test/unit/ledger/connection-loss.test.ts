import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import {
  createTestDatabase,
  describePostgres,
  terminateConnections,
  type TestDatabase,
} from '../../helpers/test-database.js';
import { waitUntil } from '../../helpers/wait-until.js';

/** A PostgreSQL server ends pooled connections on a restart, a failover, an idle timeout or an operator's word. */
describePostgres('the PostgreSQL ledger when the server ends its connections', () => {
  let database: TestDatabase;
  let db: LedgerDb;
  let lost: Error[];

  beforeEach(async () => {
    database = await createTestDatabase();
    lost = [];
    db = openDatabase(database.config, { onConnectionLost: (error) => lost.push(error) });
    await migrateToLatest(db);
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  const backendPid = async (ledger: LedgerDb) =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(ledger)).rows[0]?.pid;

  it('reports an idle connection lost once, and serves the next query on a new one', async () => {
    const before = await backendPid(db);

    const ended = await terminateConnections(database);
    await waitUntil(() => lost.length >= ended, 'every ended connection reported');

    expect(ended).toBeGreaterThan(0);
    expect(lost[0]?.message).toMatch(/terminating connection/);
    expect(await backendPid(db)).not.toBe(before);
    expect(await db.selectFrom('transactions').select('id').execute()).toEqual([]);
    // The server's FATAL and the socket's end are one loss.
    expect(lost).toHaveLength(ended);
  });

  it('fails the query and the transaction running on a lost connection, and goes on', async () => {
    const running = sql`select pg_sleep(60)`.execute(db);
    const transaction = db.transaction().execute((trx) => sql`select pg_sleep(60)`.execute(trx));
    const settled = Promise.allSettled([running, transaction]);
    // Each holds its own connection; the server ends them as they appear.
    let ended = 0;
    await waitUntil(
      async () => (ended += await terminateConnections(database)) >= 2,
      'both connections ended',
    );

    const [query, trx] = await settled;
    expect(query.status).toBe('rejected');
    expect(trx.status).toBe('rejected');
    await waitUntil(() => lost.length >= 2, 'both lost connections reported');
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
  });

  it('survives the loss when nobody asked to be told', async () => {
    const unwatched = openDatabase(database.config);
    try {
      const before = await backendPid(unwatched);

      await terminateConnections(database);

      // A query may still meet the dying connection and fail; the ledger must not, nor the process.
      await waitUntil(
        async () => (await backendPid(unwatched).catch(() => before)) !== before,
        'the unwatched ledger serving on a new connection',
      );
      expect(await unwatched.selectFrom('transactions').select('id').execute()).toEqual([]);
    } finally {
      await unwatched.destroy();
    }
  });
});
