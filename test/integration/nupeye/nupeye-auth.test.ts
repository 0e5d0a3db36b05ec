import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../../src/sandbox/nupeye/index.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { DAY_MS, mobileNumbers, startNupeyeHarness, type NupeyeHarness } from './nupeye-harness.js';

const LOGIN = '/auth/login';
const REFRESH = '/auth/refresh_authentication';
const RECHARGE = '/recharge_account';

function recharge(harness: NupeyeHarness, mobileNumber = '9812345678', amount = '10.00') {
  return harness.dataSource.rechargeMobile({
    mobileNumber,
    amount,
    userName: NUPEYE_SANDBOX_CUSTOMER.userName,
    password: NUPEYE_SANDBOX_CUSTOMER.password,
  });
}

describe('Nupeye token lifecycle against the simulator', () => {
  let harness: NupeyeHarness;

  beforeEach(async () => {
    harness = await startNupeyeHarness();
  });

  afterEach(async () => {
    await harness.stop();
  });

  it('logs in once with the form, the x-api-key header, and reuses the token', async () => {
    for (let index = 0; index < 5; index += 1) await recharge(harness);

    const logins = harness.simulator.requests.filter(LOGIN);
    expect(logins).toHaveLength(1);
    expect(logins[0]!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(logins[0]!.headers['x-api-key']).toBe(harness.config.apiKey);
    expect(logins[0]!.body).toEqual({
      user_name: harness.config.apiUser,
      authentication_key: harness.config.apiKey,
    });
    const tokens = new Set(harness.simulator.requests.filter(RECHARGE).map((r) => r.headers.authentication));
    expect(tokens.size).toBe(1);
    expect(harness.simulator.requests.count(REFRESH)).toBe(0);
    expect(harness.metrics.acquisitions).toEqual(['login']);
  });

  it('refreshes shortly before the 24 hours are up, in the background, without failing a call', async () => {
    await recharge(harness);
    harness.clock.advance(DAY_MS - 60_000);
    // Served with the held token at once; the refresh runs beside it.
    await recharge(harness);
    await waitUntil(() => harness.metrics.acquisitions.length === 2, 'the refresh ahead of expiry');
    await recharge(harness);

    expect(harness.simulator.requests.count(LOGIN)).toBe(1);
    const refreshes = harness.simulator.requests.filter(REFRESH);
    expect(refreshes).toHaveLength(1);
    const sent = harness.simulator.requests.filter(RECHARGE);
    const first = sent[0]!;
    expect(refreshes[0]!.headers['api-authentication']).toBe(first.headers.authentication);
    expect(refreshes[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(sent.at(-1)!.headers.authentication).toBe(
      sent.find((request) => request.headers.authentication !== first.headers.authentication)!.headers
        .authentication,
    );
    expect(sent.at(-1)!.headers.authentication).not.toBe(first.headers.authentication);
    expect(harness.simulator.recharges).toHaveLength(3);
    expect(harness.metrics.acquisitions).toEqual(['login', 'refresh']);
  });

  it('a refresh that fails inside the renewal window fails no call: the held token is still valid', async () => {
    await recharge(harness);
    harness.clock.advance(DAY_MS - 60_000);
    harness.simulator.faults.add({ kind: 'status', status: 503, path: REFRESH });

    const failures = () => harness.lines.filter((line) => line.includes('renewal ahead of expiry failed'));
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await recharge(harness);
      await waitUntil(() => failures().length === attempt, `failed refresh ${attempt} is logged`);
      harness.clock.advance(1_000); // past the pause between attempts, so the next recharge tries again
    }

    expect(harness.simulator.recharges).toHaveLength(4);
    const tokens = new Set(harness.simulator.requests.filter(RECHARGE).map((r) => r.headers.authentication));
    expect(tokens.size).toBe(1);
    expect(harness.simulator.requests.count(REFRESH)).toBe(3);
    expect(harness.simulator.requests.count(LOGIN)).toBe(1);
  });

  it('500 concurrent recharges when the token expires: one refresh, 500 recharges, each once', async () => {
    await recharge(harness, '9000000000');
    harness.simulator.reset();
    // Nupeye expires the token while the client still trusts it: every call is refused once.
    harness.simulator.tokens.expireTokens();
    const numbers = mobileNumbers(500);

    const results = await Promise.all(numbers.map((number) => recharge(harness, number, '25.50')));

    expect(results.every((result) => typeof result.providerReference === 'string')).toBe(true);
    expect(harness.simulator.requests.count(REFRESH)).toBe(1);
    expect(harness.simulator.requests.count(LOGIN)).toBe(0);
    expect(harness.simulator.recharges).toHaveLength(500);
    expect(new Set(harness.simulator.recharges.map((r) => r.mobileNo))).toEqual(new Set(numbers));
    // Every call left with the expired token, was refused before Nupeye acted, and was replayed once.
    const sent = harness.simulator.requests.filter(RECHARGE);
    expect(sent).toHaveLength(1000);
    for (const number of numbers) {
      expect(sent.filter((r) => (r.body as { mobile_no: string }).mobile_no === number)).toHaveLength(2);
    }
  });

  it('500 concurrent recharges at the moment the token is due: one refresh shared by all', async () => {
    await recharge(harness, '9000000000');
    harness.simulator.reset();
    harness.clock.advance(DAY_MS);
    const numbers = mobileNumbers(500);

    await Promise.all(numbers.map((number) => recharge(harness, number)));

    expect(harness.simulator.requests.count(REFRESH)).toBe(1);
    expect(harness.simulator.requests.count(LOGIN)).toBe(0);
    expect(harness.simulator.requests.count(RECHARGE)).toBe(500);
    expect(harness.simulator.recharges).toHaveLength(500);
    expect(new Set(harness.simulator.recharges.map((r) => r.mobileNo)).size).toBe(500);
  });

  it('an expired refresh token leads to exactly one new login, shared by concurrent calls', async () => {
    await recharge(harness, '9000000000');
    harness.simulator.reset();
    harness.simulator.tokens.expireRefreshTokens();

    await Promise.all(mobileNumbers(50).map((number) => recharge(harness, number)));

    expect(harness.simulator.requests.count(REFRESH)).toBe(1);
    expect(harness.simulator.requests.count(LOGIN)).toBe(1);
    expect(harness.simulator.recharges).toHaveLength(50);
    expect(harness.metrics.acquisitions).toEqual(['login', 'login']);
  });

  it('a refresh token the provider no longer knows (e.g. after a restart) leads to one login', async () => {
    await recharge(harness);
    harness.simulator.tokens.clear();
    harness.simulator.reset();

    await recharge(harness);

    expect(harness.simulator.requests.count(RECHARGE)).toBe(2);
    expect(harness.simulator.requests.count(REFRESH)).toBe(1);
    expect(harness.simulator.requests.count(LOGIN)).toBe(1);
    expect(harness.simulator.recharges).toHaveLength(1);
  });

  it('wrong API key: PROVIDER_AUTH_FAILED after one login attempt, no recharge, no retry loop', async () => {
    const wrong = harness.client({ apiKey: 'not-the-key' });
    const attempt = () =>
      wrong.rechargeMobile({
        mobileNumber: '9812345678',
        amount: '10',
        userName: NUPEYE_SANDBOX_CUSTOMER.userName,
        password: NUPEYE_SANDBOX_CUSTOMER.password,
      });

    await expect(attempt()).rejects.toMatchObject({
      code: 'PROVIDER_AUTH_FAILED',
      outcomeUnknown: false,
      message: 'Nupeye refused our API credentials',
    });
    await Promise.allSettled([attempt(), attempt(), attempt()]);

    expect(harness.simulator.requests.count(LOGIN)).toBe(1);
    expect(harness.simulator.requests.count(RECHARGE)).toBe(0);
    expect(harness.simulator.recharges).toHaveLength(0);
  });

  it('after Nupeye revokes our key, one refresh and one login are tried, then nothing until the cool-down ends', async () => {
    await recharge(harness);
    harness.simulator.rotateApiKey('a-key-we-do-not-have');
    harness.simulator.reset();

    await expect(recharge(harness)).rejects.toMatchObject({
      code: 'PROVIDER_AUTH_FAILED',
      outcomeUnknown: false,
    });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(recharge(harness)).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });
    }

    expect(harness.simulator.requests.count(RECHARGE)).toBe(1);
    expect(harness.simulator.requests.count(REFRESH)).toBe(1);
    expect(harness.simulator.requests.count(LOGIN)).toBe(1);
    expect(harness.simulator.recharges).toHaveLength(0);
  });

  it('tries the login again once the cool-down after a refused login has passed', async () => {
    const wrong = harness.client({ apiUser: 'someone-else' });
    const attempt = () =>
      wrong.transferToWallet({ mobileNumber: NUPEYE_SANDBOX_CUSTOMER.mobileNo, amount: '1' });
    await expect(attempt()).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });
    harness.clock.advance(31_000);
    await expect(attempt()).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED' });

    expect(harness.simulator.requests.count(LOGIN)).toBe(2);
  });

  it('a lost refresh answer fails the call before anything is sent; the next call logs in', async () => {
    await recharge(harness);
    harness.simulator.reset();
    harness.clock.advance(DAY_MS);
    harness.simulator.faults.add({ kind: 'reset-after', path: REFRESH, times: 1 });

    await expect(recharge(harness)).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      outcomeUnknown: false,
    });
    expect(harness.simulator.requests.count(RECHARGE)).toBe(0);

    // The refresh took effect at Nupeye (tokens rotated): the next call must recover by logging in.
    await recharge(harness);
    expect(harness.simulator.requests.count(REFRESH)).toBe(2);
    expect(harness.simulator.requests.count(LOGIN)).toBe(1);
    expect(harness.simulator.recharges).toHaveLength(1);
  });

  it('a login that fails with 5xx is retried (it moves no money) and not mistaken for wrong credentials', async () => {
    harness.simulator.faults.add({ kind: 'status', status: 502, path: LOGIN });

    await expect(recharge(harness)).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      outcomeUnknown: false,
    });
    expect(harness.simulator.requests.count(LOGIN)).toBe(3);
    expect(harness.simulator.requests.count(RECHARGE)).toBe(0);
    harness.simulator.faults.clear();
    await recharge(harness);
    expect(harness.simulator.recharges).toHaveLength(1);
  });
});
