import { describeAmountProblem, parseAmount, type AmountLimit } from '../../domain/money.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { userFailure, type UserFailure } from '../../domain/user-failure.js';

/**
 * Checks an amount the way every money operation must before anything is recorded: a positive decimal with
 * at most `maxDecimals` places, within the provider's own limits. Answers the canonical amount, or the
 * INVALID_AMOUNT failure naming the field.
 */
export function checkAmount(
  value: string,
  options: { field?: string; maxDecimals?: number; limit?: AmountLimit } = {},
): { ok: true; amount: string } | { ok: false; failure: UserFailure } {
  const field = options.field ?? 'amount';
  const maxDecimals = options.maxDecimals ?? 2;
  const parsed = parseAmount(value, maxDecimals);
  const problem = parsed.ok
    ? options.limit?.(parsed.amount)
    : describeAmountProblem(parsed.problem, maxDecimals);
  if (!parsed.ok || problem) {
    return {
      ok: false,
      failure: userFailure(UserErrorCode.INVALID_AMOUNT, `${field} ${problem}`, ['input', field]),
    };
  }
  return { ok: true, amount: parsed.amount };
}
