import { describe, expect, it } from '@jest/globals';
import { decodeEnvelope } from '../../../src/providers/digipay/digipay.client.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';

function failure(status: number, body: unknown, movesMoney = true): ProviderError {
  try {
    decodeEnvelope({ status, body }, movesMoney);
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

const declined = { success: 0, error: [5], data: { message: 'WALLET_BLOCKED' } };

describe('decodeEnvelope', () => {
  it('returns the data of a success', () => {
    const data = { charges_info: { total_charges: 0, charges: [] } };
    expect(decodeEnvelope({ status: 200, body: { success: 1, error: [], data } }, false)).toBe(data);
    expect(decodeEnvelope({ status: 200, body: { success: true, data } }, false)).toBe(data);
  });

  it('treats HTTP 200 with success 0 as a decline whose outcome is known', () => {
    const error = failure(200, declined);
    expect(error).toMatchObject({ code: 'PROVIDER_REJECTED', status: 200, outcomeUnknown: false });
    expect(error.providerCode).toBe('WALLET_BLOCKED');
  });

  it('maps the documented failure statuses', () => {
    expect(failure(400, { success: 0, error: [1], data: { message: 'BAD_REQUEST' } })).toMatchObject({
      code: 'PROVIDER_REJECTED',
      status: 400,
      providerCode: 'BAD_REQUEST',
      outcomeUnknown: false,
    });
    expect(failure(404, { success: 0, error: [4], data: {} })).toMatchObject({
      code: 'PROVIDER_REJECTED',
      status: 404,
      providerCode: '4',
    });
    expect(failure(500, { success: 0, error: [500] })).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      outcomeUnknown: true,
    });
  });

  it('maps credential refusals to PROVIDER_AUTH_FAILED', () => {
    expect(failure(401, { success: 0, error: [2] }).code).toBe('PROVIDER_AUTH_FAILED');
    expect(failure(403, undefined).code).toBe('PROVIDER_AUTH_FAILED');
  });

  it('does not trust a success flag on an error status', () => {
    expect(failure(500, { success: 1, data: {} }).code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('leaves a money call unknown when a 2xx answer has no envelope', () => {
    expect(failure(200, { transaction: {} })).toMatchObject({
      code: 'PROVIDER_BAD_RESPONSE',
      outcomeUnknown: true,
    });
    expect(failure(200, undefined, false)).toMatchObject({
      code: 'PROVIDER_BAD_RESPONSE',
      outcomeUnknown: false,
    });
  });

  it('never copies a free-text provider message into the error', () => {
    const error = failure(200, {
      success: 0,
      error: [{ detail: 'x' }],
      data: { message: 'Wallet of Sita is blocked' },
    });
    expect(error.providerCode).toBeUndefined();
    expect(error.message).not.toContain('Sita');
  });
});
