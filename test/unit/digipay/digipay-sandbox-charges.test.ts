import { describe, expect, it } from '@jest/globals';
import { paisaFromWire, paisaToWire } from '../../../src/sandbox/digipay/digipay-amount.js';
import { chargesFor } from '../../../src/sandbox/digipay/digipay-charges.js';
import { parseTopupRequest } from '../../../src/sandbox/digipay/digipay-request.js';

describe('DigiPay sandbox amounts', () => {
  it('reads wire numbers with at most two decimals as paisa', () => {
    expect(paisaFromWire(100)).toBe(10_000n);
    expect(paisaFromWire(0.29)).toBe(29n);
    expect(paisaFromWire(1000.5)).toBe(100_050n);
    expect(paisaToWire(100_050n)).toBe(1000.5);
  });

  it.each([0, -1, 1.005, '100', Number.NaN, 1e21])('refuses %p', (value) => {
    expect(paisaFromWire(value)).toBeUndefined();
  });
});

describe('DigiPay sandbox charges', () => {
  it('charges cards 1.5 % plus 13 % VAT, rounded half up to the paisa', () => {
    expect(chargesFor(100_000n, 2)).toEqual({
      total_charges: 16.95,
      charges: [
        { name: 'Service charge', amount: 15 },
        { name: 'VAT', amount: 1.95 },
      ],
    });
    // 1.5 % of 0.70 is 0.0105 → 0.01; 13 % of 0.01 is 0.0013 → 0.00
    expect(chargesFor(70n, 2).total_charges).toBe(0.01);
  });

  it('charges a flat fee for bank transfers and nothing for agent cash', () => {
    expect(chargesFor(123_456n, 1).total_charges).toBe(5.65);
    expect(chargesFor(123_456n, 3)).toEqual({ total_charges: 0, charges: [] });
  });
});

describe('DigiPay sandbox request checks', () => {
  const body = { wallet_id: 'w', txn_amount: 100, txn_code: 'CIB', payment_mode: 2, note: 'testing' };

  it('accepts the documented body', () => {
    expect(parseTopupRequest(body)).toEqual({
      walletId: 'w',
      amountPaisa: 10_000n,
      txnCode: 'CIB',
      paymentMode: 2,
      note: 'testing',
    });
  });

  it.each([
    ['no wallet', { ...body, wallet_id: '' }],
    ['a string amount', { ...body, txn_amount: '100' }],
    ['a fractional payment mode', { ...body, payment_mode: 2.5 }],
    ['a missing txn code', { ...body, txn_code: undefined }],
    ['an overlong note', { ...body, note: 'x'.repeat(256) }],
    ['an array', [body]],
  ])('answers 400 for %s', (_case, invalid) => {
    expect(parseTopupRequest(invalid)).toMatchObject({ status: 400 });
  });
});
