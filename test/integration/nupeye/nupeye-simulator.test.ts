import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { NUPEYE_SANDBOX_CUSTOMER, startNupeyeSandbox } from '../../../src/sandbox/nupeye/index.js';
import type { NupeyeSimulator } from '../../../src/sandbox/nupeye/nupeye.simulator.js';
import { ManualClock } from './nupeye-harness.js';

/** The simulator is strict: each contract breach gets the provider's error, never a lenient success. */
describe('Nupeye simulator contract', () => {
  const clock = new ManualClock();
  let simulator: NupeyeSimulator;
  let baseUrl: string;
  let apiUser: string;
  let apiKey: string;

  beforeAll(async () => {
    const started = await startNupeyeSandbox({
      now: clock.now,
      tokenLifetimeMs: 60_000,
      refreshTokenLifetimeMs: 120_000,
    });
    simulator = started.simulator;
    ({ baseUrl, apiUser, apiKey } = started.config);
  });

  afterAll(async () => {
    await simulator.stop();
  });

  beforeEach(() => simulator.reset());

  async function call(path: string, init: { headers?: Record<string, string>; body?: string }) {
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', ...init });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const FORM = 'application/x-www-form-urlencoded';
  const JSON_TYPE = 'application/json';

  async function login() {
    const { body } = await call('/auth/login', {
      headers: { 'content-type': FORM, 'x-api-key': apiKey },
      body: form({ user_name: apiUser, authentication_key: apiKey }),
    });
    return { token: body['authentication-token'] as string, refreshToken: body.refresh_token as string };
  }

  const rechargeBody = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      mobile_no: '9812345678',
      amount: '10.50',
      app_id: apiUser,
      user_name: NUPEYE_SANDBOX_CUSTOMER.userName,
      user_password: NUPEYE_SANDBOX_CUSTOMER.password,
      ...overrides,
    });

  it('logs in with the documented form and answers the documented keys', async () => {
    const answer = await call('/auth/login', {
      headers: { 'content-type': FORM, 'x-api-key': apiKey },
      body: form({ user_name: apiUser, authentication_key: apiKey }),
    });
    expect(answer).toEqual({
      status: 200,
      body: { status: '200', 'authentication-token': expect.any(String), refresh_token: expect.any(String) },
    });
  });

  it.each([
    ['a wrong key', { 'content-type': FORM, 'x-api-key': 'nope' }, { authentication_key: 'nope' }],
    ['no x-api-key header', { 'content-type': FORM }, {}],
    ['a wrong user name', { 'content-type': FORM, 'x-api-key': 'KEY' }, { user_name: 'someone' }],
  ])('answers 403 Invalid Login for %s', async (_case, headers, fields) => {
    const withKey = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v === 'KEY' ? apiKey : v]),
    );
    const answer = await call('/auth/login', {
      headers: withKey,
      body: form({ user_name: apiUser, authentication_key: apiKey, ...fields }),
    });
    expect(answer).toEqual({ status: 403, body: { status: '403', message: 'Invalid Login' } });
  });

  it('refuses a JSON login: the form is the contract', async () => {
    const answer = await call('/auth/login', {
      headers: { 'content-type': JSON_TYPE, 'x-api-key': apiKey },
      body: JSON.stringify({ user_name: apiUser, authentication_key: apiKey }),
    });
    expect(answer.status).toBe(403);
  });

  it('applies a recharge with a valid token and answers Success with a transaction id', async () => {
    const { token } = await login();
    const answer = await call('/recharge_account', {
      headers: { 'content-type': JSON_TYPE, authentication: token },
      body: rechargeBody(),
    });
    expect(answer).toEqual({
      status: 200,
      body: { status: 200, message: 'Success', transaction_id: expect.stringMatching(/^NPY/) },
    });
    expect(simulator.recharges).toEqual([
      expect.objectContaining({ mobileNo: '9812345678', amount: '10.50' }),
    ]);
  });

  it.each([
    ['no token', undefined],
    ['an unknown token', 'made-up'],
  ])('answers 401 Token has been expired for %s, before looking at the body', async (_case, token) => {
    const answer = await call('/recharge_account', {
      headers: { 'content-type': JSON_TYPE, ...(token ? { authentication: token } : {}) },
      body: '{}',
    });
    expect(answer).toEqual({ status: 401, body: { status: '401', message: 'Token has been expired' } });
  });

  it.each([
    ['a missing mobile_no', { mobile_no: undefined }, 'mobile_no is required'],
    ['a numeric amount', { amount: 10.5 }, 'Invalid amount'],
    ['a short mobile number', { mobile_no: '98123' }, 'Invalid mobile_no'],
    ['a negative amount', { amount: '-1' }, 'Invalid amount'],
    ['three decimals', { amount: '1.005' }, 'Invalid amount'],
    ['a zero amount', { amount: '0.00' }, 'Invalid amount'],
    ['another app_id', { app_id: 'other' }, 'Invalid app_id'],
    ['no user password', { user_password: '' }, 'user_password is required'],
    ['a wrong user password', { user_password: 'wrong' }, 'Invalid user_name or user_password'],
  ])('answers 400 for %s and applies nothing', async (_case, overrides, message) => {
    const { token } = await login();
    const answer = await call('/recharge_account', {
      headers: { 'content-type': JSON_TYPE, authentication: token },
      body: rechargeBody(overrides),
    });
    expect(answer).toEqual({ status: 400, body: { status: '400', message } });
    expect(simulator.recharges).toHaveLength(0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const { token } = await login();
    const answer = await call('/recharge_account', {
      headers: { 'content-type': JSON_TYPE, authentication: token },
      body: '{"mobile_no":',
    });
    expect(answer).toEqual({ status: 400, body: { status: '400', message: 'Invalid request body' } });
  });

  it('transfers only to a mobile number registered with Nupeye', async () => {
    const { token } = await login();
    const headers = { 'content-type': JSON_TYPE, authentication: token };
    const body = (mobile_no: string) => JSON.stringify({ mobile_no, amount: '5', app_id: apiUser });

    expect((await call('/transfer_amount', { headers, body: body('9700000000') })).status).toBe(400);
    expect(
      (await call('/transfer_amount', { headers, body: body(NUPEYE_SANDBOX_CUSTOMER.mobileNo) })).status,
    ).toBe(200);
    expect(simulator.transfers).toEqual([
      expect.objectContaining({ mobileNo: NUPEYE_SANDBOX_CUSTOMER.mobileNo }),
    ]);
  });

  it('expires tokens after their lifetime and rotates the pair on refresh', async () => {
    const first = await login();
    const headers = (token: string) => ({ 'content-type': JSON_TYPE, authentication: token });
    clock.advance(60_000);
    expect(
      (await call('/recharge_account', { headers: headers(first.token), body: rechargeBody() })).status,
    ).toBe(401);

    const refresh = (pair: { token: string; refreshToken: string }) =>
      call('/auth/refresh_authentication', {
        headers: { 'content-type': JSON_TYPE, 'api-authentication': pair.token },
        body: JSON.stringify({ refresh_token: pair.refreshToken }),
      });
    const refreshed = await refresh(first);
    expect(refreshed).toEqual({
      status: 200,
      body: { status: 200, refresh_token: expect.any(String), 'authentication-token': expect.any(String) },
    });
    const second = {
      token: refreshed.body['authentication-token'] as string,
      refreshToken: refreshed.body.refresh_token as string,
    };
    expect(
      (await call('/recharge_account', { headers: headers(second.token), body: rechargeBody() })).status,
    ).toBe(200);

    // The old pair is spent; a refresh token is only valid with the token it was issued with.
    expect((await refresh(first)).status).toBe(401);
    expect((await refresh({ token: first.token, refreshToken: second.refreshToken })).status).toBe(401);

    clock.advance(120_000);
    expect(await refresh(second)).toEqual({
      status: 401,
      body: { status: '401', message: 'Token has been expired' },
    });
  });

  it('answers injected 5xx faults in its own error shape without acting', async () => {
    const { token } = await login();
    simulator.faults.add({ kind: 'status', status: 500, path: '/recharge_account', times: 1 });
    const answer = await call('/recharge_account', {
      headers: { 'content-type': JSON_TYPE, authentication: token },
      body: rechargeBody(),
    });
    expect(answer).toEqual({ status: 500, body: { status: '500', message: 'Internal Server Error' } });
    expect(simulator.recharges).toHaveLength(0);
  });
});
