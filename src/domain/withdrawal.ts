import { type Provider } from './provider.js';
import type { Rejection } from './rejection.js';

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

const { PENDING, UNKNOWN, REQUESTED, PROCESSING, PAID, FAILED, EXPIRED } = WithdrawalStatus;

/**
 * The one transition table of withdrawals. Late, replayed or reordered news (a notification after the
 * report, a "requested" after "paid") never takes a withdrawal back, and a final status never changes.
 */
export const WITHDRAWAL_TRANSITIONS: Readonly<Record<WithdrawalStatus, readonly WithdrawalStatus[]>> = {
  [PENDING]: [UNKNOWN, REQUESTED, PROCESSING, PAID, FAILED, EXPIRED],
  [UNKNOWN]: [REQUESTED, PROCESSING, PAID, FAILED, EXPIRED],
  [REQUESTED]: [PROCESSING, PAID, FAILED, EXPIRED],
  [PROCESSING]: [PAID, FAILED, EXPIRED],
  [PAID]: [],
  [FAILED]: [],
  [EXPIRED]: [],
};

export const FINAL_WITHDRAWAL_STATUSES: ReadonlySet<WithdrawalStatus> = new Set(
  Object.values(WithdrawalStatus).filter((status) => WITHDRAWAL_TRANSITIONS[status].length === 0),
);

export function isFinalWithdrawalStatus(status: WithdrawalStatus): boolean {
  return FINAL_WITHDRAWAL_STATUSES.has(status);
}

export function canAdvanceWithdrawal(from: WithdrawalStatus, to: WithdrawalStatus): boolean {
  return WITHDRAWAL_TRANSITIONS[from].includes(to);
}

/** The statuses from which a withdrawal may move to `to`. */
export function withdrawalStatusesBefore(to: WithdrawalStatus): WithdrawalStatus[] {
  return Object.values(WithdrawalStatus).filter((from) => canAdvanceWithdrawal(from, to));
}

/**
 * Where a withdrawal's last cash-out attempt stands. SENDING: on its way to the provider. ACCEPTED: the
 * provider paid it out against this withdrawal. DECLINED: refused (wrong OTP …). NOT_PAID: known not to
 * have paid (never sent, refused before acting, or the report says unpaid). UNKNOWN: the answer was lost.
 * UNATTRIBUTED: paid, but the answer cannot tell this withdrawal from another with the same account,
 * mobile and amount; held until the notification or the report says which one was paid. MISMATCHED: paid,
 * but the answer names another withdrawal's account: this one was not paid.
 */
export type CashOutState =
  'SENDING' | 'ACCEPTED' | 'DECLINED' | 'UNKNOWN' | 'NOT_PAID' | 'UNATTRIBUTED' | 'MISMATCHED';

/** The transition table of cash-out attempts; a later attempt may start only after DECLINED or NOT_PAID. */
export const CASH_OUT_TRANSITIONS: Readonly<Record<CashOutState, readonly CashOutState[]>> = {
  SENDING: ['ACCEPTED', 'DECLINED', 'UNKNOWN', 'NOT_PAID', 'UNATTRIBUTED', 'MISMATCHED'],
  UNKNOWN: ['ACCEPTED', 'NOT_PAID', 'UNATTRIBUTED'],
  UNATTRIBUTED: ['ACCEPTED', 'NOT_PAID'],
  ACCEPTED: [],
  DECLINED: [],
  NOT_PAID: [],
  MISMATCHED: [],
};

/** Cash-out states after which another attempt on the same withdrawal may begin. */
export const CASH_OUT_RETRYABLE: ReadonlySet<CashOutState> = new Set(['DECLINED', 'NOT_PAID', 'MISMATCHED']);

export function cashOutStatesBefore(to: CashOutState): CashOutState[] {
  return (Object.keys(CASH_OUT_TRANSITIONS) as CashOutState[]).filter((from) =>
    CASH_OUT_TRANSITIONS[from].includes(to),
  );
}

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
  /** Why it was declined (a Rejection) or failed (a ProviderError code). */
  failure?: string;
  /** What the provider's answer said was paid out, when it paid (the account masked to its last 4). */
  payout?: CashOutPayoutSeen;
  /** Open withdrawals the payout could have been for, when the answer could not tell them apart. */
  candidates?: string[];
}

/** What a cash-out answer says was paid: the provider names no request of ours, only these. */
export interface CashOutPayout {
  accountNumber?: string;
  mobileNumber?: string;
  amount?: string;
  bookedAt?: string;
  referenceId?: string;
}

/** A payout as kept with the attempt: the account only masked. */
export type CashOutPayoutSeen = Omit<CashOutPayout, 'accountNumber'> & { accountLast4?: string };

/** A provider's answer to a cash-out it received. */
export type CashOutAnswer = { paid: true; payout: CashOutPayout } | { paid: false; rejection: Rejection };

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

export interface WithdrawalCursor {
  createdAt: string;
  id: string;
}
