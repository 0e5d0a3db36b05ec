import { parseAmount } from '../../domain/money.js';

/**
 * The document's field rules, checked before anything is recorded or sent, so a request NCHL would
 * refuse never leaves. Problems name our input fields; values are never echoed.
 */

export interface NchlWithdrawalRequestFields {
  amount: string;
  mobileNumber: string;
  accountName: string;
  accountNumber: string;
  branchId: string;
  bankId: string;
  remarks: string;
}

export interface NchlCashOutFields {
  verificationCode: string;
  mobileNumber: string;
  amount: string;
  bankCode: string;
  traceNumber: string;
  referenceNumber: string;
  terminalId: string;
}

export type NchlFieldProblemKind = 'amount' | 'phone' | 'field';

export interface NchlFieldProblem {
  field: string;
  kind: NchlFieldProblemKind;
  message: string;
}

/** Lengths of the create-request table; bankId has none there (its samples are 4 digits). */
const REQUEST_LENGTHS: Record<
  Exclude<keyof NchlWithdrawalRequestFields, 'amount' | 'mobileNumber'>,
  number
> = {
  accountName: 50,
  accountNumber: 20,
  branchId: 3,
  bankId: 10,
  remarks: 36,
};

/**
 * bankCode: the table says 4 characters, its sample sends an 8-letter SWIFT code; up to the 11 of a SWIFT
 * code is allowed. The document gives no length for the ATM's trace, reference and terminal ids.
 */
const CASH_OUT_LENGTHS: Record<Exclude<keyof NchlCashOutFields, 'amount' | 'mobileNumber'>, number> = {
  verificationCode: 8,
  bankCode: 11,
  traceNumber: 50,
  referenceNumber: 50,
  terminalId: 50,
};

/** Problems of a withdrawal request, and the amount as NCHL takes it (whole rupees, e.g. "5000"). */
export function checkWithdrawalRequest(fields: NchlWithdrawalRequestFields): {
  problems: NchlFieldProblem[];
  rupees?: string;
} {
  const problems = [
    ...mobileProblems(fields.mobileNumber),
    ...Object.entries(REQUEST_LENGTHS).flatMap(([field, max]) =>
      textProblems(field, fields[field as keyof NchlWithdrawalRequestFields], max),
    ),
  ];
  const amount = checkRupees(fields.amount);
  if ('problem' in amount) problems.unshift(amount.problem);
  return { problems, rupees: 'rupees' in amount ? amount.rupees : undefined };
}

export function checkCashOut(fields: NchlCashOutFields): { problems: NchlFieldProblem[]; rupees?: string } {
  const problems = [
    ...mobileProblems(fields.mobileNumber),
    ...Object.entries(CASH_OUT_LENGTHS).flatMap(([field, max]) =>
      textProblems(field, fields[field as keyof NchlCashOutFields], max),
    ),
  ];
  if (!/^\d*$/.test(fields.verificationCode)) {
    problems.push({ field: 'verificationCode', kind: 'field', message: 'verificationCode must be digits' });
  }
  const amount = checkRupees(fields.amount);
  if ('problem' in amount) problems.unshift(amount.problem);
  return { problems, rupees: 'rupees' in amount ? amount.rupees : undefined };
}

/** "Transaction amount should be in rupees and multiples of 1000." */
function checkRupees(value: string): { rupees: string } | { problem: NchlFieldProblem } {
  const parsed = parseAmount(value, 2);
  const problem = (message: string) => ({ problem: { field: 'amount', kind: 'amount' as const, message } });
  if (!parsed.ok || parsed.amount.includes('.')) return problem('amount must be a whole number of rupees');
  if (BigInt(parsed.amount) % 1000n !== 0n) return problem('amount must be a multiple of 1000 rupees');
  return { rupees: parsed.amount };
}

function mobileProblems(mobileNumber: string): NchlFieldProblem[] {
  if (/^9\d{9}$/.test(mobileNumber)) return [];
  return [
    { field: 'mobileNumber', kind: 'phone', message: 'mobileNumber must be a 10-digit Nepali mobile number' },
  ];
}

function textProblems(field: string, value: string, max: number): NchlFieldProblem[] {
  if (value.trim() === '') return [{ field, kind: 'field', message: `${field} must not be empty` }];
  if (value.length > max)
    return [{ field, kind: 'field', message: `${field} must be at most ${max} characters` }];
  if ([...value].some((char) => char.charCodeAt(0) < 0x20)) {
    return [{ field, kind: 'field', message: `${field} must not contain control characters` }];
  }
  return [];
}
