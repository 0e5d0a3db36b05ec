import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../../config/app.config.js';
import type { SessionValidity } from '../../domain/ports/session-revocations.js';
import type { Principal, SessionClaims } from '../../domain/principal.js';
import { CREDENTIAL_VERSION_CLAIM, type SessionKeys } from '../../sessions/session-service.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/** A source of keys a bearer token may be signed with: the configured secret or JWKS, the gateway's own sessions. */
export type KeyResolver = Uint8Array | JWTVerifyGetKey;

/** Issuer and audience a key source's tokens must carry; the configured AUTH_ISSUER/AUTH_AUDIENCE by default. */
export interface ExpectedClaims {
  issuer?: string;
  audience?: string;
}

export interface BearerVerifierOptions {
  /** Verified tokens kept (by hash) until they expire; 0 verifies every request from scratch. */
  cacheSize?: number;
  /** How far in the future a token's `iat` may lie (clocks disagree a little); default 60 s. */
  clockSkewSeconds?: number;
  now?: () => number;
}

export class InvalidTokenError extends Error {
  constructor() {
    super('The bearer token is invalid or expired');
    this.name = 'InvalidTokenError';
  }
}

interface KeySource {
  key: KeyResolver;
  algorithms: string[];
  claims?: ExpectedClaims;
  /** Set for the gateway's own sessions: they carry `jti` and `cv`, and are checked against revocations. */
  sessions?: SessionValidity;
}

export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Verifies `Authorization: Bearer <JWT>` with jose. Tokens are tried against each configured key source;
 * issuer and audience are checked when configured; `exp` is required and `iat` may not lie in the future.
 * A verified token is remembered until it expires (VerifiedTokenCache); a gateway session is asked about
 * on every request, so a session ended by logout or a credential change is refused at once, cached or
 * not. The reason a token failed is never told to the client.
 */
export class BearerVerifier {
  private readonly keys: KeySource[] = [];
  private readonly cache: VerifiedTokenCache | undefined;
  private readonly now: () => number;
  private readonly clockSkewSeconds: number;
  /** The revocation check of the gateway's sessions, once their keys are added. */
  private sessions: SessionValidity | undefined;

  constructor(
    private readonly config: AuthConfig,
    options: BearerVerifierOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.clockSkewSeconds = options.clockSkewSeconds ?? 60;
    const cacheSize = options.cacheSize ?? DEFAULT_VERIFIED_TOKEN_CACHE_SIZE;
    this.cache = cacheSize > 0 ? new VerifiedTokenCache(cacheSize, this.now) : undefined;
    if (config.jwtSecret) {
      this.keys.push({ key: importedHmacKey(config.jwtSecret), algorithms: ['HS256'] });
    }
    if (config.jwksUrl) {
      this.keys.push({
        key: createRemoteJWKSet(new URL(config.jwksUrl)),
        algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
      });
    }
  }

  /** Accepts tokens signed by an additional key source of client tokens. */
  addKeySource(key: KeyResolver, algorithms: string[], claims?: ExpectedClaims): void {
    this.keys.push({ key, algorithms, claims });
  }

  /** Accepts the gateway's own sessions, each while `validity` says it stands. */
  addSessionKeys(keys: SessionKeys, validity: SessionValidity): void {
    const claims = { issuer: keys.issuer, audience: keys.audience };
    this.keys.push({ key: keys.key, algorithms: keys.algorithms, claims, sessions: validity });
    this.sessions = validity;
  }

  async verify(token: string): Promise<Principal> {
    const principal = this.cache?.get(token) ?? (await this.verifyFromScratch(token));
    if (principal.session) {
      if (!this.sessions || !(await this.sessions.isInForce(principal.id, principal.session)))
        throw new InvalidTokenError();
    }
    return principal;
  }

  private async verifyFromScratch(token: string): Promise<Principal> {
    const now = this.now();
    for (const source of this.keys) {
      const payload = await this.verifyWith(source, token, now);
      if (!payload) continue;
      if (typeof payload.iat === 'number' && payload.iat > now / 1000 + this.clockSkewSeconds)
        throw new InvalidTokenError();
      const principal = principalFrom(payload, source.sessions !== undefined);
      this.cache?.set(token, principal);
      return principal;
    }
    throw new InvalidTokenError();
  }

  private async verifyWith(source: KeySource, token: string, now: number): Promise<JWTPayload | undefined> {
    const claims = source.claims ?? this.config;
    const options = {
      algorithms: source.algorithms,
      issuer: claims.issuer,
      audience: claims.audience,
      requiredClaims: ['exp'],
      currentDate: new Date(now),
    };
    try {
      const { payload } =
        source.key instanceof Uint8Array
          ? await jwtVerify(token, source.key, options)
          : await jwtVerify(token, source.key, options);
      return payload;
    } catch {
      return undefined; // try the next key source
    }
  }
}

/**
 * The HS256 secret imported once. Given the raw bytes, jose imports them again on every verification,
 * which measured at about 40 % of the cost of verifying a client token.
 */
function importedHmacKey(secret: string): JWTVerifyGetKey {
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  return () => key;
}

function principalFrom(payload: JWTPayload, isSession: boolean): Principal {
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidTokenError();
  const raw = payload.scope ?? payload.scopes;
  const scopes = Array.isArray(raw)
    ? raw.filter((scope): scope is string => typeof scope === 'string')
    : typeof raw === 'string'
      ? raw.split(' ').filter(Boolean)
      : [];
  const expiresAt = (payload.exp as number) * 1000;
  const principal: Principal = { id: payload.sub, scopes: Object.freeze(scopes), expiresAt };
  if (isSession) principal.session = Object.freeze(sessionClaimsOf(payload));
  return Object.freeze(principal);
}

/** A gateway session names itself (`jti`) and its credential version (`cv`); one without them is refused. */
function sessionClaimsOf(payload: JWTPayload): SessionClaims {
  const version = payload[CREDENTIAL_VERSION_CLAIM];
  if (typeof payload.jti !== 'string' || payload.jti === '') throw new InvalidTokenError();
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new InvalidTokenError();
  return { id: payload.jti, credentialVersion: version };
}
