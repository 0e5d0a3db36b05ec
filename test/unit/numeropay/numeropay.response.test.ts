import { describe, expect, it } from '@jest/globals';
import { isProviderError } from '../../../src/providers/shared/provider-error.js';
import { readTransaction, unwrapEnvelope } from '../../../src/providers/numeropay/numeropay.response.js';
import type { NumeroPayOperation } from '../../../src/providers/numeropay/numeropay.errors.js';

const failure = (name: string, message = 'x', code = 400) => ({
  success: false,
  error: { code, message, name },
});

function thrown(status: number, body: unknown, operation: NumeroPayOperation = 'listTransactions') {
  try {
    unwrapEnvelope({ status, body }, operation);
  } catch (error) {
    if (isProviderError(error)) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('NumeroPay envelope', () => {
  it('returns data only for success: true on HTTP 200', () => {
    expect(unwrapEnvelope({ status: 200, body: { data: [1], success: true } }, 'listTransactions')).toEqual([
      1,
    ]);
    expect(thrown(500, { data: [], success: true }).code).toBe('PROVIDER_UNAVAILABLE');
    expect(thrown(200, { data: [] }).code).toBe('PROVIDER_BAD_RESPONSE');
    expect(thrown(200, undefined).code).toBe('PROVIDER_BAD_RESPONSE');
  });

  it.each([
    ['SYSTEM_ERROR', 'Some error', 200, 'PROVIDER_UNAVAILABLE'],
    ['SYSTEM_ERROR', 'Some error', 500, 'PROVIDER_UNAVAILABLE'],
    ['BAD_REQUEST', 'Invalid', 200, 'PROVIDER_REJECTED'],
    ['NOT_FOUND', 'Resource does not exist', 200, 'PROVIDER_REJECTED'],
    ['NOT_IMPLEMENTED', 'unknown', 200, 'PROVIDER_REJECTED'],
    ['UNKNOWN_USER', 'User does not exist', 200, 'PROVIDER_AUTH_FAILED'],
    ['FORBIDDEN', 'Invalid token', 200, 'PROVIDER_AUTH_FAILED'],
    ['FORBIDDEN', 'Token expired', 200, 'PROVIDER_TOKEN_REJECTED'],
    ['SOMETHING_NEW', 'x', 200, 'PROVIDER_REJECTED'],
    ['SOMETHING_NEW', 'x', 503, 'PROVIDER_UNAVAILABLE'],
  ])('maps %s (%s) on HTTP %i to %s', (name, message, status, code) => {
    const error = thrown(status, failure(name, message));
    expect(error.code).toBe(code);
    expect(error.providerCode).toBe(name);
    expect(error.status).toBe(status);
    expect(error.message).not.toContain(message);
  });

  it("tells someone else's transaction from refused credentials on a lookup", () => {
    expect(thrown(200, failure('FORBIDDEN', 'Action not allowed'), 'getTransaction').code).toBe(
      'PROVIDER_REJECTED',
    );
    expect(thrown(200, failure('FORBIDDEN', 'Invalid token'), 'getTransaction').code).toBe(
      'PROVIDER_AUTH_FAILED',
    );
    expect(thrown(200, failure('FORBIDDEN', 'Action not allowed'), 'createTransaction').code).toBe(
      'PROVIDER_AUTH_FAILED',
    );
  });

  it('leaves a create whose outcome cannot be known as unknown, and only a create', () => {
    expect(thrown(500, failure('SYSTEM_ERROR'), 'createTransaction').outcomeUnknown).toBe(true);
    expect(thrown(200, { success: true }, 'createTransaction').outcomeUnknown).toBe(true);
    expect(thrown(500, failure('SYSTEM_ERROR'), 'getTransaction').outcomeUnknown).toBe(false);
    expect(thrown(200, failure('BAD_REQUEST'), 'createTransaction').outcomeUnknown).toBe(false);
  });

  it('maps a non-envelope answer by its HTTP status', () => {
    expect(thrown(502, '<html>bad gateway</html>').code).toBe('PROVIDER_UNAVAILABLE');
    expect(thrown(404, undefined).code).toBe('PROVIDER_REJECTED');
  });

  it('refuses a transaction without the fields we read', () => {
    const valid = {
      id: '5CD0RGCKJ',
      merchant: 'm',
      businessName: 'b',
      amount: 1,
      currency: 'aud',
      state: 0,
      createdOn: '2020-10-14T02:31:23.328Z',
      updatedOn: '2020-10-14T02:31:23.328Z',
    };
    expect(readTransaction(valid, 'getTransaction')).toBe(valid);
    for (const broken of [
      { ...valid, amount: '1' },
      { ...valid, state: '0' },
      { ...valid, createdOn: 'yesterday' },
      { ...valid, id: undefined },
    ]) {
      expect(() => readTransaction(broken, 'getTransaction')).toThrow(/malformed transaction/);
    }
  });
});
