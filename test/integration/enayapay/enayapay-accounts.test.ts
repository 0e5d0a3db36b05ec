import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { UserErrorCode } from '../../../src/domain/user-error-codes.js';
import { UserStatus } from '../../../src/domain/user-status.js';
import type { EnayaPayUserToken } from '../../../src/providers/enayapay/enayapay.auth.js';
import type { EnayaPayResult } from '../../../src/providers/enayapay/enayapay.mapper.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';
import { DAY_MS, newPhone, startEnayaPayHarness, type EnayaPayHarness } from './enayapay-harness.js';

function value<T>(result: EnayaPayResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.userErrors)}`);
  return result.value;
}

function codes(result: EnayaPayResult<unknown>): string[] {
  return result.ok ? [] : result.userErrors.map((error) => error.code);
}

describe('EnayaPay accounts: client and simulator over HTTP', () => {
  let harness: EnayaPayHarness;

  beforeAll(async () => {
    harness = await startEnayaPayHarness();
  });
  afterAll(() => harness.stop());
  beforeEach(() => harness.simulator.reset());

  async function registeredAndVerified(
    password = 'first-Pass1',
  ): Promise<{ phone: string; token: EnayaPayUserToken }> {
    const phone = newPhone();
    value(await harness.dataSource.register({ phone, name: 'doctor', password }));
    const verified = value(await harness.dataSource.verify({ phone, otp: await harness.otpFor(phone) }));
    return { phone, token: verified.token };
  }

  it('walks register → OTP → verify → login → change password → login → reset password', async () => {
    const phone = newPhone();
    expect(
      value(await harness.dataSource.register({ phone, name: 'doctor', password: 'first-Pass1' })),
    ).toBeUndefined();

    const otp = await harness.otpFor(phone);
    expect(otp).toMatch(/^\d{6}$/);
    expect(harness.simulatorLines.some((line) => line.includes(otp) && line.includes(phone))).toBe(true);

    const verified = value(await harness.dataSource.verify({ phone, otp }));
    expect(verified.userName).toBe('doctor');
    // The simulator's tokens last 30 days; the expiry date is read as the start of that day.
    expect(verified.token.expiresAt?.toISOString()).toBe('2026-02-14T00:00:00.000Z');

    expect(value(await harness.dataSource.login({ phone, password: 'first-Pass1' }))).toEqual({
      userName: 'doctor',
      status: UserStatus.ACTIVE,
    });
    value(
      await harness.dataSource.changePassword(verified.token, {
        currentPassword: 'first-Pass1',
        newPassword: 'second-Pass2',
      }),
    );
    expect(codes(await harness.dataSource.login({ phone, password: 'first-Pass1' }))).toEqual([
      UserErrorCode.WRONG_PASSWORD,
    ]);
    value(await harness.dataSource.login({ phone, password: 'second-Pass2' }));

    value(await harness.dataSource.resetPassword(verified.token, { phone, newPassword: 'third-Pass3' }));
    value(await harness.dataSource.login({ phone, password: 'third-Pass3' }));
  });

  it('sends x-api-key on every call and the user token only where the document requires it', async () => {
    const { phone, token } = await registeredAndVerified();
    await harness.dataSource.login({ phone, password: 'first-Pass1' });
    await harness.dataSource.changePassword(token, {
      currentPassword: 'first-Pass1',
      newPassword: 'other-Pass2',
    });
    await harness.dataSource.inquireCardBalance(token, {
      pan: '4111111111111111',
      ipin: 'hT5mR9qW',
      expiry: '1230',
    });
    const calls = harness.simulator.requests.entries;
    expect(calls.map((entry) => entry.path)).toEqual([
      '/register/',
      '/verify/',
      '/login/',
      '/change/password/',
      '/balance/inquiry/',
    ]);
    for (const call of calls) expect(call.headers['x-api-key']).toBe(harness.config.apiKey);
    expect(calls.map((call) => call.headers.token)).toEqual([
      undefined,
      undefined,
      undefined,
      token.value,
      token.value,
    ]);
  });

  it('serves OTPs on the sandbox-only route to API key holders, unrecorded', async () => {
    const phone = newPhone();
    value(await harness.dataSource.register({ phone, name: 'doctor', password: 'first-Pass1' }));
    const origin = new URL(harness.config.baseUrl).origin;
    expect((await fetch(`${origin}/_sandbox/otp/${phone}`)).status).toBe(401);
    const headers = { 'x-api-key': harness.config.apiKey };
    expect((await fetch(`${origin}/_sandbox/otp/${newPhone()}`, { headers })).status).toBe(404);
    await harness.otpFor(phone);
    expect(harness.simulator.requests.entries.map((entry) => entry.path)).toEqual(['/register/']);
  });

  it('answers ALREADY_REGISTERED on 302 without following it as a redirect', async () => {
    const phone = newPhone();
    value(await harness.dataSource.register({ phone, name: 'doctor', password: 'first-Pass1' }));
    const again = await harness.dataSource.register({ phone, name: 'doctor', password: 'first-Pass1' });
    expect(again).toEqual({
      ok: false,
      userErrors: [expect.objectContaining({ code: UserErrorCode.ALREADY_REGISTERED, field: 'phone' })],
    });
    expect(harness.simulator.requests.count('/register/')).toBe(2);
    expect(harness.simulator.requests.count('/login/')).toBe(0);
  });

  it('maps 406 on register to INVALID_PHONE', async () => {
    const result = await harness.dataSource.register({
      phone: '249551234567',
      name: 'doctor',
      password: 'first-Pass1',
    });
    expect(result).toEqual({
      ok: false,
      userErrors: [expect.objectContaining({ code: UserErrorCode.INVALID_PHONE, field: 'phone' })],
    });
  });

  it('maps 400 field details to INVALID_INPUT on our field names', async () => {
    const result = await harness.dataSource.register({ phone: newPhone(), name: ' ', password: '' });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.userErrors.map(({ code, field }) => ({ code, field }))).toEqual([
      { code: UserErrorCode.INVALID_INPUT, field: 'name' },
      { code: UserErrorCode.INVALID_INPUT, field: 'password' },
    ]);
  });

  it('maps 203 on verify to WRONG_OTP, and accepts the right OTP afterwards', async () => {
    const phone = newPhone();
    value(await harness.dataSource.register({ phone, name: 'doctor', password: 'first-Pass1' }));
    const otp = await harness.otpFor(phone);
    const wrong = otp === '000000' ? '000001' : '000000';
    expect(codes(await harness.dataSource.verify({ phone, otp: wrong }))).toEqual([UserErrorCode.WRONG_OTP]);
    value(await harness.dataSource.verify({ phone, otp }));
  });

  it('maps an expired OTP to WRONG_OTP', async () => {
    const phone = newPhone();
    value(await harness.dataSource.register({ phone, name: 'doctor', password: 'first-Pass1' }));
    const otp = await harness.otpFor(phone);
    harness.clock.advance(5 * 60_000 + 1);
    expect(codes(await harness.dataSource.verify({ phone, otp }))).toEqual([UserErrorCode.WRONG_OTP]);
  });

  it('maps 404 to NOT_REGISTERED on verify and login', async () => {
    const phone = newPhone();
    expect(codes(await harness.dataSource.verify({ phone, otp: '123456' }))).toEqual([
      UserErrorCode.NOT_REGISTERED,
    ]);
    expect(codes(await harness.dataSource.login({ phone, password: 'first-Pass1' }))).toEqual([
      UserErrorCode.NOT_REGISTERED,
    ]);
  });

  it('reports an unverified account as INACTIVE on login', async () => {
    const phone = newPhone();
    value(await harness.dataSource.register({ phone, name: 'doctor', password: 'first-Pass1' }));
    expect(value(await harness.dataSource.login({ phone, password: 'first-Pass1' })).status).toBe(
      UserStatus.INACTIVE,
    );
  });

  it('sends no OTP with the 302, as the document promises none', async () => {
    const { phone } = await registeredAndVerified();
    expect(codes(await harness.dataSource.register({ phone, name: 'doctor', password: 'x' }))).toEqual([
      UserErrorCode.ALREADY_REGISTERED,
    ]);
    await expect(harness.otpFor(phone)).rejects.toThrow('404');
    expect(harness.simulator.pendingOtp(phone)).toBeUndefined();
  });

  it('sends a fresh OTP with the 302 when the resendOtpOnConflict option is on', async () => {
    const { phone } = await registeredAndVerified();
    const origin = new URL(harness.config.baseUrl).origin;
    const setOption = (body: unknown, apiKey = harness.config.apiKey) =>
      fetch(`${origin}/_sandbox/options`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify(body),
      });
    expect((await setOption({ resendOtpOnConflict: true }, 'wrong-key')).status).toBe(401);
    expect((await setOption({ resendOtpOnConflict: 'yes' })).status).toBe(400);
    expect((await setOption({ resendOtpOnConflict: true })).status).toBe(200);
    try {
      expect(codes(await harness.dataSource.register({ phone, name: 'doctor', password: 'x' }))).toEqual([
        UserErrorCode.ALREADY_REGISTERED,
      ]);
      value(await harness.dataSource.verify({ phone, otp: await harness.otpFor(phone) }));
    } finally {
      harness.simulator.resendOtpOnConflict = false;
    }
  });

  it('maps 203 on change password: with its body WRONG_PASSWORD, without it SESSION_EXPIRED', async () => {
    const { phone, token } = await registeredAndVerified();
    expect(
      await harness.dataSource.changePassword(token, {
        currentPassword: 'not-it',
        newPassword: 'second-Pass2',
      }),
    ).toEqual({
      ok: false,
      userErrors: [expect.objectContaining({ code: UserErrorCode.WRONG_PASSWORD, field: 'currentPassword' })],
    });
    harness.simulator.revokeTokens(phone);
    expect(
      codes(
        await harness.dataSource.changePassword(token, {
          currentPassword: 'first-Pass1',
          newPassword: 'second-Pass2',
        }),
      ),
    ).toEqual([UserErrorCode.SESSION_EXPIRED]);
    expect(
      codes(await harness.dataSource.resetPassword(token, { phone, newPassword: 'second-Pass2' })),
    ).toEqual([UserErrorCode.SESSION_EXPIRED]);
  });

  it('refuses a token past its expiry date without calling EnayaPay', async () => {
    const { phone, token } = await registeredAndVerified();
    harness.clock.advance(30 * DAY_MS);
    harness.simulator.reset();
    expect(codes(await harness.dataSource.resetPassword(token, { phone, newPassword: 'x-Pass' }))).toEqual([
      UserErrorCode.SESSION_EXPIRED,
    ]);
    expect(
      codes(
        await harness.dataSource.changePassword(token, { currentPassword: 'first-Pass1', newPassword: 'x' }),
      ),
    ).toEqual([UserErrorCode.SESSION_EXPIRED]);
    expect(harness.simulator.requests.entries).toHaveLength(0);
  });

  it('maps 404 on change password (the token outlived its user) to NOT_REGISTERED', async () => {
    const { token } = await registeredAndVerified();
    harness.simulator.clearState();
    expect(
      codes(
        await harness.dataSource.changePassword(token, { currentPassword: 'first-Pass1', newPassword: 'x' }),
      ),
    ).toEqual([UserErrorCode.NOT_REGISTERED]);
  });

  it('maps 502 on register (SMS gateway) and 503 anywhere to PROVIDER_UNAVAILABLE, sent once', async () => {
    harness.simulator.faults.add({ kind: 'status', status: 502, path: '/register/', times: 1 });
    expect(codes(await harness.dataSource.register({ phone: newPhone(), name: 'd', password: 'p' }))).toEqual(
      [UserErrorCode.PROVIDER_UNAVAILABLE],
    );
    harness.simulator.faults.add({ kind: 'status', status: 503, path: '/login/', times: 1 });
    expect(codes(await harness.dataSource.login({ phone: newPhone(), password: 'p' }))).toEqual([
      UserErrorCode.PROVIDER_UNAVAILABLE,
    ]);
    expect(harness.simulator.requests.count('/register/')).toBe(1);
    expect(harness.simulator.requests.count('/login/')).toBe(1);
  });

  it('turns 401 (our API key refused) into PROVIDER_AUTH_FAILED, a system error', async () => {
    const wrongKey = harness.client({ apiKey: 'not-the-key' });
    await expect(wrongKey.login({ phone: newPhone(), password: 'p' })).rejects.toMatchObject({
      name: 'ProviderError',
      code: 'PROVIDER_AUTH_FAILED',
      status: 401,
    });
  });

  it('treats a 404 without the documented body (a wrong address) as PROVIDER_BAD_RESPONSE', async () => {
    const wrongPath = harness.client({ baseUrl: harness.config.baseUrl.replace('/api/v2.1', '/api/v9') });
    await expect(wrongPath.login({ phone: newPhone(), password: 'p' })).rejects.toMatchObject({
      code: 'PROVIDER_BAD_RESPONSE',
    });
  });

  it('turns transport failures into ProviderError and never resends', async () => {
    harness.simulator.faults.add({ kind: 'reset-before', path: '/register/', times: 1 });
    const error = await harness.dataSource
      .register({ phone: newPhone(), name: 'd', password: 'p' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('PROVIDER_UNAVAILABLE');
    harness.simulator.faults.add({ kind: 'malformed-json', path: '/login/', times: 1 });
    const phone = newPhone();
    await expect(harness.dataSource.login({ phone, password: 'p' })).rejects.toMatchObject({
      code: 'PROVIDER_BAD_RESPONSE',
    });
    expect(harness.simulator.requests.count('/register/')).toBe(1);
    expect(harness.simulator.requests.count('/login/')).toBe(1);
  });

  it('times out a slow answer as PROVIDER_TIMEOUT', async () => {
    const impatient = harness.client({ timeoutMs: 200 });
    harness.simulator.faults.add({ kind: 'delay', delayMs: 1_000, path: '/login/', times: 1 });
    await expect(impatient.login({ phone: newPhone(), password: 'p' })).rejects.toMatchObject({
      code: 'PROVIDER_TIMEOUT',
    });
  });
});
