/**
 * Checks of card details made before any provider call. They say what is wrong, never echo the value:
 * a PAN or IPIN must not reach a message or a log line.
 */

export type PanProblem = 'format' | 'length' | 'luhn';
export type ExpiryProblem = 'format' | 'past';

/** Digits of a PAN typed with spaces or hyphens between groups. */
export function normalizePan(pan: string): string {
  return pan.replace(/[\s-]/g, '');
}

/** ISO/IEC 7812 lengths (13–19 digits) and the Luhn check digit. */
export function checkPan(pan: string): PanProblem | undefined {
  if (!/^\d+$/.test(pan)) return 'format';
  if (pan.length < 13 || pan.length > 19) return 'length';
  return luhnValid(pan) ? undefined : 'luhn';
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** MMYY; a card is valid through the last day of its expiry month (UTC). */
export function checkExpiry(expiry: string, now: Date): ExpiryProblem | undefined {
  const match = /^(0[1-9]|1[0-2])(\d{2})$/.exec(expiry);
  if (!match) return 'format';
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return year * 12 + (month - 1) < current ? 'past' : undefined;
}

/** First 6 and last 4 digits, the rest masked: 4111111111111111 → 411111******1111. */
export function maskPan(pan: string): string {
  return `${pan.slice(0, 6)}${'*'.repeat(Math.max(pan.length - 10, 0))}${pan.slice(-4)}`;
}

export function describePanProblem(problem: PanProblem): string {
  switch (problem) {
    case 'format':
      return 'pan must contain only digits';
    case 'length':
      return 'pan must have 13 to 19 digits';
    case 'luhn':
      return 'pan is not a valid card number (check digit)';
  }
}

export function describeExpiryProblem(problem: ExpiryProblem): string {
  return problem === 'format' ? 'expiry must be MMYY, e.g. 0827' : 'expiry is in the past';
}
