import { describe, expect, it } from '@jest/globals';
import { normalizeSudanPhone } from '../../../src/schema/user/phone-number.js';

describe('Sudanese phone numbers', () => {
  it.each([
    ['249912345678', '249912345678'],
    ['+249 91 234 5678', '249912345678'],
    ['00249912345678', '249912345678'],
    ['0912345678', '249912345678'],
    ['912345678', '249912345678'],
    ['0112345678', '249112345678'],
    ['249551234567', '249551234567'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeSudanPhone(input)).toBe(expected);
  });

  it.each(['', '12345', '+1 415 555 0100', '24991234567', '2499123456789', '0512345678', 'phone'])(
    'refuses %s',
    (input) => {
      expect(normalizeSudanPhone(input)).toBeUndefined();
    },
  );
});
