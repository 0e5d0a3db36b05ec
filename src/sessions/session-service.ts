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

/** The claim that carries the user's credential version when the session was issued. */
export const CREDENTIAL_VERSION_CLAIM = 'cv';

/** Scope of a session opened by OTP verification: proof that the caller holds the phone. */
export const OTP_VERIFIED_SCOPE = 'otp-verified';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  /** The session's `jti`. */
  id: string;
  credentialVersion: number;
}

/** What a verifier needs to accept these sessions. */
export interface SessionKeys {
  key: JWTVerifyGetKey;
  algorithms: string[];
  issuer: string;
  audience: string;
}

type PublicJwk = JWK & { kid: string };

/**
 * End-user sessions: JWTs the gateway signs with its own ES256 key, each with its id (`jti`) and the
 * user's credential version (`cv`), so that it can be ended before it expires. The public keys are
 * published as a JWKS (/.well-known/jwks.json): the current one and, after a rotation, the previous ones
 * (SESSION_SIGNING_KEY_PREVIOUS), whose sessions stay valid until they expire.
 */
export class SessionService {
  private constructor(
    private readonly config: SessionConfig,
    private readonly privateKey: CryptoKey,
    private readonly publicJwks: readonly PublicJwk[],
    private readonly now: () => number,
  ) {}

  static async create(config: SessionConfig, now: () => number = Date.now): Promise<SessionService> {
    const privateKey = await importPKCS8(config.signingKeyPem, SESSION_ALGORITHM);
    const pems = [config.signingKeyPem, ...config.previousSigningKeysPem];
    const jwks: PublicJwk[] = [];
    for (const pem of pems) {
      const jwk = await publicJwkOf(pem);
      if (!jwks.some((known) => known.kid === jwk.kid)) jwks.push(jwk);
    }
    return new SessionService(config, privateKey, jwks, now);
  }

  get issuer(): string {
    return this.config.issuer;
  }

  get audience(): string {
    return this.config.audience;
  }

  /** The document served at /.well-known/jwks.json: the signing key first, then the previous ones. */
  get jwks(): JSONWebKeySet {
    return { keys: this.publicJwks.map((jwk) => ({ ...jwk })) };
  }

  /** What the bearer verifier needs to accept these sessions. */
  get keys(): SessionKeys {
    return {
      key: createLocalJWKSet(this.jwks),
      algorithms: [SESSION_ALGORITHM],
      issuer: this.issuer,
      audience: this.audience,
    };
  }

  async issue(
    principal: string,
    grant: { credentialVersion: number; scopes?: readonly string[] },
  ): Promise<IssuedSession> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + this.config.ttlSeconds;
    const scopes = grant.scopes ?? [];
    const id = randomUUID();
    const claims = {
      [CREDENTIAL_VERSION_CLAIM]: grant.credentialVersion,
      ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}),
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: SESSION_ALGORITHM, typ: 'JWT', kid: this.publicJwks[0]!.kid })
      .setSubject(principal)
      .setIssuer(this.config.issuer)
      .setAudience(this.config.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(id)
      .sign(this.privateKey);
    return {
      token,
      expiresAt: new Date(expiresAt * 1000),
      id,
      credentialVersion: grant.credentialVersion,
    };
  }
}

async function publicJwkOf(pem: string): Promise<PublicJwk> {
  const jwk = createPublicKey(pem).export({ format: 'jwk' }) as JWK;
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  const kid = await calculateJwkThumbprint(publicJwk);
  return { ...publicJwk, kid, alg: SESSION_ALGORITHM, use: 'sig' };
}
