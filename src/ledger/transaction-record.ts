import { type TransactionRecord } from '../domain/transaction.js';
import type { Provider } from '../domain/provider.js';
import type { TransactionKind, TransactionStatus } from '../domain/transaction.js';
import type { TransactionsTable } from './tables.js';

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
