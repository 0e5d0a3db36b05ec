/** A mobile number as Nupeye takes it: ten digits, the first 6 to 9 (India; Nepal's 96–98 fit too). */
const MOBILE_NUMBER = /^[6-9]\d{9}$/;

export const NUPEYE_MOBILE_NUMBER_RULE = 'a 10-digit mobile number starting with 6, 7, 8 or 9';

/** The number without the spaces and hyphens people type, or undefined when it is not one Nupeye takes. */
export function normalizeNupeyeMobileNumber(raw: string): string | undefined {
  const digits = raw.replace(/[\s-]/g, '');
  return MOBILE_NUMBER.test(digits) ? digits : undefined;
}
