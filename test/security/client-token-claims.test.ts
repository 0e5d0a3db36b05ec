import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { startTestGateway, TEST_JWT_SECRET, type TestGateway } from '../helpers/test-gateway.js';

const ME = '{ me { subject } }';

/** Issue 12 (weaker items): client tokens without `exp`, or issued in the future, are refused. */
describe('client tokens must expire and may not come from the future', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const now = () => Math.floor(Date.now() / 1000);
  function sign(claims: { iat?: number; exp?: number }): Promise<string> {
    const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject('claims-user');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(new TextEncoder().encode(TEST_JWT_SECRET));
  }

  async function me(token: string) {
    return gw.graphql<{ me: { subject: string } }, never>(ME, undefined, { token });
  }

  it('refuses a token without exp, as it would never stop working', async () => {
    const refused = await me(await sign({ iat: now() }));
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.body.data).toBeUndefined();
  });

  it('refuses a token whose iat is more than a minute ahead, with or without exp', async () => {
    for (const token of [
      await sign({ iat: now() + 3600, exp: now() + 7200 }),
      await sign({ iat: now() + 24 * 3600, exp: now() + 48 * 3600 }),
    ]) {
      const refused = await me(token);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('accepts a token with exp whose iat is within the clock skew, and one without iat', async () => {
    for (const token of [
      await sign({ iat: now() + 30, exp: now() + 3600 }),
      await sign({ exp: now() + 3600 }),
    ]) {
      const accepted = await me(token);
      expect(accepted.body.errors).toBeUndefined();
      expect(accepted.body.data).toEqual({ me: { subject: 'claims-user' } });
    }
  });
});
