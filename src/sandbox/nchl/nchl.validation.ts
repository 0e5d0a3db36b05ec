/**
 * Field rules of the NPI document, as the simulator enforces them. Each check answers the first violation
 * in NCHL's words, or undefined. Kept apart from the client's own checks on purpose: both follow the
 * document, so a disagreement between them shows up in tests instead of being shared.
 */

type Body = Record<string, unknown>;

export interface CreateRequestFields {
  amount: string;
  mobileNumber: string;
  accountName: string;
  accountNumber: string;
  branchId: string;
  bankId: string;
  transactionUniqueId: string;
  currencyCode: string;
  remarks: string;
  token: string;
}

export interface WithdrawFields {
  verificationCode: string;
  mobileNumber: string;
  amount: string;
  bankCode: string;
  traceNumber: string;
  referenceNumber: string;
  terminalId: string;
}

/** Lengths from the document's table; bankId has none there, so the simulator bounds it loosely. */
const CREATE_REQUEST_LENGTHS: Record<Exclude<keyof CreateRequestFields, 'amount' | 'token'>, number> = {
  mobileNumber: 10,
  accountName: 50,
  accountNumber: 20,
  branchId: 3,
  bankId: 10,
  transactionUniqueId: 36,
  currencyCode: 3,
  remarks: 36,
};

/**
 * The table gives bankCode length 4 but its own sample sends an 8-letter SWIFT code ("PCBLNPKA"): the
 * simulator accepts either form, up to the 11 characters of a SWIFT code. Other lengths are not given.
 */
const WITHDRAW_LENGTHS: Record<Exclude<keyof WithdrawFields, 'amount'>, number> = {
  verificationCode: 8,
  mobileNumber: 10,
  bankCode: 11,
  traceNumber: 50,
  referenceNumber: 50,
  terminalId: 50,
};

export function checkCreateRequest(body: Body): { fields: CreateRequestFields } | { violation: string } {
  const amount = amountText(body.amount);
  if (amount === undefined) return { violation: 'amount is mandatory' };
  const amountViolation = checkWithdrawalAmount(amount);
  if (amountViolation) return { violation: amountViolation };
  for (const [field, max] of Object.entries(CREATE_REQUEST_LENGTHS)) {
    const violation = checkText(body, field, max);
    if (violation) return { violation };
  }
  if (body.currencyCode !== 'NPR') return { violation: 'currencyCode must be NPR' };
  if (!/^\d{10}$/.test(body.mobileNumber as string)) return { violation: 'mobileNumber must be 10 digits' };
  if (typeof body.token !== 'string' || body.token === '') return { violation: 'token is mandatory' };
  return { fields: { ...(body as unknown as CreateRequestFields), amount } };
}

export function checkWithdraw(body: Body): { fields: WithdrawFields } | { violation: string } {
  const amount = amountText(body.amount);
  if (amount === undefined || !/^\d+(\.\d+)?$/.test(amount)) return { violation: 'amount is invalid' };
  for (const [field, max] of Object.entries(WITHDRAW_LENGTHS)) {
    const violation = checkText(body, field, max);
    if (violation) return { violation };
  }
  if (!/^\d{10}$/.test(body.mobileNumber as string)) return { violation: 'mobileNumber must be 10 digits' };
  return { fields: { ...(body as unknown as WithdrawFields), amount } };
}

/** Rupees, a positive multiple of 1000 ("5000" or "5000.0" as in the sample). */
function checkWithdrawalAmount(amount: string): string | undefined {
  if (!/^\d+(\.0+)?$/.test(amount)) return 'amount must be in whole rupees';
  const rupees = BigInt(amount.split('.')[0]!);
  if (rupees <= 0n || rupees % 1000n !== 0n) return 'amount must be in multiples of 1000';
  return undefined;
}

/** The document types amount as a string, its samples send numbers: both are read. */
export function amountText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function checkText(body: Body, field: string, max: number): string | undefined {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') return `${field} is mandatory`;
  if (value.length > max) return `${field} must be at most ${max} characters`;
  return undefined;
}
