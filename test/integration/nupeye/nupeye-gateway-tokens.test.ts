import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { RechargeMobileDocument } from '../../../src/generated/graphql.js';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../../src/sandbox/nupeye/index.js';
import type { NupeyeSimulator } from '../../../src/sandbox/nupeye/nupeye.simulator.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { mobileNumbers } from './nupeye-harness.js';

const LOGIN = '/auth/login';
const REFRESH = '/auth/refresh_authentication';
const RECHARGE = '/recharge_account';

describe('Nupeye token lifecycle through GraphQL', () => {
  let gw: TestGateway;
  let nupeye: NupeyeSimulator;
  let token: string;
  let warmUpToken: unknown; // the token the gateway holds when Nupeye expires it

  const recharge = (idempotencyKey: string, mobileNumber: string, caller = token) =>
    gw.graphql(
      RechargeMobileDocument,
      {
        input: {
          idempotencyKey,
          mobileNumber,
          amount: '20',
          nupeyeUserName: NUPEYE_SANDBOX_CUSTOMER.userName,
          nupeyePassword: NUPEYE_SANDBOX_CUSTOMER.password,
        },
      },
      { token: caller },
    );

  beforeAll(async () => {
    gw = await startTestGateway({ LOG_LEVEL: 'info' });
    nupeye = gw.simulators.nupeye;
    token = await gw.token('token-lifecycle');
    await recharge('warm-up', '9000000000'); // the gateway holds a token from here on
    warmUpToken = nupeye.requests.filter(RECHARGE).at(-1)?.headers.authentication;
  });
  afterAll(() => gw.close());
  beforeEach(() => nupeye.reset());

  it('500 concurrent recharges as the token expires: exactly one refresh, 500 recharges, each once', async () => {
    const expired = warmUpToken;
    nupeye.tokens.expireTokens();
    const numbers = mobileNumbers(500);
    // 500 different users, as at a real expiry (one user alone would meet the per-principal rate limit).
    const callers = await Promise.all(numbers.map((_, index) => gw.token(`expiry-user-${index}`)));

    const results = await Promise.all(
      numbers.map((number, index) => recharge(`expiry-${index}`, number, callers[index])),
    );

    const statuses = results.map((result) => result.body.data?.rechargeMobile.transaction?.status);
    expect(statuses.filter((status) => status === 'SUCCEEDED')).toHaveLength(500);
    expect(nupeye.requests.count(REFRESH)).toBe(1);
    expect(nupeye.requests.count(LOGIN)).toBe(0);
    expect(nupeye.recharges).toHaveLength(500);
    expect(new Set(nupeye.recharges.map((applied) => applied.mobileNo))).toEqual(new Set(numbers));
    // Calls that left with the expired token were refused before Nupeye acted and replayed once with the
    // refreshed one; the rest already found the refreshed token.
    const sent = nupeye.requests.filter(RECHARGE);
    const refused = sent.filter((request) => request.headers.authentication === expired);
    expect(refused.length).toBeGreaterThan(0);
    expect(sent.length - refused.length).toBe(500);
    expect(new Set(sent.map((request) => request.headers.authentication)).size).toBe(2);
  }, 120_000); // 500 GraphQL requests on a shared two-core machine: counts matter here, not speed

  it('an expired refresh token leads to exactly one new login, shared by concurrent recharges', async () => {
    nupeye.tokens.expireRefreshTokens();

    const results = await Promise.all(
      mobileNumbers(30).map((number, index) => recharge(`relogin-${index}`, number)),
    );

    expect(
      results.every((result) => result.body.data?.rechargeMobile.transaction?.status === 'SUCCEEDED'),
    ).toBe(true);
    expect(nupeye.requests.count(REFRESH)).toBe(1);
    expect(nupeye.requests.count(LOGIN)).toBe(1);
    expect(nupeye.recharges).toHaveLength(30);
  });

  // Last: after Nupeye refuses our key, the gateway stops logging in for a cool-down period.
  it('a wrong API key is a clear PROVIDER_AUTH_FAILED error, without a retry loop', async () => {
    nupeye.rotateApiKey('a-key-the-gateway-does-not-have');

    const first = await recharge('bad-key-1', '9811111111');
    const later = await Promise.all([1, 2, 3, 4, 5].map((n) => recharge(`bad-key-${n + 1}`, '9811111111')));

    for (const { body } of [first, ...later]) {
      expect(body.data).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', provider: 'NUPEYE' });
    }
    expect(first.body.errors![0]!.message).toBe(
      'Nupeye could not process the request (PROVIDER_AUTH_FAILED)',
    );
    // One recharge refused for its revoked token, one refresh, one login: then nothing more.
    expect(nupeye.requests.count(RECHARGE)).toBe(1);
    expect(nupeye.requests.count(REFRESH)).toBe(1);
    expect(nupeye.requests.count(LOGIN)).toBe(1);
    expect(nupeye.recharges).toHaveLength(0);
  });
});
