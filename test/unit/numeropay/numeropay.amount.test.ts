import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { wireAmount, wireCurrency } from '../../../src/providers/numeropay/numeropay.amount.js';

describe('NumeroPay wire amount', () => {
  it.each([
    ['10.50', 10.5, '10.5'],
    ['0.10', 0.1, '0.1'],
    ['100', 100, '100'],
    ['0.07', 0.07, '0.07'],
    ['19.99', 19.99, '19.99'],
  ])('sends %s as the JSON number %s', (amount, expected, json) => {
    expect(wireAmount(amount)).toBe(expected);
    expect(JSON.stringify({ amount: wireAmount(amount) })).toBe(`{"amount":${json}}`);
  });

  it.each(['0', '0.00', '-1', '10.505', '1e3', 'abc', '', '1,5'])('refuses %p', (amount) => {
    expect(() => wireAmount(amount)).toThrow(RangeError);
  });

  it('refuses an amount a JSON number cannot carry digit for digit', () => {
    expect(() => wireAmount('999999999999999.99')).toThrow(/exactly/);
  });

  it('puts every two-decimal amount on the wire exactly as written', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 99_999_999_999_99n }), (cents) => {
        const text = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
        const canonical = text.replace(/\.?0+$/, '');
        expect(JSON.stringify(wireAmount(text))).toBe(canonical);
      }),
    );
  });

  it('sends currencies in lower case and refuses anything but three letters', () => {
    expect(wireCurrency('AUD')).toBe('aud');
    expect(() => wireCurrency('AU')).toThrow(RangeError);
    expect(() => wireCurrency('A1D')).toThrow(RangeError);
  });
});
