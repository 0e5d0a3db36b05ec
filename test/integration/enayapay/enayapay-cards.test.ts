import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { UserErrorCode } from '../../../src/domain/user-error-codes.js';
import type { EnayaPayUserToken } from '../../../src/providers/enayapay/enayapay.auth.js';
import type { EnayaPayResult } from '../../../src/providers/enayapay/enayapay.mapper.js';
import { newPhone, startEnayaPayHarness, type EnayaPayHarness } from './enayapay-harness.js';

const VISA = { pan: '4111111111111111', ipin: 'hT5mR9qW', expiry: '1230' };

function codes(result: EnayaPayResult<unknown>): string[] {
  return result.ok ? [] : result.userErrors.map((error) => error.code);
}

describe('EnayaPay balance inquiry: client and simulator over HTTP', () => {
  let harness: EnayaPayHarness;
  let token: EnayaPayUserToken;

  beforeAll(async () => {
    harness = await startEnayaPayHarness();
    const phone = newPhone();
    await harness.dataSource.register({ phone, name: 'doctor', password: 'first-Pass1' });
    const verified = await harness.dataSource.verify({ phone, otp: await harness.otpFor(phone) });
    if (!verified.ok) throw new Error('verify failed');
    token = verified.value.token;
  });
  afterAll(() => harness.stop());
  beforeEach(() => harness.simulator.reset());

  it('answers the balance as SDG Money with asOf, under a fresh uuid per inquiry', async () => {
    const first = await harness.dataSource.inquireCardBalance(token, VISA);
    const second = await harness.dataSource.inquireCardBalance(token, {
      pan: '5555555555554444',
      ipin: 'Pq3vX8nL',
      expiry: '0631',
    });
    expect(first).toEqual({
      ok: true,
      value: { balance: { amount: '400', currency: 'SDG' }, asOf: new Date(harness.clock.now()) },
    });
    expect(second.ok && second.value.balance).toEqual({ amount: '1250.75', currency: 'SDG' });
    const uuids = harness.simulator.requests
      .filter('/balance/inquiry/')
      .map((entry) => (entry.body as { uuid: string }).uuid);
    expect(uuids).toHaveLength(2);
    expect(new Set(uuids).size).toBe(2);
    for (const uuid of uuids) expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps the card switch 406 codes to userErrors', async () => {
    const inquire = (card: Partial<typeof VISA>) =>
      harness.dataSource.inquireCardBalance(token, { ...VISA, ...card });
    expect(await inquire({ ipin: 'wrong-ipin' })).toEqual({
      ok: false,
      userErrors: [expect.objectContaining({ code: UserErrorCode.WRONG_IPIN, field: 'ipin' })],
    });
    expect(codes(await inquire({ pan: '4242424242424242' }))).toEqual([UserErrorCode.INVALID_PAN]);
    expect(codes(await inquire({ expiry: '1129' }))).toEqual([UserErrorCode.INVALID_EXPIRY]);
    expect(codes(await inquire({ pan: '4000000000000002', ipin: 'Zr4kW7tB' }))).toEqual([
      UserErrorCode.PROVIDER_UNAVAILABLE,
    ]);
  });

  it('maps 502 (card switch down) to PROVIDER_UNAVAILABLE and does not retry', async () => {
    const result = await harness.dataSource.inquireCardBalance(token, {
      pan: '4000000000000010',
      ipin: 'Mn6yC2vD',
      expiry: '1230',
    });
    expect(codes(result)).toEqual([UserErrorCode.PROVIDER_UNAVAILABLE]);
    expect(harness.simulator.requests.count('/balance/inquiry/')).toBe(1);
  });

  it('is refused by the simulator when a uuid is reused: the uuid must be fresh', async () => {
    const fixedUuid = harness.client({}, { newUuid: () => '0b5a3c1e-2f4d-4e6a-9b8c-7d1e2f3a4b5c' });
    expect((await fixedUuid.inquireCardBalance(token, VISA)).ok).toBe(true);
    expect(codes(await fixedUuid.inquireCardBalance(token, VISA))).toEqual([UserErrorCode.DECLINED]);
  });

  it('maps a refused token (203) to SESSION_EXPIRED', async () => {
    const phone = newPhone();
    await harness.dataSource.register({ phone, name: 'doctor', password: 'first-Pass1' });
    const verified = await harness.dataSource.verify({ phone, otp: await harness.otpFor(phone) });
    if (!verified.ok) throw new Error('verify failed');
    harness.simulator.revokeTokens(phone);
    expect(codes(await harness.dataSource.inquireCardBalance(verified.value.token, VISA))).toEqual([
      UserErrorCode.SESSION_EXPIRED,
    ]);
  });

  it('keeps PAN and IPIN out of every log line, even when the call fails', async () => {
    harness.simulator.faults.add({ kind: 'reset-after', path: '/balance/inquiry/', times: 1 });
    await expect(harness.dataSource.inquireCardBalance(token, VISA)).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
    await harness.dataSource.inquireCardBalance(token, VISA);
    await harness.dataSource.inquireCardBalance(token, { ...VISA, ipin: 'wrong-ipin' });
    expect(harness.lines.length).toBeGreaterThan(0);
    for (const line of harness.lines) {
      expect(line).not.toContain(VISA.pan);
      expect(line).not.toContain(VISA.ipin);
      expect(line).not.toContain(token.value);
    }
  });
});
