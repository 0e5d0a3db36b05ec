import { UserErrorCode } from '../../domain/user-error-codes.js';
import { userFailure, type UserFailure } from '../../domain/user-failure.js';
import {
  NUPEYE_MOBILE_NUMBER_RULE,
  normalizeNupeyeMobileNumber,
} from '../../providers/nupeye/nupeye.mobile-number.js';
import { checkAmount } from '../outcomes/amount-checks.js';

export type NupeyeTarget =
  { ok: true; mobileNumber: string; amount: string } | { ok: false; failures: UserFailure[] };

/** The mobile number and amount of a Nupeye mutation, checked before anything is recorded or sent. */
export function checkNupeyeTarget(input: { mobileNumber: string; amount: string }): NupeyeTarget {
  const failures: UserFailure[] = [];
  const mobileNumber = normalizeNupeyeMobileNumber(input.mobileNumber);
  if (!mobileNumber) {
    failures.push(
      userFailure(UserErrorCode.INVALID_PHONE, `mobileNumber must be ${NUPEYE_MOBILE_NUMBER_RULE}`, [
        'input',
        'mobileNumber',
      ]),
    );
  }
  const amount = checkAmount(input.amount);
  if (!amount.ok) failures.push(amount.failure);
  if (!mobileNumber || !amount.ok) return { ok: false, failures };
  return { ok: true, mobileNumber, amount: amount.amount };
}
