/**
 * Amounts are decimal strings ("1250.50") from the edge to the ledger: never floats. Arithmetic, where
 * needed, is done on scaled bigints.
 */
const DECIMAL = /^(0|[1-9]\d{0,14})(\.\d{1,8})?$/;

export interface Money {
  amount: string;
  currency: string;
}

export type AmountProblem = 'format' | 'not-positive' | 'too-many-decimals';

/**
 * A provider's own limit on the amounts it takes: why it cannot take this canonical amount (a phrase such
 * as "must be a multiple of 1000"), or undefined when it can. Checked before anything is recorded.
 */
export type AmountLimit = (amount: string) => string | undefined;

/**
 * Checks a decimal amount: plain digits with an optional fraction, no sign, no exponent, at most
 * `maxDecimals` fractional digits, greater than zero. Returns the canonical form or the problem.
 */
export function parseAmount(
  value: string,
  maxDecimals = 2,
): { ok: true; amount: string } | { ok: false; problem: AmountProblem } {
  const trimmed = value.trim();
  if (!DECIMAL.test(trimmed)) return { ok: false, problem: 'format' };
  const [whole = '0', fraction = ''] = trimmed.split('.');
  const significantFraction = fraction.replace(/0+$/, '');
  if (significantFraction.length > maxDecimals) return { ok: false, problem: 'too-many-decimals' };
  const canonical = significantFraction ? `${whole}.${significantFraction}` : whole;
  if (/^0(\.0*)?$/.test(canonical)) return { ok: false, problem: 'not-positive' };
  return { ok: true, amount: canonical };
}

/** Describes an AmountProblem for a userError message. */
export function describeAmountProblem(problem: AmountProblem, maxDecimals = 2): string {
  switch (problem) {
    case 'format':
      return 'must be a decimal number such as "100" or "99.50"';
    case 'not-positive':
      return 'must be greater than zero';
    case 'too-many-decimals':
      return `must have at most ${maxDecimals} decimal places`;
  }
}

/** Converts a number received from a provider to a decimal string, without binary-float artefacts. */
export function decimalFromWire(value: number | string): string {
  if (typeof value === 'string') return value.trim();
  if (!Number.isFinite(value)) throw new RangeError('amount is not finite');
  // From 1e21 on, String and toFixed both answer exponent notation ("1e+21"), which is no decimal.
  if (Math.abs(value) >= 1e21) throw new RangeError('amount is out of range');
  // The shortest round-trip text is what the sender wrote; toFixed would show binary digits past ~1e8
  // (99999999999.99 → "99999999999.99000549"), so it is only the fallback for exponents and long fractions.
  const shortest = String(value);
  if (/^-?\d+(\.\d{1,8})?$/.test(shortest)) return shortest;
  return stripZeros(value.toFixed(8));
}

/** Sums decimal strings exactly. */
export function addDecimals(values: readonly string[]): string {
  const scale = 8;
  const total = values.reduce((sum, value) => sum + toScaled(value, scale), 0n);
  return fromScaled(total, scale);
}

/** Compares two decimal strings: negative, zero or positive like a sort comparator. */
export function compareDecimals(a: string, b: string): number {
  const difference = toScaled(a, 8) - toScaled(b, 8);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

function toScaled(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace(/^[-+]/, '').split('.');
  const scaled = BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
  return negative ? -scaled : scaled;
}

function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return (negative ? '-' : '') + stripZeros(text);
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
