import type {
  CashOutPayout,
  CashOutPayoutSeen,
  CashOutState,
  WithdrawalRecord,
} from '../../domain/withdrawal.js';
import { compareDecimals } from '../../domain/money.js';

export interface Attribution {
  state: Extract<CashOutState, 'ACCEPTED' | 'UNATTRIBUTED' | 'MISMATCHED'>;
  /** The open withdrawals the payout could have been for, when it cannot be told which. */
  candidates?: string[];
}

/**
 * Which withdrawal a paid cash-out paid. The provider's answer names no request of ours, only the account,
 * mobile number and amount it paid, so the caller's claim is never taken on trust: the claimed withdrawal
 * is ACCEPTED only when it is the one open withdrawal the answer fits; MISMATCHED when the answer does not
 * fit it at all (another withdrawal's account: that one was paid, not this); UNATTRIBUTED when several
 * open withdrawals fit and only the notification or the report can say which was paid.
 */
export function attributePayout(
  claimed: WithdrawalRecord,
  payout: CashOutPayout,
  openCandidates: readonly WithdrawalRecord[],
): Attribution {
  const fitting = [claimed, ...openCandidates.filter((candidate) => candidate.id !== claimed.id)].filter(
    (withdrawal) => fits(withdrawal, payout),
  );
  if (!fitting.some((withdrawal) => withdrawal.id === claimed.id)) return { state: 'MISMATCHED' };
  if (fitting.length === 1) return { state: 'ACCEPTED' };
  return { state: 'UNATTRIBUTED', candidates: fitting.map((withdrawal) => withdrawal.id) };
}

/** Whether a payout could be this withdrawal's: every detail the answer gives must agree. */
function fits(withdrawal: WithdrawalRecord, payout: CashOutPayout): boolean {
  if (payout.accountNumber !== undefined && !sameAccount(withdrawal.accountNumber, payout.accountNumber))
    return false;
  if (payout.mobileNumber !== undefined && payout.mobileNumber !== withdrawal.mobileNumber) return false;
  if (payout.amount !== undefined && compareDecimals(payout.amount, withdrawal.amount) !== 0) return false;
  return true;
}

/** Account numbers agree digit by digit; an answer may mask digits with X (as the document's sample does). */
function sameAccount(recorded: string, answered: string): boolean {
  if (recorded.length !== answered.length) return false;
  for (let index = 0; index < recorded.length; index++) {
    const digit = answered[index]!;
    if (digit !== 'X' && digit !== 'x' && digit !== recorded[index]) return false;
  }
  return true;
}

/** The payout as it is kept with the attempt: the account masked to its last 4. */
export function payoutSeen(payout: CashOutPayout): CashOutPayoutSeen {
  const { accountNumber, ...rest } = payout;
  return accountNumber ? { ...rest, accountLast4: accountNumber.slice(-4) } : rest;
}
