import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { MyAccountDocument } from '../../../src/generated/graphql.js';
import { generateSigningKeyPem } from '../../../src/config/sandbox-session-secrets.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { registeredUser } from './gateway-accounts.js';

describe('sessions across gateways', () => {
  const shared = {
    SESSION_SIGNING_KEY: generateSigningKeyPem(),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  let first: TestGateway;
  let second: TestGateway;
  let stranger: TestGateway;

  beforeAll(async () => {
    const sqlite = join(mkdtempSync(join(tmpdir(), 'paygraph-replicas-')), 'ledger.sqlite');
    first = await startTestGateway({ ...shared, SQLITE_PATH: sqlite });
    second = await startTestGateway({ ...shared, SQLITE_PATH: sqlite });
    stranger = await startTestGateway();
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close(), stranger?.close()]);
  });

  it('a session issued by one gateway is accepted by another that shares the key (and the ledger)', async () => {
    const { phone, token, principal } = await registeredUser(first);
    const me = await second.graphql(MyAccountDocument, { first: 1 }, { token });
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data!.me).toMatchObject({ subject: principal, phone, status: 'ACTIVE' });
  });

  it('a gateway with another key refuses it as UNAUTHENTICATED', async () => {
    const { token } = await registeredUser(first);
    const refused = await stranger.graphql(MyAccountDocument, { first: 1 }, { token });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('any service can verify sessions with the published JWKS', async () => {
    const { token, principal } = await registeredUser(first);
    const jwks = createRemoteJWKSet(new URL(`${second.url}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(token, jwks, {
      issuer: 'paygraph',
      audience: 'paygraph',
      algorithms: ['ES256'],
    });
    expect(payload.sub).toBe(principal);
  });

  it('an altered session token is refused', async () => {
    const { token } = await registeredUser(first);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    const altered = await second.graphql(
      MyAccountDocument,
      { first: 1 },
      { token: `${header}.${forged}.${signature}` },
    );
    expect(altered.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
