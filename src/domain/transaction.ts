import { type Provider } from './provider.js';

/** What a ledger transaction did. */
export enum TransactionKind {
  PAYMENT = 'PAYMENT',
  MOBILE_RECHARGE = 'MOBILE_RECHARGE',
  WALLET_TRANSFER = 'WALLET_TRANSFER',
  WALLET_TOPUP = 'WALLET_TOPUP',
}

/** Where a money movement stands. UNKNOWN: sent, but the provider's answer never arrived. */
export enum TransactionStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  UNKNOWN = 'UNKNOWN',
  CANCELLED = 'CANCELLED',
  REFUNDED = 'REFUNDED',
}

/** Statuses a provider can no longer change by itself. */
export const FINAL_TRANSACTION_STATUSES: ReadonlySet<TransactionStatus> = new Set([
  TransactionStatus.FAILED,
  TransactionStatus.CANCELLED,
  TransactionStatus.REFUNDED,
]);

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

export interface Settlement {
  status: TransactionStatus;
  providerReference?: string | null;
  metadata?: Record<string, unknown> | null;
  errorCode?: string | null;
}
