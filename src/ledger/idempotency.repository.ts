import type { Kysely } from 'kysely';
import { nowIso, type LedgerDb } from './database.js';
import { preparedReads } from './prepared-reads.js';
import { preparedWrites } from './prepared-writes.js';
import type { IdempotencyRecordsTable, LedgerTables } from './tables.js';

export type IdempotencyRecord = IdempotencyRecordsTable;

/** Idempotency keys per principal; the primary key (principal, idempotency_key) decides who goes first. */
export class IdempotencyRepository {
  constructor(private readonly db: LedgerDb) {}

  async find(principal: string, idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    return preparedReads(this.db).idempotencyRecord(principal, idempotencyKey);
  }

  /** Throws a unique violation when the key is already taken. */
  async insert(
    record: Omit<IdempotencyRecord, 'created_at'>,
    db: Kysely<LedgerTables> = this.db,
  ): Promise<void> {
    await preparedWrites(this.db).insertIdempotencyRecord(db, { ...record, created_at: nowIso() });
  }
}
