import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateToLatest, nowIso, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import { startTracing, type Tracing } from '../../../src/observability/tracing.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { OtlpReceiver } from './otlp-receiver.js';

const record = (key: string) => ({
  principal: 'ledger-tracing',
  idempotency_key: key,
  operation: 'rechargeMobile',
  request_hash: 'h'.repeat(64),
  resource_type: 'transaction',
  resource_id: 'r-1',
  created_at: nowIso(),
});

describe('ledger write spans', () => {
  let receiver: OtlpReceiver;
  let tracing: Tracing;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    tracing = await startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    database = await createTestDatabase();
    db = openDatabase(database.config);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
    await tracing?.shutdown();
    await receiver?.close();
  });

  it('records a failed write with its driver code, and no span for reads or migrations', async () => {
    await db.insertInto('idempotency_records').values(record('once')).execute();
    const duplicate = await db
      .insertInto('idempotency_records')
      .values(record('once'))
      .execute()
      .catch((error: unknown) => error);
    expect((duplicate as { code?: string }).code).toMatch(/^(SQLITE_CONSTRAINT_PRIMARYKEY|23505)$/);
    await db.selectFrom('idempotency_records').selectAll().execute();
    await tracing.forceFlush();

    const writes = receiver.spans.filter((span) => span.name === 'INSERT idempotency_records');
    expect(writes.map((span) => span.statusCode)).toEqual([0, 2]);
    expect(['SQLITE_CONSTRAINT_PRIMARYKEY', '23505']).toContain(writes[1]!.attributes['error.type']);
    expect(receiver.spans.filter((span) => /SELECT|kysely_/.test(span.name))).toEqual([]);
    // Neither the key nor any other parameter is recorded.
    expect(receiver.rawText).not.toContain('ledger-tracing');
  });
});
