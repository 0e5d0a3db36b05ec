import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { SessionConfig } from '../../../src/config/session.config.js';
import { BearerVerifier } from '../../../src/server/auth/bearer-verifier.js';
import { generateSigningKeyPem } from '../../../src/config/sandbox-session-secrets.js';
import { SESSION_ALGORITHM, SessionService } from '../../../src/sessions/session-service.js';

function sessionConfig(signingKeyPem = generateSigningKeyPem()): SessionConfig {
  return {
    signingKeyPem,
    dataEncryptionKey: randomBytes(32),
    issuer: 'paygraph',
    audience: 'paygraph',
    ttlSeconds: 600,
  };
}

function verifierFor(sessions: SessionService): BearerVerifier {
  const verifier = new BearerVerifier({
    jwtSecret: 'x'.repeat(32),
    issuer: 'other-idp',
    audience: 'other-api',
  });
  verifier.addKeySource(sessions.keySource, [SESSION_ALGORITHM], {
    issuer: sessions.issuer,
    audience: sessions.audience,
  });
  return verifier;
}

describe('SessionService (ES256 sessions)', () => {
  it('issues an ES256 JWT with kid, sub, iss, aud, exp and scopes, verifiable with the JWKS', async () => {
    const now = Date.UTC(2026, 0, 1);
    const sessions = await SessionService.create(sessionConfig(), () => now);
    const issued = await sessions.issue('usr_1', ['otp-verified']);
    expect(issued.expiresAt).toEqual(new Date(now + 600_000));
    const header = decodeProtectedHeader(issued.token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: sessions.jwks.keys[0]!.kid });
    const { payload } = await jwtVerify(issued.token, sessions.keySource, {
      issuer: 'paygraph',
      audience: 'paygraph',
      currentDate: new Date(now),
    });
    expect(payload).toMatchObject({
      sub: 'usr_1',
      scope: 'otp-verified',
      iat: now / 1000,
      exp: now / 1000 + 600,
    });
    expect(typeof payload.jti).toBe('string');
  });

  it('publishes only the public key', async () => {
    const sessions = await SessionService.create(sessionConfig());
    const [key] = sessions.jwks.keys;
    expect(Object.keys(key!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });

  it('is accepted by the bearer verifier beside other key sources, with its own issuer and audience', async () => {
    const sessions = await SessionService.create(sessionConfig());
    const { token } = await sessions.issue('usr_42');
    await expect(verifierFor(sessions).verify(token)).resolves.toMatchObject({ id: 'usr_42', scopes: [] });
  });

  it('is accepted by another instance with the same key, and refused by one with another key', async () => {
    const pem = generateSigningKeyPem();
    const issuer = await SessionService.create(sessionConfig(pem));
    const { token } = await issuer.issue('usr_7');
    const sameKey = await SessionService.create(sessionConfig(pem));
    const otherKey = await SessionService.create(sessionConfig());
    await expect(verifierFor(sameKey).verify(token)).resolves.toMatchObject({ id: 'usr_7' });
    await expect(verifierFor(otherKey).verify(token)).rejects.toThrow('invalid or expired');
  });

  it('refuses an expired session', async () => {
    const sessions = await SessionService.create(sessionConfig(), () => Date.now() - 601_000);
    const { token } = await sessions.issue('usr_1');
    await expect(verifierFor(sessions).verify(token)).rejects.toThrow('invalid or expired');
  });
});
