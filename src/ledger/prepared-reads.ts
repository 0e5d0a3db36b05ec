import type { CompiledQuery, Kysely } from 'kysely';
import { sqliteConnectionOf, type LedgerDb } from './database.js';
import { perLedger } from './per-ledger.js';
import type { IdempotencyRecordsTable, LedgerTables, TransactionsTable } from './tables.js';

/**
 * The ledger's hottest reads built and compiled to SQL once per ledger, then run with each call's values:
 * Kysely would otherwise build the query tree and compile it again on every read. Lists of ids are
 * compiled once per length (bounded by DataLoader batches); longer lists are built per call.
 *
 * On SQLite a read on the ledger itself runs its statement on the connection directly while no
 * transaction is open there: it then sees only what is committed, as it would through Kysely, and a
 * synchronous statement cannot interleave with another, so Kysely's connection lock and its promise hops
 * are not needed. While a group commit's transaction is open, and for reads inside a unit of work, the
 * read goes through Kysely and waits its turn as before.
 */
export interface PreparedReads {
  /** On the ledger, or on a unit of work that must see its own writes. */
  transactionById(id: string, executor?: Kysely<LedgerTables>): Promise<TransactionsTable | undefined>;
  transactionsByIds(ids: readonly string[]): Promise<TransactionsTable[]>;
  idempotencyRecord(principal: string, idempotencyKey: string): Promise<IdempotencyRecordsTable | undefined>;
}

const MAX_PREPARED_LIST = 128;
export const preparedReads: (db: LedgerDb) => PreparedReads = perLedger(prepare);

function prepare(db: LedgerDb): PreparedReads {
  const byId = db.selectFrom('transactions').selectAll().where('id', '=', '').compile();
  const idempotency = db
    .selectFrom('idempotency_records')
    .selectAll()
    .where('principal', '=', '')
    .where('idempotency_key', '=', '')
    .compile();
  const byIdsOfLength = new Map<number, CompiledQuery<TransactionsTable>>();
  const byIds = (count: number) => {
    let query = byIdsOfLength.get(count);
    if (!query) {
      const ids = Array.from({ length: count }, () => '');
      query = db.selectFrom('transactions').selectAll().where('id', 'in', ids).compile();
      if (count <= MAX_PREPARED_LIST) byIdsOfLength.set(count, query);
    }
    return query;
  };
  const sqlite = sqliteConnectionOf(db);
  const rows = async <Row>(
    query: CompiledQuery<Row>,
    parameters: readonly unknown[],
    executor: Kysely<LedgerTables> = db,
  ): Promise<Row[]> => {
    if (sqlite && executor === db && !sqlite.inTransaction)
      return sqlite.prepare<readonly unknown[], Row>(query.sql).all(parameters);
    return (await executor.executeQuery<Row>({ ...query, parameters })).rows;
  };
  return {
    transactionById: async (id, executor) => (await rows(byId, [id], executor))[0],
    transactionsByIds: (ids) => rows(byIds(ids.length), ids),
    idempotencyRecord: async (principal, key) => (await rows(idempotency, [principal, key]))[0],
  };
}
