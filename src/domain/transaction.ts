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
