/** Field rules of the simulated Nupeye; a violation is answered 400 with the message returned here. */

export interface NupeyeTransferFields {
  mobile_no: string;
  amount: string;
  app_id: string;
}

export interface NupeyeRechargeFields extends NupeyeTransferFields {
  user_name: string;
  user_password: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

const MOBILE_NUMBER = /^[6-9]\d{9}$/;
const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;

export function validateTransfer(body: unknown, apiUser: string): Validated<NupeyeTransferFields> {
  if (!isRecord(body)) return invalid('Invalid request body');
  const problem = fieldProblem(body, ['mobile_no', 'amount', 'app_id']);
  if (problem) return invalid(problem);
  const { mobile_no, amount, app_id } = body as Record<string, string>;
  if (!MOBILE_NUMBER.test(mobile_no!)) return invalid('Invalid mobile_no');
  if (!AMOUNT.test(amount!) || Number(amount) <= 0) return invalid('Invalid amount');
  if (app_id !== apiUser) return invalid('Invalid app_id');
  return { ok: true, value: { mobile_no: mobile_no!, amount: amount!, app_id: app_id! } };
}

export function validateRecharge(body: unknown, apiUser: string): Validated<NupeyeRechargeFields> {
  const transfer = validateTransfer(body, apiUser);
  if (!transfer.ok) return transfer;
  const record = body as Record<string, unknown>;
  const problem = fieldProblem(record, ['user_name', 'user_password']);
  if (problem) return invalid(problem);
  return {
    ok: true,
    value: {
      ...transfer.value,
      user_name: record.user_name as string,
      user_password: record.user_password as string,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nupeye takes every field as a string; numbers are refused so a client cannot send a float amount. */
function fieldProblem(body: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = body[name];
    if (value === undefined || value === null || value === '') return `${name} is required`;
    if (typeof value !== 'string' || value.trim() === '') return `Invalid ${name}`;
  }
  return undefined;
}

function invalid(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
