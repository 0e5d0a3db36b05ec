import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const BALANCE = `mutation($input: InquireCardBalanceInput!) { inquireCardBalance(input: $input) { userErrors { code } } }`;
const LOGIN = `mutation($input: LoginUserInput!) { loginUser(input: $input) { userErrors { code } } }`;
const card = { input: { pan: '1234', expiry: '13/99', ipin: '0000' } };

async function post(gw: TestGateway, query: string, variables: unknown, token?: string) {
  const response = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
  };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

describe('rate limits per principal and per operation', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ RATE_LIMITS: 'inquireCardBalance=3/60', RATE_LIMIT_DEFAULT: '30/60' });
  });
  afterAll(() => gw.close());

  it('refuses the card balance beyond its budget with RATE_LIMITED, 429 and a retry-after hint', async () => {
    const alice = await gw.token('alice-rl');
    for (let i = 0; i < 3; i += 1) {
      const allowed = await post(gw, BALANCE, card, alice);
      expect(allowed.body.errors?.[0]?.extensions?.code).not.toBe('RATE_LIMITED');
    }
    const before = gw.simulators.enayapay.requests.entries.length;
    const refused = await post(gw, BALANCE, card, alice);
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    const error = refused.body.errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    expect(error?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(error?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(refused.retryAfter).toBe(String(error?.extensions?.retryAfterSeconds));
    expect(error?.message).toMatch(/^Too many requests; try again in \d+ seconds$/);
    expect(gw.simulators.enayapay.requests.entries.length).toBe(before);
  });

  it('counts aliases one by one', async () => {
    const carol = await gw.token('carol-rl');
    const aliased = `mutation($input: InquireCardBalanceInput!) {
      a: inquireCardBalance(input: $input) { userErrors { code } }
      b: inquireCardBalance(input: $input) { userErrors { code } }
      c: inquireCardBalance(input: $input) { userErrors { code } }
      d: inquireCardBalance(input: $input) { userErrors { code } } }`;
    const refused = await post(gw, aliased, card, carol);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('keeps each principal to its own budget', async () => {
    const bob = await gw.token('bob-rl');
    const allowed = await post(gw, BALANCE, card, bob);
    expect(allowed.body.errors?.[0]?.extensions?.code).not.toBe('RATE_LIMITED');
  });

  it('limits every operation of a principal', async () => {
    const dave = await gw.token('dave-rl');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await post(gw, '{ __typename }', undefined, dave)).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const erin = await gw.token('erin-rl');
    expect((await post(gw, '{ __typename }', undefined, erin)).status).toBe(200);
  });

  it('answers the attempt limits of login and OTP with 429 and Retry-After as well', async () => {
    const attempts = [];
    for (let i = 0; i < 6; i += 1) {
      attempts.push(await post(gw, LOGIN, { input: { phone: '249912345678', password: `wrong-${i}` } }));
    }
    const limited = attempts.find((a) => a.body.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
    expect(limited).toBeDefined();
    expect(limited!.status).toBe(429);
    expect(Number(limited!.retryAfter)).toBe(limited!.body.errors?.[0]?.extensions?.retryAfterSeconds);
    // Every answer before the limit was an ordinary 200.
    expect(attempts.slice(0, attempts.indexOf(limited!)).every((a) => a.status === 200)).toBe(true);
  });

  it('counts documents that fail to parse or validate', async () => {
    const grace = await gw.token('grace-rl');
    const statuses: number[] = [];
    for (let i = 0; i < 15; i += 1)
      statuses.push((await post(gw, '{ nosuchfield }', undefined, grace)).status);
    for (let i = 0; i < 15; i += 1) statuses.push((await post(gw, '{ __typename', undefined, grace)).status);
    expect(statuses.every((status) => status === 400)).toBe(true);
    const refused = await post(gw, '{ __typename }', undefined, grace);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Past the limit, an invalid document is refused as rate limited too, before it is read.
    expect((await post(gw, '{ nosuchfield }', undefined, grace)).status).toBe(429);
  });

  it('limits anonymous callers per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await post(gw, '{ __typename }', undefined)).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
    const signedIn = await gw.token('frank-rl');
    expect((await post(gw, '{ __typename }', undefined, signedIn)).status).toBe(200);
  });
});
