import type { LedgerDb } from './database.js';

/** Row shape of `withdrawals` (migration 0002-withdrawals): one cardless cash withdrawal. */
export interface WithdrawalsTable {
  id: string;
  provider: string;
  /** Our 36-character id of the request at the provider, derived from principal and idempotency key. */
  transaction_unique_id: string;
  status: string;
  amount: string;
  currency: string;
  mobile_number: string;
  account_name: string;
  account_number: string;
  branch_id: string;
  bank_id: string;
  remarks: string;
  /** The provider's id of the payout (NCHL's RPS transaction id), once known. */
  provider_reference: string | null;
  /** When the customer's OTP expires, once the provider said. */
  expires_at: string | null;
  /** Where the cash-out stands: SENDING, ACCEPTED, DECLINED, UNKNOWN or NOT_PAID; null before any. */
  cash_out_state: string | null;
  /** The last cash-out attempt as JSON (ATM details, operator, idempotency key); never the OTP. */
  cash_out: string | null;
  error_code: string | null;
  principal: string;
  idempotency_key: string;
  request_hash: string;
  created_at: string;
  updated_at: string;
  /** When the provider's report was last asked about this withdrawal. */
  checked_at: string | null;
}

/** Row shape of `withdrawal_notifications`: every authenticated notification received, replays excepted. */
export interface WithdrawalNotificationsTable {
  id: string;
  provider: string;
  transaction_unique_id: string;
  /** Null when the notification names no withdrawal of ours. */
  withdrawal_id: string | null;
  /** SHA-256 of the signed fields: a replay has the same one and is not stored twice. */
  fingerprint: string;
  /** The status the notification reports, in our terms. */
  status: string;
  /** 1 when it moved the withdrawal forward, 0 when it was stale or changed nothing. */
  applied: number;
  /** The body as received (the mobile number in it comes masked). */
  payload: string;
  received_at: string;
}

export type WithdrawalTables = {
  withdrawals: WithdrawalsTable;
  withdrawal_notifications: WithdrawalNotificationsTable;
};

/** The ledger database seen with the tables of migration 0002-withdrawals. */
export function withdrawalsDb(db: LedgerDb) {
  return db.withTables<WithdrawalTables>();
}
