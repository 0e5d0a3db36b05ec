import { type Settlement } from '../domain/transaction.js';
import type { Provider } from '../domain/provider.js';
import type { TransactionKind, TransactionStatus } from '../domain/transaction.js';
import { nowIso, type LedgerDb } from './database.js';
import type { LedgerTables } from './tables.js';
import { preparedReads } from './prepared-reads.js';
import { recordFromRow } from './transaction-record.js';
import { type TransactionRecord } from '../domain/transaction.js';
import type { Kysely } from 'kysely';

export interface NewTransaction {
  id: string;
  provider: Provider;
  kind: TransactionKind;
  amount: string;
  currency: string;
  accountRef?: string;
  description?: string;
  metadata?: Record<string, unknown>;
  principal: string;
  idempotencyKey: string;
  requestHash: string;
}

export interface TransactionFilter {
  principal: string;
  provider?: Provider;
  kind?: TransactionKind;
  status?: TransactionStatus;
  accountRef?: string;
  createdAfter?: string;
  createdBefore?: string;
}

/** Position in the newest-first order of a principal's transactions. */
export interface TransactionCursor {
  createdAt: string;
  id: string;
}

export class TransactionsRepository {
  constructor(private readonly db: LedgerDb) {}

  /** Inserts a PENDING row; runs inside the caller's database transaction when given one. */
  async insertPending(
    transaction: NewTransaction,
    db: Kysely<LedgerTables> = this.db,
  ): Promise<TransactionRecord> {
    const now = nowIso();
    const row = {
      id: transaction.id,
      provider: transaction.provider,
      kind: transaction.kind,
      amount: transaction.amount,
      currency: transaction.currency,
      status: 'PENDING',
      provider_reference: null,
      account_ref: transaction.accountRef ?? null,
      description: transaction.description ?? null,
      metadata: transaction.metadata ? JSON.stringify(transaction.metadata) : null,
      error_code: null,
      principal: transaction.principal,
      idempotency_key: transaction.idempotencyKey,
      request_hash: transaction.requestHash,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('transactions').values(row).execute();
    return recordFromRow(row);
  }

  async settle(id: string, settlement: Settlement): Promise<TransactionRecord> {
    const update: Partial<LedgerTables['transactions']> = { status: settlement.status, updated_at: nowIso() };
    if (settlement.providerReference !== undefined) update.provider_reference = settlement.providerReference;
    if (settlement.metadata !== undefined) {
      update.metadata = settlement.metadata ? JSON.stringify(settlement.metadata) : null;
    }
    if (settlement.errorCode !== undefined) update.error_code = settlement.errorCode;
    await this.db.updateTable('transactions').set(update).where('id', '=', id).execute();
    const record = await this.findById(id);
    if (!record) throw new Error(`transaction ${id} vanished while settling`);
    return record;
  }

  /** Moves a transaction to the status the provider reports now, if it differs. */
  async updateStatus(id: string, status: TransactionStatus): Promise<void> {
    await this.db
      .updateTable('transactions')
      .set({ status, updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', '!=', status)
      .execute();
  }

  async findById(id: string): Promise<TransactionRecord | undefined> {
    const row = await preparedReads(this.db).transactionById(id);
    return row ? recordFromRow(row) : undefined;
  }

  async findByIds(ids: readonly string[]): Promise<TransactionRecord[]> {
    if (ids.length === 0) return [];
    const rows = await preparedReads(this.db).transactionsByIds(ids);
    return rows.map(recordFromRow);
  }

  /** Newest first; `limit + 1` rows are read so the caller knows whether a next page exists. */
  async list(
    filter: TransactionFilter,
    limit: number,
    after?: TransactionCursor,
  ): Promise<TransactionRecord[]> {
    let query = this.db.selectFrom('transactions').selectAll().where('principal', '=', filter.principal);
    if (filter.provider) query = query.where('provider', '=', filter.provider);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.accountRef) query = query.where('account_ref', '=', filter.accountRef);
    if (filter.createdAfter) query = query.where('created_at', '>=', filter.createdAfter);
    if (filter.createdBefore) query = query.where('created_at', '<', filter.createdBefore);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(recordFromRow);
  }

  /**
   * PENDING rows untouched since `olderThan` belong to a request that died (process killed mid-call):
   * their outcome can no longer be learned from the call itself, so they become UNKNOWN. Returns how many.
   */
  async markStalePendingUnknown(olderThan: string): Promise<number> {
    const result = await this.db
      .updateTable('transactions')
      .set({ status: 'UNKNOWN', error_code: 'INTERRUPTED', updated_at: nowIso() })
      .where('status', '=', 'PENDING')
      .where('provider_reference', 'is', null)
      .where('updated_at', '<', olderThan)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Transactions left PENDING or UNKNOWN, oldest first: what recovery and reconciliation look at. */
  async listUnsettled(olderThan: string, limit = 100): Promise<TransactionRecord[]> {
    const rows = await this.db
      .selectFrom('transactions')
      .selectAll()
      .where('status', 'in', ['PENDING', 'UNKNOWN'])
      .where('updated_at', '<', olderThan)
      .orderBy('updated_at', 'asc')
      .limit(limit)
      .execute();
    return rows.map(recordFromRow);
  }
}
