import type { Provider } from '../domain/provider.js';
import type { TransactionKind, TransactionStatus } from '../domain/transaction.js';
import type { TransactionsTable } from './tables.js';

/** A ledger transaction as the rest of the code sees it. */
export interface TransactionRecord {
  id: string;
  provider: Provider;
  kind: TransactionKind;
  amount: string;
  currency: string;
  status: TransactionStatus;
  providerReference: string | null;
  accountRef: string | null;
  description: string | null;
  metadata: Record<string, unknown> | null;
  errorCode: string | null;
  principal: string;
  idempotencyKey: string;
  requestHash: string;
  createdAt: string;
  updatedAt: string;
}

export function recordFromRow(row: TransactionsTable): TransactionRecord {
  return {
    id: row.id,
    provider: row.provider as Provider,
    kind: row.kind as TransactionKind,
    amount: row.amount,
    currency: row.currency,
    status: row.status as TransactionStatus,
    providerReference: row.provider_reference,
    accountRef: row.account_ref,
    description: row.description,
    metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null,
    errorCode: row.error_code,
    principal: row.principal,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
