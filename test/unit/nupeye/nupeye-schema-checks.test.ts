import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Provider } from '../../../src/domain/provider.js';
import { TransactionKind, TransactionStatus } from '../../../src/domain/transaction.js';
import { type TransactionRecord } from '../../../src/domain/transaction.js';
import { checkNupeyeTarget } from '../../../src/schema/nupeye/nupeye-input-checks.js';
import { recordedRejection, userErrorForRejection } from '../../../src/schema/nupeye/nupeye-rejection.js';

describe('Nupeye mutation input checks', () => {
  it('normalises the mobile number and the amount, and refuses a leading zero', () => {
    expect(checkNupeyeTarget({ mobileNumber: ' 98123-45678 ', amount: '0100.50' })).toEqual({
      ok: false,
      userErrors: [expect.objectContaining({ code: 'INVALID_AMOUNT', field: ['input', 'amount'] })],
    });
    expect(checkNupeyeTarget({ mobileNumber: '98123-45678', amount: '100.50' })).toEqual({
      ok: true,
      mobileNumber: '9812345678',
      amount: '100.5',
    });
  });

  it('reports both fields at once, naming each, without echoing the values', () => {
    const result = checkNupeyeTarget({ mobileNumber: '+91 98123', amount: '-5' });
    expect(result.ok).toBe(false);
    const userErrors = result.ok ? [] : result.userErrors;
    expect(userErrors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_PHONE', ['input', 'mobileNumber']],
      ['INVALID_AMOUNT', ['input', 'amount']],
    ]);
    expect(JSON.stringify(userErrors)).not.toMatch(/98123|-5/);
  });
});

describe('Nupeye refusals as user errors', () => {
  it.each([
    ['INVALID_USER_CREDENTIALS', 'WRONG_PASSWORD', ['input', 'nupeyePassword']],
    ['UNREGISTERED_MOBILE', 'NOT_REGISTERED', ['input', 'mobileNumber']],
    ['INVALID_MOBILE', 'INVALID_PHONE', ['input', 'mobileNumber']],
    ['INVALID_AMOUNT', 'INVALID_AMOUNT', ['input', 'amount']],
    ['REJECTED', 'DECLINED', null],
    [undefined, 'DECLINED', null],
  ])('%s becomes %s', (rejection, code, field) => {
    expect(userErrorForRejection(rejection)).toMatchObject({ code, field });
  });

  const record = (overrides: Partial<TransactionRecord>): TransactionRecord => ({
    id: 't',
    provider: Provider.NUPEYE,
    kind: TransactionKind.MOBILE_RECHARGE,
    amount: '10',
    currency: 'INR',
    status: TransactionStatus.FAILED,
    providerReference: null,
    accountRef: '9812345678',
    description: null,
    metadata: { rejection: 'INVALID_USER_CREDENTIALS' },
    errorCode: 'PROVIDER_REJECTED',
    principal: 'p',
    idempotencyKey: 'k',
    requestHash: 'h',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  });

  it('reads the refusal recorded on a FAILED, PROVIDER_REJECTED row only', () => {
    expect(recordedRejection(record({}))).toBe('INVALID_USER_CREDENTIALS');
    expect(recordedRejection(record({ status: TransactionStatus.UNKNOWN }))).toBeUndefined();
    expect(recordedRejection(record({ errorCode: 'PROVIDER_UNAVAILABLE' }))).toBeUndefined();
    expect(recordedRejection(record({ metadata: null }))).toBeUndefined();
  });
});
