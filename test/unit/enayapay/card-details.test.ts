import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  checkExpiry,
  checkPan,
  luhnValid,
  maskPan,
  normalizePan,
} from '../../../src/schema/card/card-details.js';

describe('card details checks', () => {
  it('accepts well-known test PANs and refuses a wrong check digit, bad lengths and non-digits', () => {
    for (const pan of ['4111111111111111', '5555555555554444', '378282246310005', '4000000000000002']) {
      expect(checkPan(pan)).toBeUndefined();
    }
    expect(checkPan('4111111111111112')).toBe('luhn');
    expect(checkPan('411111111111')).toBe('length');
    expect(checkPan('41111111111111111111')).toBe('length');
    expect(checkPan('4111a11111111111')).toBe('format');
    expect(checkPan('')).toBe('format');
  });

  it('a single changed digit always breaks the Luhn check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const digits = '4111111111111111'.split('').map(Number);
        digits[position] = (digits[position]! + delta) % 10;
        return !luhnValid(digits.join(''));
      }),
    );
  });

  it('normalizes spaces and hyphens typed between groups', () => {
    expect(normalizePan('4111 1111-1111 1111')).toBe('4111111111111111');
  });

  it('masks all but the first 6 and last 4 digits', () => {
    expect(maskPan('4111111111111111')).toBe('411111******1111');
    expect(maskPan('6391750000000000019')).toBe('639175*********0019');
  });

  it('checks expiry format, and that the card is valid through the end of its month', () => {
    const now = new Date('2026-03-31T23:59:00Z');
    expect(checkExpiry('0326', now)).toBeUndefined();
    expect(checkExpiry('0226', now)).toBe('past');
    expect(checkExpiry('1225', now)).toBe('past');
    expect(checkExpiry('0130', now)).toBeUndefined();
    expect(checkExpiry('1326', now)).toBe('format');
    expect(checkExpiry('326', now)).toBe('format');
    expect(checkExpiry('03/26', now)).toBe('format');
  });
});
