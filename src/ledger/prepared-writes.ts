import type { CompiledQuery, Kysely } from 'kysely';
import type { LedgerDb } from './database.js';
import { perLedger } from './per-ledger.js';
import type { IdempotencyRecordsTable, LedgerTables, TransactionsTable } from './tables.js';

/**
 * The money path's writes (a key and its SENDING row claimed, the row advanced once) compiled to SQL once
 * per ledger and run with each call's values, on the caller's unit of work: building and compiling
 * Kysely's query tree for each of them was the largest package in the write profile.
 */
export interface PreparedWrites {
  insertIdempotencyRecord(executor: Kysely<LedgerTables>, row: IdempotencyRecordsTable): Promise<void>;
  insertTransaction(executor: Kysely<LedgerTables>, row: TransactionsTable): Promise<void>;
  /**
   * `UPDATE transactions SET … WHERE id = ? AND status IN (…) RETURNING *`: the row as moved, or
   * undefined when it stood elsewhere (one statement, no re-read).
   */
  advanceTransaction(
    executor: Kysely<LedgerTables>,
    id: string,
    set: Partial<TransactionsTable>,
    from: readonly string[],
  ): Promise<TransactionsTable | undefined>;
}

const IDEMPOTENCY_COLUMNS = columnsOf<IdempotencyRecordsTable>({
  principal: true,
  idempotency_key: true,
  operation: true,
  request_hash: true,
  resource_type: true,
  resource_id: true,
  created_at: true,
});

const TRANSACTION_COLUMNS = columnsOf<TransactionsTable>({
  id: true,
  provider: true,
  kind: true,
  amount: true,
  currency: true,
  status: true,
  provider_reference: true,
  account_ref: true,
  description: true,
  metadata: true,
  error_code: true,
  principal: true,
  idempotency_key: true,
  request_hash: true,
  created_at: true,
  updated_at: true,
});

/** Every column of a table, in a fixed order; the record type makes leaving one out a compile error. */
function columnsOf<Row>(columns: Record<keyof Row, true>): (keyof Row & string)[] {
  return Object.keys(columns) as (keyof Row & string)[];
}

/** Update shapes (columns set × statuses allowed from) are few: the transition table bounds them. */
const MAX_UPDATE_SHAPES = 256;

export const preparedWrites: (db: LedgerDb) => PreparedWrites = perLedger(prepare);

function prepare(db: LedgerDb): PreparedWrites {
  const insertKey = compiledWith(
    db
      .insertInto('idempotency_records')
      .values(template(IDEMPOTENCY_COLUMNS) as unknown as IdempotencyRecordsTable)
      .compile(),
    IDEMPOTENCY_COLUMNS.length,
  );
  const insertTransaction = compiledWith(
    db
      .insertInto('transactions')
      .values(template(TRANSACTION_COLUMNS) as unknown as TransactionsTable)
      .compile(),
    TRANSACTION_COLUMNS.length,
  );
  const updates = new Map<string, CompiledQuery>();
  const updateOf = (columns: readonly string[], fromCount: number): CompiledQuery => {
    const shape = `${columns.join(',')}|${fromCount}`;
    let query = updates.get(shape);
    if (!query) {
      query = compiledWith(
        db
          .updateTable('transactions')
          .set(template(columns) as Partial<TransactionsTable>)
          .where('id', '=', '')
          .where(
            'status',
            'in',
            Array.from({ length: fromCount }, () => ''),
          )
          .returningAll()
          .compile(),
        columns.length + 1 + fromCount,
      );
      if (updates.size < MAX_UPDATE_SHAPES) updates.set(shape, query);
    }
    return query;
  };
  return {
    insertIdempotencyRecord: async (executor, row) => {
      await executor.executeQuery({ ...insertKey, parameters: IDEMPOTENCY_COLUMNS.map((c) => row[c]) });
    },
    insertTransaction: async (executor, row) => {
      await executor.executeQuery({
        ...insertTransaction,
        parameters: TRANSACTION_COLUMNS.map((c) => row[c]),
      });
    },
    advanceTransaction: async (executor, id, set, from) => {
      const columns = Object.keys(set) as (keyof TransactionsTable)[];
      const result = await executor.executeQuery<TransactionsTable>({
        ...updateOf(columns, from.length),
        parameters: [...columns.map((c) => set[c]), id, ...from],
      });
      return result.rows[0];
    },
  };
}

/** A row of placeholders in the columns' order: each compiles to one parameter, in that order. */
function template(columns: readonly string[]): Record<string, string> {
  return Object.fromEntries(columns.map((column) => [column, '']));
}

/** Guards the mapping of values to placeholders: one parameter per column, none inlined. */
function compiledWith(query: CompiledQuery, parameters: number): CompiledQuery {
  if (query.parameters.length !== parameters)
    throw new Error(
      `a prepared ledger write compiled to ${query.parameters.length} parameters, not ${parameters}`,
    );
  return query;
}
