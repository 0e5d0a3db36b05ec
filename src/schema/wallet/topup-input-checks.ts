import { describeAmountProblem, parseAmount } from '../../domain/money.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { isSendableAmount } from '../../providers/digipay/digipay.mapper.js';
import { UserError } from '../common/user-error.type.js';
import { validateInput } from '../common/validate-input.js';
import type { WalletTopupQuoteInput } from './wallet-topup.input.js';

export type CheckedTopup = { ok: true; amount: string } | { ok: false; userErrors: UserError[] };

/** Checks a top-up or quote input; nothing is recorded or sent when it fails. */
export async function checkTopupInput(input: WalletTopupQuoteInput): Promise<CheckedTopup> {
  const userErrors = await validateInput(input);
  const amount = parseAmount(input.amount, 2);
  const amountProblem = !amount.ok
    ? `amount ${describeAmountProblem(amount.problem)}`
    : !isSendableAmount(amount.amount)
      ? 'amount is too large'
      : undefined;
  if (amountProblem)
    userErrors.push(UserError.of(UserErrorCode.INVALID_AMOUNT, amountProblem, ['input', 'amount']));
  if (userErrors.length > 0 || !amount.ok) return { ok: false, userErrors };
  return { ok: true, amount: amount.amount };
}
