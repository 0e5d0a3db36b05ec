import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { importPKCS8, SignJWT } from 'jose';
import type { SessionConfig } from '../../../src/config/session.config.js';
import { generateSigningKeyPem } from '../../../src/config/sandbox-session-secrets.js';
import type { SessionValidity } from '../../../src/domain/ports/session-revocations.js';
import type { Principal, SessionClaims } from '../../../src/domain/principal.js';
import { BearerVerifier, InvalidTokenError } from '../../../src/server/auth/bearer-verifier.js';
import { VerifiedTokenCache } from '../../../src/server/auth/verified-token-cache.js';
import { SessionService } from '../../../src/sessions/session-service.js';

const SECRET = 'verifier-test-secret-verifier-test-secret';
const NOW = Date.UTC(2026, 5, 1, 12);

function clientToken(claims: { exp?: number; iat?: number; sub?: string }): Promise<string> {
  const jwt = new SignJWT({ scope: 'a b' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? 'svc');
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

/** Revocations the test sets by hand, counting how often it is asked. */
class Revoked implements SessionValidity {
  readonly ended = new Set<string>();
  asked = 0;
  isInForce(_principal: string, session: SessionClaims): Promise<boolean> {
    this.asked += 1;
    return Promise.resolve(!this.ended.has(session.id));
  }
}

async function sessions(signingKeyPem = generateSigningKeyPem()): Promise<SessionService> {
  const config: SessionConfig = {
    signingKeyPem,
    previousSigningKeysPem: [],
    dataEncryptionKey: randomBytes(32),
    previousDataEncryptionKeys: [],
    issuer: 'paygraph',
    audience: 'paygraph',
    ttlSeconds: 600,
  };
  return SessionService.create(config, () => NOW);
}

const seconds = (ms: number) => Math.floor(ms / 1000);

describe('BearerVerifier: what a client token must say', () => {
  const verifier = new BearerVerifier({ jwtSecret: SECRET }, { now: () => NOW, cacheSize: 0 });

  it('accepts a token with exp and an iat up to the allowed clock skew ahead', async () => {
    const token = await clientToken({ iat: seconds(NOW) + 60, exp: seconds(NOW) + 3600 });
    await expect(verifier.verify(token)).resolves.toMatchObject({
      id: 'svc',
      scopes: ['a', 'b'],
      expiresAt: (seconds(NOW) + 3600) * 1000,
    });
    await expect(verifier.verify(token)).resolves.not.toHaveProperty('session');
  });

  it('refuses a token without exp', async () => {
    const token = await clientToken({ iat: seconds(NOW) });
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token issued further in the future than the clock skew', async () => {
    const token = await clientToken({ iat: seconds(NOW) + 61, exp: seconds(NOW) + 3600 });
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses an expired token', async () => {
    const token = await clientToken({ iat: seconds(NOW) - 7200, exp: seconds(NOW) - 1 });
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('BearerVerifier: verified tokens cached until they expire', () => {
  it('verifies a token once, then answers from the cache until its exp passes', async () => {
    let now = NOW;
    const verifier = new BearerVerifier({ jwtSecret: SECRET }, { now: () => now });
    const token = await clientToken({ iat: seconds(NOW), exp: seconds(NOW) + 60 });
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);
    now = NOW + 60_000;
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('still asks whether a cached session stands, and refuses it once it has ended', async () => {
    const service = await sessions();
    const revoked = new Revoked();
    const verifier = new BearerVerifier({}, { now: () => NOW });
    verifier.addSessionKeys(service.keys, revoked);
    const issued = await service.issue('usr_1', { credentialVersion: 2 });
    const principal = await verifier.verify(issued.token);
    expect(principal.session).toEqual({ id: issued.id, credentialVersion: 2 });
    expect(await verifier.verify(issued.token)).toBe(principal);
    expect(revoked.asked).toBe(2);
    revoked.ended.add(issued.id);
    await expect(verifier.verify(issued.token)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(revoked.asked).toBe(3);
  });

  it('refuses a session signed by the gateway key but without jti or cv', async () => {
    const pem = generateSigningKeyPem();
    const service = await sessions(pem);
    const verifier = new BearerVerifier({}, { now: () => NOW });
    verifier.addSessionKeys(service.keys, new Revoked());
    const issued = await service.issue('usr_1', { credentialVersion: 0 });
    await expect(verifier.verify(issued.token)).resolves.toBeDefined();
    // Signed with the same key but without the session claims, as sessions were before they had them.
    const key = await importPKCS8(pem, 'ES256');
    const kid = service.jwks.keys[0]!.kid!;
    const bare = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('usr_1')
      .setIssuer('paygraph')
      .setAudience('paygraph')
      .setIssuedAt(seconds(NOW))
      .setExpirationTime(seconds(NOW) + 60)
      .sign(key);
    await expect(verifier.verify(bare)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('VerifiedTokenCache', () => {
  const principal = (expiresAt: number): Principal => ({ id: 'p', scopes: [], expiresAt });

  it('holds at most its bound, the least recently used leaving first', () => {
    const cache = new VerifiedTokenCache(3, () => NOW);
    for (let index = 0; index < 5; index += 1) cache.set(`token-${index}`, principal(NOW + 60_000));
    expect(cache.size).toBe(3);
    expect(cache.get('token-0')).toBeUndefined();
    expect(cache.get('token-1')).toBeUndefined();
    expect(cache.get('token-4')).toBeDefined();
  });

  it('keys entries by the token hash, never by the token', () => {
    const cache = new VerifiedTokenCache(10, () => NOW);
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwIn0.signature-part';
    cache.set(token, principal(NOW + 60_000));
    const keys = [...(cache as unknown as { entries: { keys(): Iterable<string> } }).entries.keys()];
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('signature-part');
    expect(keys[0]).toMatch(/^[\w-]{43}$/);
  });

  it('keeps nothing already expired', () => {
    const cache = new VerifiedTokenCache(10, () => NOW);
    cache.set('t', principal(NOW));
    expect(cache.size).toBe(0);
  });
});
