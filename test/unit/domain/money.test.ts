import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addDecimals,
  compareDecimals,
  decimalFromWire,
  describeAmountProblem,
  parseAmount,
} from '../../../src/domain/money.js';

describe('parseAmount', () => {
  it.each([
    ['100', '100'],
    ['99.50', '99.5'],
    ['99.5', '99.5'],
    ['0.01', '0.01'],
    ['1.000', '1'],
    [' 42 ', '42'],
    ['999999999999999.99', '999999999999999.99'],
  ])('accepts %j as %j', (input, canonical) => {
    expect(parseAmount(input)).toEqual({ ok: true, amount: canonical });
  });

  it.each([
    '',
    ' ',
    '-1',
    '+1',
    '1e3',
    '01',
    '00.5',
    '.5',
    '5.',
    '1,000',
    '1 000',
    'NaN',
    'Infinity',
    '0x10',
    '١٢',
    '1234567890123456',
    '0.000000001',
  ])('refuses %j as not a plain decimal', (input) => {
    expect(parseAmount(input)).toEqual({ ok: false, problem: 'format' });
  });

  it.each(['0', '0.0', '0.00', '0.00000000'])('refuses %j as not positive', (input) => {
    expect(parseAmount(input)).toEqual({ ok: false, problem: 'not-positive' });
  });

  it('counts only significant fractional digits against maxDecimals', () => {
    expect(parseAmount('1.001')).toEqual({ ok: false, problem: 'too-many-decimals' });
    expect(parseAmount('1.0010')).toEqual({ ok: false, problem: 'too-many-decimals' });
    expect(parseAmount('1.0100')).toEqual({ ok: true, amount: '1.01' });
    expect(parseAmount('5.5', 0)).toEqual({ ok: false, problem: 'too-many-decimals' });
    expect(parseAmount('5.0', 0)).toEqual({ ok: true, amount: '5' });
    expect(parseAmount('0.00000001', 8)).toEqual({ ok: true, amount: '0.00000001' });
  });

  it('describes each problem for a userError', () => {
    expect(describeAmountProblem('format')).toMatch(/decimal number/);
    expect(describeAmountProblem('not-positive')).toMatch(/greater than zero/);
    expect(describeAmountProblem('too-many-decimals', 3)).toMatch(/at most 3 decimal places/);
  });
});

describe('addDecimals and compareDecimals', () => {
  it('adds exactly where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(addDecimals(['999999999999999.99', '0.01'])).toBe('1000000000000000');
    expect(addDecimals(['100.50', '-0.5'])).toBe('100');
    expect(addDecimals(['-1.25', '0.5'])).toBe('-0.75');
    expect(addDecimals(['0.00000001', '0.00000002'])).toBe('0.00000003');
    expect(addDecimals([])).toBe('0');
  });

  it('sums any list of cent amounts to the same total as integer cents', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { maxLength: 30 }), (cents) => {
        const asDecimal = (value: number) => {
          const sign = value < 0 ? '-' : '';
          const abs = Math.abs(value);
          return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
        };
        const total = cents.reduce((sum, value) => sum + value, 0);
        expect(compareDecimals(addDecimals(cents.map(asDecimal)), asDecimal(total))).toBe(0);
      }),
    );
  });

  it('compares by value, not by text', () => {
    expect(compareDecimals('10', '9.99')).toBe(1);
    expect(compareDecimals('9.99', '10')).toBe(-1);
    expect(compareDecimals('0.1', '0.10')).toBe(0);
    expect(compareDecimals('100.005', '100.00500000')).toBe(0);
    expect(compareDecimals('-1', '0')).toBe(-1);
    expect(compareDecimals('-0.5', '-0.25')).toBe(-1);
    expect(compareDecimals('123456789012345.12345678', '123456789012345.12345677')).toBe(1);
  });
});

describe('decimalFromWire', () => {
  it.each<[number | string, string]>([
    [100.5, '100.5'],
    [12, '12'],
    [0.1, '0.1'],
    [-5.25, '-5.25'],
    [0.1 + 0.2, '0.3'],
    [99999999999.99, '99999999999.99'],
    [1e-7, '0.0000001'],
    [1e20, '100000000000000000000'],
    [' 12.50 ', '12.50'],
  ])('turns %j into %j', (wire, decimal) => {
    expect(decimalFromWire(wire)).toBe(decimal);
  });

  it('never shows binary float digits for amounts with up to 2 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999_99 }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(compareDecimals(decimalFromWire(Number(text)), text)).toBe(0);
        expect(decimalFromWire(Number(text))).toMatch(/^\d+(\.\d{1,2})?$/);
      }),
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e21, -1e21, 5e300])(
    'refuses %p',
    (value) => {
      expect(() => decimalFromWire(value)).toThrow(RangeError);
    },
  );
});
