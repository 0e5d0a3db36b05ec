import { createPublicKey, randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  importPKCS8,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { SessionConfig } from '../config/session.config.js';

export const SESSION_ALGORITHM = 'ES256';

/** Scope of a session opened by OTP verification: proof that the caller holds the phone. */
export const OTP_VERIFIED_SCOPE = 'otp-verified';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

/**
 * End-user sessions: JWTs the gateway signs with its own ES256 key. The public half is published as a
 * JWKS (/.well-known/jwks.json), so every replica sharing SESSION_SIGNING_KEY, and any other service,
 * can verify them. Sessions are stateless: they last `ttlSeconds` and cannot be revoked earlier.
 */
export class SessionService {
  private constructor(
    private readonly config: SessionConfig,
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK & { kid: string },
    private readonly now: () => number,
  ) {}

  static async create(config: SessionConfig, now: () => number = Date.now): Promise<SessionService> {
    const privateKey = await importPKCS8(config.signingKeyPem, SESSION_ALGORITHM);
    const jwk = createPublicKey(config.signingKeyPem).export({ format: 'jwk' }) as JWK;
    const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    const kid = await calculateJwkThumbprint(publicJwk);
    return new SessionService(
      config,
      privateKey,
      { ...publicJwk, kid, alg: SESSION_ALGORITHM, use: 'sig' },
      now,
    );
  }

  get issuer(): string {
    return this.config.issuer;
  }

  get audience(): string {
    return this.config.audience;
  }

  /** The document served at /.well-known/jwks.json. */
  get jwks(): JSONWebKeySet {
    return { keys: [{ ...this.publicJwk }] };
  }

  /** What the bearer verifier needs to accept these sessions. */
  get keySource(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks);
  }

  async issue(principal: string, scopes: readonly string[] = []): Promise<IssuedSession> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + this.config.ttlSeconds;
    const claims = scopes.length > 0 ? { scope: scopes.join(' ') } : {};
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: SESSION_ALGORITHM, typ: 'JWT', kid: this.publicJwk.kid })
      .setSubject(principal)
      .setIssuer(this.config.issuer)
      .setAudience(this.config.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }
}
