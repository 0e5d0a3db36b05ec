import { WithdrawalCursor } from '../domain/withdrawal.js';
import type { Provider } from '../domain/provider.js';
import {
  CASH_OUT_RETRYABLE,
  cashOutStatesBefore,
  withdrawalStatusesBefore,
  WithdrawalStatus,
} from '../domain/withdrawal.js';
import { isUniqueViolation, nowIso, type LedgerDb } from './database.js';
import { withdrawalFromRow } from './withdrawal-record.js';
import { type CashOutState, type WithdrawalCashOut, type WithdrawalRecord } from '../domain/withdrawal.js';
import { withdrawalsDb, type WithdrawalsTable } from './withdrawals.table.js';

export interface NewWithdrawal {
  id: string;
  provider: Provider;
  transactionUniqueId: string;
  amount: string;
  currency: string;
  mobileNumber: string;
  accountName: string;
  accountNumber: string;
  branchId: string;
  bankId: string;
  remarks: string;
  principal: string;
  idempotencyKey: string;
  requestHash: string;
}

/** What may change with a status: facts the provider told us along with it. */
export interface WithdrawalProgress {
  providerReference?: string;
  expiresAt?: string;
  errorCode?: string | null;
}

export interface NewWithdrawalNotification {
  id: string;
  provider: Provider;
  transactionUniqueId: string;
  withdrawalId: string | null;
  fingerprint: string;
  status: WithdrawalStatus;
  payload: unknown;
}

/** Statuses the reconciler asks the provider about. */
export const OPEN_WITHDRAWAL_STATUSES: readonly WithdrawalStatus[] = [
  WithdrawalStatus.PENDING,
  WithdrawalStatus.UNKNOWN,
  WithdrawalStatus.REQUESTED,
  WithdrawalStatus.PROCESSING,
];

export class WithdrawalsRepository {
  private readonly db: ReturnType<typeof withdrawalsDb>;

  constructor(private readonly ledger: LedgerDb) {
    this.db = withdrawalsDb(ledger);
  }

  /** Inserts a PENDING withdrawal; runs inside the caller's database transaction when given one. */
  async insertPending(withdrawal: NewWithdrawal, db: LedgerDb = this.ledger): Promise<WithdrawalRecord> {
    const now = nowIso();
    const row: WithdrawalsTable = {
      id: withdrawal.id,
      provider: withdrawal.provider,
      transaction_unique_id: withdrawal.transactionUniqueId,
      status: WithdrawalStatus.PENDING,
      amount: withdrawal.amount,
      currency: withdrawal.currency,
      mobile_number: withdrawal.mobileNumber,
      account_name: withdrawal.accountName,
      account_number: withdrawal.accountNumber,
      branch_id: withdrawal.branchId,
      bank_id: withdrawal.bankId,
      remarks: withdrawal.remarks,
      provider_reference: null,
      expires_at: null,
      cash_out_state: null,
      cash_out: null,
      error_code: null,
      principal: withdrawal.principal,
      idempotency_key: withdrawal.idempotencyKey,
      request_hash: withdrawal.requestHash,
      created_at: now,
      updated_at: now,
      checked_at: null,
    };
    await withdrawalsDb(db).insertInto('withdrawals').values(row).execute();
    return withdrawalFromRow(row);
  }

  async findById(id: string, db: LedgerDb = this.ledger): Promise<WithdrawalRecord | undefined> {
    const row = await withdrawalsDb(db)
      .selectFrom('withdrawals')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && withdrawalFromRow(row);
  }

  async findByIds(ids: readonly string[]): Promise<WithdrawalRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('withdrawals')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    return rows.map(withdrawalFromRow);
  }

  async findByTransactionUniqueId(transactionUniqueId: string): Promise<WithdrawalRecord | undefined> {
    const row = await this.db
      .selectFrom('withdrawals')
      .selectAll()
      .where('transaction_unique_id', '=', transactionUniqueId)
      .executeTakeFirst();
    return row && withdrawalFromRow(row);
  }

  /** Newest first; `limit + 1` rows are read so the caller knows whether a next page exists. */
  async list(
    filter: { principal: string; status?: WithdrawalStatus },
    limit: number,
    after?: WithdrawalCursor,
  ): Promise<WithdrawalRecord[]> {
    let query = this.db.selectFrom('withdrawals').selectAll().where('principal', '=', filter.principal);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(withdrawalFromRow);
  }

  /**
   * Moves the withdrawal to `status` if that is forward from where it stands, in one conditional update
   * (so concurrent news cannot take it back). Returns the updated record, or undefined when nothing moved.
   */
  async advance(
    id: string,
    status: WithdrawalStatus,
    progress: WithdrawalProgress = {},
    db: LedgerDb = this.ledger,
  ): Promise<WithdrawalRecord | undefined> {
    const from = withdrawalStatusesBefore(status);
    if (from.length === 0) return undefined;
    const update: Partial<WithdrawalsTable> = { status, updated_at: nowIso() };
    if (progress.providerReference !== undefined) update.provider_reference = progress.providerReference;
    if (progress.expiresAt !== undefined) update.expires_at = progress.expiresAt;
    if (progress.errorCode !== undefined) update.error_code = progress.errorCode;
    const result = await withdrawalsDb(db)
      .updateTable('withdrawals')
      .set(update)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? this.findById(id, db) : undefined;
  }

  /** Records facts that need no status change (a reference or expiry learnt later). */
  async note(id: string, progress: WithdrawalProgress): Promise<void> {
    const update: Partial<WithdrawalsTable> = {};
    if (progress.providerReference !== undefined) update.provider_reference = progress.providerReference;
    if (progress.expiresAt !== undefined) update.expires_at = progress.expiresAt;
    if (Object.keys(update).length === 0) return;
    await this.db.updateTable('withdrawals').set(update).where('id', '=', id).execute();
  }

  /**
   * Claims the withdrawal for one cash-out attempt: only a REQUESTED withdrawal with no cash-out under
   * way, done or of unknown outcome. True when this caller won the claim.
   */
  async claimCashOut(id: string, cashOut: WithdrawalCashOut, db: LedgerDb = this.ledger): Promise<boolean> {
    const result = await withdrawalsDb(db)
      .updateTable('withdrawals')
      .set({ cash_out_state: 'SENDING', cash_out: JSON.stringify(cashOut), updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', WithdrawalStatus.REQUESTED)
      .where((eb) =>
        eb.or([eb('cash_out_state', 'is', null), eb('cash_out_state', 'in', [...CASH_OUT_RETRYABLE])]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Moves the withdrawal's cash-out attempt to `state` if the cash-out transition table allows it from
   * where it stands, keeping `cashOut` (the attempt with what was learnt); true when it moved.
   */
  async moveCashOut(
    id: string,
    state: CashOutState,
    cashOut: WithdrawalCashOut,
    db: LedgerDb = this.ledger,
  ): Promise<boolean> {
    const result = await withdrawalsDb(db)
      .updateTable('withdrawals')
      .set({ cash_out_state: state, cash_out: JSON.stringify(cashOut), updated_at: nowIso() })
      .where('id', '=', id)
      .where('cash_out_state', 'in', cashOutStatesBefore(state))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Open withdrawals a payout of this mobile number and amount could have been for: requested, or of a
   * request whose answer was lost (it may well be open at the provider).
   */
  async payoutCandidates(
    provider: Provider,
    mobileNumber: string,
    amount: string,
  ): Promise<WithdrawalRecord[]> {
    const rows = await this.db
      .selectFrom('withdrawals')
      .selectAll()
      .where('provider', '=', provider)
      .where('mobile_number', '=', mobileNumber)
      .where('amount', '=', amount)
      .where('status', 'in', [WithdrawalStatus.REQUESTED, WithdrawalStatus.UNKNOWN])
      .execute();
    return rows.map(withdrawalFromRow);
  }

  /** Withdrawals whose last cash-out attempt is in one of `states`, oldest change first. */
  async listByCashOutState(
    states: readonly CashOutState[],
    limit: number,
    after?: WithdrawalCursor,
  ): Promise<WithdrawalRecord[]> {
    let query = this.db
      .selectFrom('withdrawals')
      .selectAll()
      .where('cash_out_state', 'in', [...states]);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(withdrawalFromRow);
  }

  /** Open withdrawals not changed or checked since `before`, oldest first. */
  async listToReconcile(before: string, limit: number): Promise<WithdrawalRecord[]> {
    const rows = await this.db
      .selectFrom('withdrawals')
      .selectAll()
      .where('status', 'in', [...OPEN_WITHDRAWAL_STATUSES])
      .where('updated_at', '<', before)
      .where((eb) => eb.or([eb('checked_at', 'is', null), eb('checked_at', '<', before)]))
      .orderBy('updated_at', 'asc')
      .limit(limit)
      .execute();
    return rows.map(withdrawalFromRow);
  }

  async markChecked(id: string, at: string = nowIso()): Promise<void> {
    await this.db.updateTable('withdrawals').set({ checked_at: at }).where('id', '=', id).execute();
  }

  /** Stores a notification once; false when one with the same fingerprint was stored before (a replay). */
  async insertNotification(notification: NewWithdrawalNotification): Promise<boolean> {
    try {
      await this.db
        .insertInto('withdrawal_notifications')
        .values({
          id: notification.id,
          provider: notification.provider,
          transaction_unique_id: notification.transactionUniqueId,
          withdrawal_id: notification.withdrawalId,
          fingerprint: notification.fingerprint,
          status: notification.status,
          applied: 0,
          payload: JSON.stringify(notification.payload),
          received_at: nowIso(),
        })
        .execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async markNotificationApplied(id: string): Promise<void> {
    await this.db.updateTable('withdrawal_notifications').set({ applied: 1 }).where('id', '=', id).execute();
  }

  async listNotifications(transactionUniqueId: string) {
    return this.db
      .selectFrom('withdrawal_notifications')
      .selectAll()
      .where('transaction_unique_id', '=', transactionUniqueId)
      .orderBy('received_at', 'asc')
      .execute();
  }
}
