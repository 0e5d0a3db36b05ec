import { describeAmountProblem, parseAmount } from '../../domain/money.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import {
  NUPEYE_MOBILE_NUMBER_RULE,
  normalizeNupeyeMobileNumber,
} from '../../providers/nupeye/nupeye.mobile-number.js';
import { UserError } from '../common/user-error.type.js';
import { validateInput } from '../common/validate-input.js';

export type CheckedTarget =
  { ok: true; mobileNumber: string; amount: string } | { ok: false; userErrors: UserError[] };

/** Checks the mobile number and amount of a Nupeye mutation; nothing is recorded or sent when they fail. */
export function checkNupeyeTarget(input: { mobileNumber: string; amount: string }): CheckedTarget {
  const userErrors: UserError[] = [];
  const mobileNumber = normalizeNupeyeMobileNumber(input.mobileNumber);
  if (!mobileNumber) {
    userErrors.push(
      UserError.of(UserErrorCode.INVALID_PHONE, `mobileNumber must be ${NUPEYE_MOBILE_NUMBER_RULE}`, [
        'input',
        'mobileNumber',
      ]),
    );
  }
  const amount = parseAmount(input.amount, 2);
  if (!amount.ok) {
    userErrors.push(
      UserError.of(UserErrorCode.INVALID_AMOUNT, `amount ${describeAmountProblem(amount.problem)}`, [
        'input',
        'amount',
      ]),
    );
  }
  if (!mobileNumber || !amount.ok) return { ok: false, userErrors };
  return { ok: true, mobileNumber, amount: amount.amount };
}

/** The class-validator rules of the input plus the mobile number and amount checks, as one result. */
export async function checkNupeyeInput(input: {
  mobileNumber: string;
  amount: string;
}): Promise<CheckedTarget> {
  const userErrors = await validateInput(input);
  const target = checkNupeyeTarget(input);
  if (!target.ok) userErrors.push(...target.userErrors);
  return userErrors.length > 0 || !target.ok ? { ok: false, userErrors } : target;
}
