import { describe, expect, it } from '@jest/globals';
import { checkCashOut, checkWithdrawalRequest } from '../../../src/providers/nchl/nchl.validation.js';
import { transactionUniqueIdFor } from '../../../src/providers/nchl/nchl.transaction-id.js';

const REQUEST = {
  amount: '5000',
  mobileNumber: '9813000001',
  accountName: 'Ankit Neupane',
  accountNumber: '00100123456',
  branchId: '1',
  bankId: '1000',
  remarks: 'Towards the mountains',
};

const CASH_OUT = {
  verificationCode: '999277',
  mobileNumber: '9813000001',
  amount: '5000',
  bankCode: 'PCBLNPKA',
  traceNumber: 'TRACE015',
  referenceNumber: 'CLW-058834591',
  terminalId: 'PRIME2101',
};

const fieldsOf = (result: { problems: { field: string }[] }) =>
  result.problems.map((problem) => problem.field);

describe('NCHL field rules', () => {
  it.each([
    ['1000', '1000'],
    ['25000', '25000'],
    ['5000.00', '5000'],
  ])('takes %s rupees as "%s"', (amount, rupees) => {
    expect(checkWithdrawalRequest({ ...REQUEST, amount })).toEqual({ problems: [], rupees });
  });

  it.each(['999', '1500', '1000.5', '0', '-1000', '1e3', 'abc', ''])('refuses the amount "%s"', (amount) => {
    const result = checkWithdrawalRequest({ ...REQUEST, amount });
    expect(fieldsOf(result)).toEqual(['amount']);
    expect(result.rupees).toBeUndefined();
  });

  it.each([
    ['accountName', 50],
    ['accountNumber', 20],
    ['branchId', 3],
    ['remarks', 36],
  ] as const)('allows %s up to %i characters and no more', (field, max) => {
    expect(fieldsOf(checkWithdrawalRequest({ ...REQUEST, [field]: 'x'.repeat(max) }))).toEqual([]);
    const result = checkWithdrawalRequest({ ...REQUEST, [field]: 'x'.repeat(max + 1) });
    expect(result.problems).toEqual([
      { field, kind: 'field', message: `${field} must be at most ${max} characters` },
    ]);
  });

  it('refuses empty fields, control characters and mobile numbers that are not 10 digits', () => {
    expect(fieldsOf(checkWithdrawalRequest({ ...REQUEST, accountName: ' ', remarks: 'a\nb' }))).toEqual([
      'accountName',
      'remarks',
    ]);
    for (const mobileNumber of ['981300000', '98130000011', '+9779813000', '1813000001']) {
      expect(fieldsOf(checkWithdrawalRequest({ ...REQUEST, mobileNumber }))).toEqual(['mobileNumber']);
    }
  });

  it('checks the cash-out fields, allowing the SWIFT-style bank code of the sample', () => {
    expect(checkCashOut(CASH_OUT)).toEqual({ problems: [], rupees: '5000' });
    expect(fieldsOf(checkCashOut({ ...CASH_OUT, bankCode: 'PCBLNPKA12345' }))).toEqual(['bankCode']);
    expect(fieldsOf(checkCashOut({ ...CASH_OUT, verificationCode: '12ab' }))).toEqual(['verificationCode']);
    expect(fieldsOf(checkCashOut({ ...CASH_OUT, amount: '5500', terminalId: '' }))).toEqual([
      'amount',
      'terminalId',
    ]);
  });
});

describe('transactionUniqueIdFor', () => {
  it('derives a stable 36-character UUID per principal and idempotency key', () => {
    const id = transactionUniqueIdFor('user-1', 'key-1');
    expect(id).toHaveLength(36);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(transactionUniqueIdFor('user-1', 'key-1')).toBe(id);
    expect(transactionUniqueIdFor('user-2', 'key-1')).not.toBe(id);
    expect(transactionUniqueIdFor('user-1', 'key-2')).not.toBe(id);
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    expect(transactionUniqueIdFor('ab', 'c')).not.toBe(transactionUniqueIdFor('a', 'bc'));
  });
});
