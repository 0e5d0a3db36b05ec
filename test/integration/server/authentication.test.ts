import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { startTestGateway, TEST_JWT_SECRET, type TestGateway } from '../../helpers/test-gateway.js';

const ISSUER = 'https://idp.paygraph.test/';
const AUDIENCE = 'paygraph-api';
const QUERY = '{ transactions(first: 1) { edges { node { id } } } }';

interface Claims {
  sub?: string;
  iss?: string;
  aud?: string;
  /** Seconds from now; negative for a token that already expired. */
  expiresIn?: number;
  secret?: string;
}

async function sign(claims: Claims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ scope: '' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(now - 60);
  if (claims.sub !== undefined) jwt = jwt.setSubject(claims.sub);
  if (claims.iss !== undefined) jwt = jwt.setIssuer(claims.iss);
  if (claims.aud !== undefined) jwt = jwt.setAudience(claims.aud);
  jwt = jwt.setExpirationTime(now + (claims.expiresIn ?? 3600));
  return jwt.sign(new TextEncoder().encode(claims.secret ?? TEST_JWT_SECRET));
}

describe('client authentication', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE });
  });
  afterAll(() => gw.close());

  const call = (authorization?: string) =>
    gw.graphql(QUERY, undefined, { headers: authorization ? { authorization } : {} });

  const expectUnauthenticated = async (authorization: string) => {
    const response = await call(authorization);
    expect(response.status).toBe(401);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    return response;
  };

  it('accepts a valid token with the configured issuer and audience', async () => {
    const response = await call(`Bearer ${await sign({ sub: 'alice', iss: ISSUER, aud: AUDIENCE })}`);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ transactions: { edges: [] } });
  });

  it('refuses a protected field to a caller without a token', async () => {
    const response = await call();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each(['Basic YWxpY2U6c2VjcmV0', 'Bearer', 'Bearer a b', 'Token abc', 'bearer'])(
    'answers 401 to the header %j',
    async (authorization) => {
      const { body } = await expectUnauthenticated(authorization);
      expect(body.errors?.[0]?.message).toMatch(/Bearer/);
    },
  );

  it('refuses an expired token', async () => {
    await expectUnauthenticated(
      `Bearer ${await sign({ sub: 'alice', iss: ISSUER, aud: AUDIENCE, expiresIn: -10 })}`,
    );
  });

  it.each<[string, Claims]>([
    ['another issuer', { sub: 'alice', iss: 'https://evil.example/', aud: AUDIENCE }],
    ['no issuer', { sub: 'alice', aud: AUDIENCE }],
    ['another audience', { sub: 'alice', iss: ISSUER, aud: 'someone-else' }],
    ['no audience', { sub: 'alice', iss: ISSUER }],
    ['no subject', { iss: ISSUER, aud: AUDIENCE }],
    ['another signing secret', { sub: 'alice', iss: ISSUER, aud: AUDIENCE, secret: 'x'.repeat(40) }],
  ])('refuses a token with %s, without saying which check failed', async (_label, claims) => {
    const { body } = await expectUnauthenticated(`Bearer ${await sign(claims)}`);
    expect(body.errors?.[0]?.message).toBe('The bearer token is invalid or expired');
  });

  it('refuses an unsigned token', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'alice', iss: ISSUER, aud: AUDIENCE, exp: now + 60 })}.`;
    await expectUnauthenticated(`Bearer ${unsigned}`);
  });

  it('never echoes the token', async () => {
    const token = await sign({ sub: 'alice', iss: 'https://evil.example/', aud: AUDIENCE });
    const { text } = await expectUnauthenticated(`Bearer ${token}`);
    expect(text).not.toContain(token);
    expect(gw.logs.text).not.toContain(token);
  });
});
