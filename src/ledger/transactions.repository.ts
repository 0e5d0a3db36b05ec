import type { Provider } from '../domain/provider.js';
import {
  TRANSACTION_TRANSITIONS,
  TransactionStatus,
  transactionStatusesBefore,
  type TransactionChange,
  type TransactionCursor,
  type TransactionFilter,
  type TransactionKind,
  type TransactionRecord,
} from '../domain/transaction.js';
import { nowIso, type LedgerDb } from './database.js';
import type { LedgerTables, TransactionResolutionsTable, TransactionsTable } from './tables.js';
import { preparedReads } from './prepared-reads.js';
import { preparedWrites } from './prepared-writes.js';
import { recordFromRow } from './transaction-record.js';
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

export class TransactionsRepository {
  constructor(private readonly db: LedgerDb) {}

  /** Records a transaction SENDING (its request about to leave), in the caller's unit of work. */
  async insertSending(
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
      status: TransactionStatus.SENDING,
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
    await preparedWrites(this.db).insertTransaction(db, row);
    return recordFromRow(row);
  }

  /**
   * Moves a transaction to `change.status` if the transition table allows it from where it stands now, in
   * one conditional UPDATE; answers the moved record, or undefined when that would not be forward.
   */
  async advance(
    id: string,
    change: TransactionChange,
    db: Kysely<LedgerTables> = this.db,
  ): Promise<TransactionRecord | undefined> {
    const from = transactionStatusesBefore(change.status);
    if (from.length === 0) return undefined;
    const update: Partial<TransactionsTable> = { status: change.status, updated_at: nowIso() };
    if (change.providerReference !== undefined) update.provider_reference = change.providerReference;
    if (change.metadata !== undefined)
      update.metadata = change.metadata ? JSON.stringify(change.metadata) : null;
    if (change.errorCode !== undefined) update.error_code = change.errorCode;
    const moved = await preparedWrites(this.db).advanceTransaction(db, id, update, from);
    return moved ? recordFromRow(moved) : undefined;
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
   * SENDING rows untouched since `olderThan` belong to a request that died (the process was killed mid-call):
   * its outcome can no longer be learned from the call, so they become UNKNOWN. Returns how many.
   */
  async markStaleSendingUnknown(olderThan: string): Promise<number> {
    const result = await this.db
      .updateTable('transactions')
      .set({ status: TransactionStatus.UNKNOWN, error_code: 'INTERRUPTED', updated_at: nowIso() })
      .where('status', '=', TransactionStatus.SENDING)
      .where('updated_at', '<', olderThan)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Settles an UNKNOWN transaction (only from UNKNOWN: an operator's or reconciler's decision never
   * overrides what the provider answered); the moved record, or undefined when it was not UNKNOWN.
   */
  async settleUnknown(
    id: string,
    change: TransactionChange,
    db: Kysely<LedgerTables> = this.db,
  ): Promise<TransactionRecord | undefined> {
    if (!TRANSACTION_TRANSITIONS[TransactionStatus.UNKNOWN].includes(change.status)) return undefined;
    const update: Partial<TransactionsTable> = { status: change.status, updated_at: nowIso() };
    if (change.providerReference !== undefined) update.provider_reference = change.providerReference;
    if (change.errorCode !== undefined) update.error_code = change.errorCode;
    const result = await db
      .updateTable('transactions')
      .set(update)
      .where('id', '=', id)
      .where('status', '=', TransactionStatus.UNKNOWN)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    const row = await db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? recordFromRow(row) : undefined;
  }

  /** UNKNOWN transactions of a provider last changed before `olderThan`, oldest first. */
  async listUnknown(provider: Provider, olderThan: string, limit: number): Promise<TransactionRecord[]> {
    const rows = await this.db
      .selectFrom('transactions')
      .selectAll()
      .where('provider', '=', provider)
      .where('status', '=', TransactionStatus.UNKNOWN)
      .where('updated_at', '<', olderThan)
      .orderBy('updated_at', 'asc')
      .limit(limit)
      .execute();
    return rows.map(recordFromRow);
  }

  /** Whether a provider's reference already belongs to a transaction of ours. */
  async isReferenceLinked(provider: Provider, providerReference: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('transactions')
      .select('id')
      .where('provider', '=', provider)
      .where('provider_reference', '=', providerReference)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** An operator's settlement of an UNKNOWN transaction and its audit entry, in one unit of work. */
  async recordResolution(
    resolution: Omit<TransactionResolutionsTable, 'created_at'>,
    db: Kysely<LedgerTables>,
  ): Promise<void> {
    await db
      .insertInto('transaction_resolutions')
      .values({ ...resolution, created_at: nowIso() })
      .execute();
  }

  /** The audit trail of a transaction's operator resolutions, oldest first. */
  async resolutions(transactionId: string): Promise<TransactionResolutionsTable[]> {
    return this.db
      .selectFrom('transaction_resolutions')
      .selectAll()
      .where('transaction_id', '=', transactionId)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
  }
}
