/**
 * Sudanese mobile numbers, as EnayaPay wants them: international form without "+", 249 and nine digits.
 * Accepted as typed: "+249 91 234 5678", "00249912345678", "0912345678" or "912345678".
 */
export function normalizeSudanPhone(input: string): string | undefined {
  const digits = input.replace(/[\s().-]/g, '');
  const international = /^(?:\+|00)?249(\d{9})$/.exec(digits);
  const local = /^0?([19]\d{8})$/.exec(digits);
  const subscriber = international?.[1] ?? local?.[1];
  return subscriber ? `249${subscriber}` : undefined;
}
