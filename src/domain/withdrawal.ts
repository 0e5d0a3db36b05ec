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
