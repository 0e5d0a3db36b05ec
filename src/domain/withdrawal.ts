import { type Provider } from './provider.js';

/** Where a cardless cash withdrawal stands. */
export enum WithdrawalStatus {
  /** Recorded; the request is being sent to the provider. */
  PENDING = 'PENDING',
  /** Sent, but no answer arrived: settled from the provider's report, never re-sent automatically. */
  UNKNOWN = 'UNKNOWN',
  /** Accepted by the provider; the customer was sent an OTP to withdraw cash with. */
  REQUESTED = 'REQUESTED',
  /** Cash-out accepted at the ATM; the provider's confirmation is awaited. */
  PROCESSING = 'PROCESSING',
  /** Paid out and confirmed. */
  PAID = 'PAID',
  /** Refused by the provider, or the payout failed. */
  FAILED = 'FAILED',
  /** The OTP expired unused. */
  EXPIRED = 'EXPIRED',
}

const RANK: Record<WithdrawalStatus, number> = {
  [WithdrawalStatus.PENDING]: 0,
  [WithdrawalStatus.UNKNOWN]: 1,
  [WithdrawalStatus.REQUESTED]: 2,
  [WithdrawalStatus.PROCESSING]: 3,
  [WithdrawalStatus.PAID]: 4,
  [WithdrawalStatus.FAILED]: 4,
  [WithdrawalStatus.EXPIRED]: 4,
};

export const FINAL_WITHDRAWAL_STATUSES: ReadonlySet<WithdrawalStatus> = new Set([
  WithdrawalStatus.PAID,
  WithdrawalStatus.FAILED,
  WithdrawalStatus.EXPIRED,
]);

export function isFinalWithdrawalStatus(status: WithdrawalStatus): boolean {
  return FINAL_WITHDRAWAL_STATUSES.has(status);
}

/**
 * Withdrawals only move forward: late, replayed or reordered news (a notification after the report, a
 * "requested" after "paid") never takes a withdrawal back, and a final status never changes.
 */
export function canAdvanceWithdrawal(from: WithdrawalStatus, to: WithdrawalStatus): boolean {
  return RANK[to] > RANK[from];
}

export type CashOutState = 'SENDING' | 'ACCEPTED' | 'DECLINED' | 'UNKNOWN' | 'NOT_PAID';

/** The last cash-out attempt of a withdrawal. The OTP it carried is never kept. */
export interface WithdrawalCashOut {
  idempotencyKey: string;
  requestHash: string;
  /** The operator principal that asked for it. */
  operator: string;
  bankCode: string;
  traceNumber: string;
  referenceNumber: string;
  terminalId: string;
  /** When the provider booked the payout, once accepted. */
  bookedAt?: string;
  /** Why it was declined (WRONG_OTP, EXPIRED, AMOUNT_MISMATCH, DECLINED) or failed (a ProviderError code). */
  failure?: string;
}

/** A cardless withdrawal as the rest of the code sees it. */
export interface WithdrawalRecord {
  id: string;
  provider: Provider;
  transactionUniqueId: string;
  status: WithdrawalStatus;
  amount: string;
  currency: string;
  mobileNumber: string;
  accountName: string;
  accountNumber: string;
  branchId: string;
  bankId: string;
  remarks: string;
  providerReference: string | null;
  expiresAt: string | null;
  cashOutState: CashOutState | null;
  cashOut: WithdrawalCashOut | null;
  errorCode: string | null;
  principal: string;
  idempotencyKey: string;
  requestHash: string;
  createdAt: string;
  updatedAt: string;
  checkedAt: string | null;
}

/** A provider's inbound news about one withdrawal, already authenticated and mapped to our statuses. */
export interface WithdrawalNotification {
  provider: Provider;
  transactionUniqueId: string;
  status: WithdrawalStatus;
  providerReference?: string;
  /** Same for a replay of the same notification. */
  fingerprint: string;
  payload: unknown;
}

/** A provider's report about a withdrawal, mapped to our statuses (PENDING when it says nothing we use). */
export interface WithdrawalReport {
  status: WithdrawalStatus;
  providerReference?: string;
  expiresAt?: string;
}
