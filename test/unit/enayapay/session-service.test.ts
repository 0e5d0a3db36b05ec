import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { SessionConfig } from '../../../src/config/session.config.js';
import { BearerVerifier } from '../../../src/server/auth/bearer-verifier.js';
import { generateSigningKeyPem } from '../../../src/config/sandbox-session-secrets.js';
import { SessionService } from '../../../src/sessions/session-service.js';

function sessionConfig(signingKeyPem = generateSigningKeyPem(), previous: string[] = []): SessionConfig {
  return {
    signingKeyPem,
    previousSigningKeysPem: previous,
    dataEncryptionKey: randomBytes(32),
    previousDataEncryptionKeys: [],
    issuer: 'paygraph',
    audience: 'paygraph',
    ttlSeconds: 600,
  };
}

/** Every session stands: these tests are about signatures and claims, not revocation. */
const noRevocations = { isInForce: () => Promise.resolve(true) };

function verifierFor(sessions: SessionService): BearerVerifier {
  const verifier = new BearerVerifier({
    jwtSecret: 'x'.repeat(32),
    issuer: 'other-idp',
    audience: 'other-api',
  });
  verifier.addSessionKeys(sessions.keys, noRevocations);
  return verifier;
}

const V0 = { credentialVersion: 0 };

describe('SessionService (ES256 sessions)', () => {
  it('issues an ES256 JWT with kid, sub, iss, aud, exp, jti, cv and scopes, verifiable with the JWKS', async () => {
    const now = Date.UTC(2026, 0, 1);
    const sessions = await SessionService.create(sessionConfig(), () => now);
    const issued = await sessions.issue('usr_1', { credentialVersion: 3, scopes: ['otp-verified'] });
    expect(issued.expiresAt).toEqual(new Date(now + 600_000));
    const header = decodeProtectedHeader(issued.token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: sessions.jwks.keys[0]!.kid });
    const { payload } = await jwtVerify(issued.token, sessions.keys.key, {
      issuer: 'paygraph',
      audience: 'paygraph',
      currentDate: new Date(now),
    });
    expect(payload).toMatchObject({
      sub: 'usr_1',
      scope: 'otp-verified',
      iat: now / 1000,
      exp: now / 1000 + 600,
      jti: issued.id,
      cv: 3,
    });
    expect(issued.credentialVersion).toBe(3);
  });

  it('publishes only the public key', async () => {
    const sessions = await SessionService.create(sessionConfig());
    const [key] = sessions.jwks.keys;
    expect(Object.keys(key!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });

  it('is accepted by the bearer verifier beside other key sources, with its own issuer and audience', async () => {
    const sessions = await SessionService.create(sessionConfig());
    const { token, id } = await sessions.issue('usr_42', V0);
    await expect(verifierFor(sessions).verify(token)).resolves.toMatchObject({
      id: 'usr_42',
      scopes: [],
      session: { id, credentialVersion: 0 },
    });
  });

  it('is accepted by another instance with the same key, and refused by one with another key', async () => {
    const pem = generateSigningKeyPem();
    const issuer = await SessionService.create(sessionConfig(pem));
    const { token } = await issuer.issue('usr_7', V0);
    const sameKey = await SessionService.create(sessionConfig(pem));
    const otherKey = await SessionService.create(sessionConfig());
    await expect(verifierFor(sameKey).verify(token)).resolves.toMatchObject({ id: 'usr_7' });
    await expect(verifierFor(otherKey).verify(token)).rejects.toThrow('invalid or expired');
  });

  it('refuses an expired session', async () => {
    const sessions = await SessionService.create(sessionConfig(), () => Date.now() - 601_000);
    const { token } = await sessions.issue('usr_1', V0);
    await expect(verifierFor(sessions).verify(token)).rejects.toThrow('invalid or expired');
  });

  it('after a rotation signs with the new key, still accepts the old key, and serves both in the JWKS', async () => {
    const oldPem = generateSigningKeyPem();
    const before = await SessionService.create(sessionConfig(oldPem));
    const oldSession = await before.issue('usr_9', V0);
    const after = await SessionService.create(sessionConfig(generateSigningKeyPem(), [oldPem]));
    const newSession = await after.issue('usr_9', V0);

    expect(after.jwks.keys.map((key) => key.kid)).toEqual([
      decodeProtectedHeader(newSession.token).kid,
      decodeProtectedHeader(oldSession.token).kid,
    ]);
    expect(after.jwks.keys.every((key) => key['d'] === undefined)).toBe(true);
    const verifier = verifierFor(after);
    await expect(verifier.verify(oldSession.token)).resolves.toMatchObject({ id: 'usr_9' });
    await expect(verifier.verify(newSession.token)).resolves.toMatchObject({ id: 'usr_9' });
    // Once the previous key is dropped (its sessions have expired), its sessions are refused.
    const dropped = await SessionService.create(sessionConfig(generateSigningKeyPem()));
    await expect(verifierFor(dropped).verify(oldSession.token)).rejects.toThrow('invalid or expired');
  });
});
