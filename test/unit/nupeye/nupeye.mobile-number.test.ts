import { describe, expect, it } from '@jest/globals';
import { normalizeNupeyeMobileNumber } from '../../../src/providers/nupeye/nupeye.mobile-number.js';

describe('Nupeye mobile numbers', () => {
  it.each([
    ['9812345678', '9812345678'],
    ['98123 45678', '9812345678'],
    ['981-234-5678', '9812345678'],
    ['6000000000', '6000000000'],
  ])('accepts %p as %p', (raw, normalized) => {
    expect(normalizeNupeyeMobileNumber(raw)).toBe(normalized);
  });

  it.each(['', '981234567', '98123456789', '5812345678', '+919812345678', '98123x5678', '٩٨١٢٣٤٥٦٧٨'])(
    'refuses %p',
    (raw) => {
      expect(normalizeNupeyeMobileNumber(raw)).toBeUndefined();
    },
  );
});
