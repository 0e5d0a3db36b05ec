import { describe, expect, it } from '@jest/globals';
import {
  classifyRejection,
  effectiveStatus,
  readOperationResult,
  readTokens,
} from '../../../src/providers/nupeye/nupeye.mapper.js';

describe('Nupeye mapper', () => {
  it('reads the tokens of the documented login answer (status as a string)', () => {
    const body = {
      status: '200',
      'authentication-token': 'example-api-token',
      refresh_token: 'example-refresh-token',
    };
    expect(effectiveStatus(200, body)).toBe(200);
    expect(readTokens(body)).toEqual({ token: 'example-api-token', refreshToken: 'example-refresh-token' });
  });

  it('reads the tokens of the documented refresh answer (status as a number)', () => {
    const body = { status: 200, refresh_token: 'r2', 'authentication-token': 't2' };
    expect(readTokens(body)).toEqual({ token: 't2', refreshToken: 'r2' });
  });

  it.each([
    ['no token', { status: 200, refresh_token: 'r' }],
    ['an underscored token key', { status: 200, authentication_token: 't', refresh_token: 'r' }],
    ['an empty refresh token', { status: 200, 'authentication-token': 't', refresh_token: '' }],
    ['a numeric token', { status: 200, 'authentication-token': 1, refresh_token: 'r' }],
    ['no body', undefined],
    ['an array', [{ 'authentication-token': 't', refresh_token: 'r' }]],
  ])('finds no tokens in an answer with %s', (_case, body) => {
    expect(readTokens(body)).toBeUndefined();
  });

  it('takes a failure status from the body of an HTTP 200', () => {
    expect(effectiveStatus(200, { status: '401', message: 'Token has been expired' })).toBe(401);
    expect(effectiveStatus(200, { status: 403, message: 'Invalid Login' })).toBe(403);
    expect(effectiveStatus(200, { message: 'Success' })).toBe(200);
    expect(effectiveStatus(200, { status: 'ok' })).toBe(200);
    expect(effectiveStatus(500, { status: 200 })).toBe(500);
  });

  it('reads the documented success, with and without a transaction id', () => {
    expect(readOperationResult({ status: 200, message: 'Success' })).toEqual({
      providerReference: undefined,
    });
    expect(readOperationResult({ status: '200', message: 'Success', transaction_id: 'NPY1' })).toEqual({
      providerReference: 'NPY1',
    });
    expect(readOperationResult({ status: 200, transaction_id: 42 })).toEqual({ providerReference: '42' });
    expect(readOperationResult({ message: 'Success' })).toBeUndefined();
    expect(readOperationResult('Success')).toBeUndefined();
  });

  it.each([
    ['Invalid user_name or user_password', 'INVALID_USER_CREDENTIALS'],
    ['user_password is required', 'INVALID_USER_CREDENTIALS'],
    ['Mobile number is not registered with Nupeye', 'UNREGISTERED_MOBILE'],
    ['Invalid mobile_no', 'INVALID_MOBILE'],
    ['Invalid amount', 'INVALID_AMOUNT'],
    ['Invalid app_id', 'REJECTED'],
    [undefined, 'REJECTED'],
  ])('classifies the message %p as %s', (message, rejection) => {
    expect(classifyRejection({ status: '400', message })).toBe(rejection);
  });
});
