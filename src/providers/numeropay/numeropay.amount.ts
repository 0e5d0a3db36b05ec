import { describeAmountProblem, parseAmount } from '../../domain/money.js';

/**
 * The JSON number sent as `amount`. NumeroPay wants a number with at most two decimals; the number is
 * built from the validated decimal text and must print back as exactly that text, so the JSON on the
 * wire carries our decimal digit for digit (no binary-float drift, no silent rounding).
 */
export function wireAmount(amount: string): number {
  const parsed = parseAmount(amount, 2);
  if (!parsed.ok) throw new RangeError(`amount ${describeAmountProblem(parsed.problem, 2)}`);
  const value = Number(parsed.amount);
  if (String(value) !== parsed.amount) throw new RangeError('amount has too many digits to send exactly');
  return value;
}

/** NumeroPay currencies are lower-case ISO 4217 codes. */
export function wireCurrency(currency: string): string {
  if (!/^[A-Za-z]{3}$/.test(currency)) throw new RangeError('currency must be a three-letter ISO 4217 code');
  return currency.toLowerCase();
}

/** NumeroPay's limit on amounts: a JSON number that prints back as exactly the amount. */
export function amountLimit(amount: string): string | undefined {
  return String(Number(amount)) === amount ? undefined : 'has too many digits for NumeroPay to take exactly';
}
