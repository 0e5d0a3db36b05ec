/**
 * Row shapes of the ledger tables. Timestamps are ISO-8601 UTC text with milliseconds in both SQLite and
 * PostgreSQL, so ordering and cursors behave the same on both. Amounts are decimal text.
 */
export interface TransactionsTable {
  id: string;
  provider: string;
  kind: string;
  amount: string;
  currency: string;
  status: string;
  provider_reference: string | null;
  /** The account the money moved to or from at the provider: mobile number, wallet id … */
  account_ref: string | null;
  description: string | null;
  /** Provider-specific details as JSON text; never secrets. */
  metadata: string | null;
  /** Our error code when the provider refused or failed. */
  error_code: string | null;
  principal: string;
  idempotency_key: string;
  request_hash: string;
  created_at: string;
  updated_at: string;
}

export interface IdempotencyRecordsTable {
  principal: string;
  idempotency_key: string;
  operation: string;
  request_hash: string;
  resource_type: string;
  resource_id: string;
  created_at: string;
}

/** One operator decision that settled an UNKNOWN transaction: who, when, from, to, why. */
export interface TransactionResolutionsTable {
  id: string;
  transaction_id: string;
  operator: string;
  from_status: string;
  to_status: string;
  reason: string;
  created_at: string;
}

export interface LedgerTables {
  transactions: TransactionsTable;
  idempotency_records: IdempotencyRecordsTable;
  transaction_resolutions: TransactionResolutionsTable;
}
