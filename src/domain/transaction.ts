import { type Provider } from './provider.js';

/** What a ledger transaction did. */
export enum TransactionKind {
  PAYMENT = 'PAYMENT',
  MOBILE_RECHARGE = 'MOBILE_RECHARGE',
  WALLET_TRANSFER = 'WALLET_TRANSFER',
  WALLET_TOPUP = 'WALLET_TOPUP',
}

/**
 * Where a money movement stands. SENDING: recorded, and the request is on its way to the provider (the
 * explicit marker that it may have left). UNKNOWN: sent, but the provider's answer never arrived.
 */
export enum TransactionStatus {
  SENDING = 'SENDING',
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  UNKNOWN = 'UNKNOWN',
  CANCELLED = 'CANCELLED',
  REFUNDED = 'REFUNDED',
}

const { SENDING, PENDING, SUCCEEDED, FAILED, UNKNOWN, CANCELLED, REFUNDED } = TransactionStatus;

/**
 * The one transition table of transactions: where each status may move next. Every write (settlement,
 * live-status read, recovery, reconciliation, an operator's resolution) advances through it, so a stale
 * or reordered answer can never take a transaction back, and a final status never changes.
 */
export const TRANSACTION_TRANSITIONS: Readonly<Record<TransactionStatus, readonly TransactionStatus[]>> = {
  [SENDING]: [PENDING, SUCCEEDED, FAILED, UNKNOWN, CANCELLED],
  [UNKNOWN]: [PENDING, SUCCEEDED, FAILED, CANCELLED, REFUNDED],
  [PENDING]: [SUCCEEDED, FAILED, CANCELLED, REFUNDED],
  [SUCCEEDED]: [REFUNDED],
  [FAILED]: [],
  [CANCELLED]: [],
  [REFUNDED]: [],
};

/** The statuses from which a transaction may move to `to`. */
export function transactionStatusesBefore(to: TransactionStatus): TransactionStatus[] {
  return Object.values(TransactionStatus).filter((from) => TRANSACTION_TRANSITIONS[from].includes(to));
}

/** Statuses a provider can no longer change by itself. */
export const FINAL_TRANSACTION_STATUSES: ReadonlySet<TransactionStatus> = new Set(
  Object.values(TransactionStatus).filter((status) => TRANSACTION_TRANSITIONS[status].length === 0),
);

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

/** What a transaction's move to a new status also records. */
export interface TransactionChange {
  status: TransactionStatus;
  providerReference?: string | null;
  metadata?: Record<string, unknown> | null;
  /** Why it failed or is unknown: a rejection or a system failure code. */
  errorCode?: string | null;
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
