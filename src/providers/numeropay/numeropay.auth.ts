import { SignJWT } from 'jose';
import type { NumeroPayConfig } from '../../config/numeropay.config.js';
import { Provider } from '../../domain/provider.js';
import type { ProviderMetrics } from '../../domain/ports/provider-metrics.js';
import { TokenManager, type Credential, type TokenLifecycle } from '../shared/token-manager.js';
import type { NumeroPayJwtClaims, NumeroPayJwtHeader } from './numeropay.types.js';

export interface NumeroPayCredential extends Credential {
  /** The signed JWT, sent as `Authorization: Bearer`. Never logged. */
  readonly token: string;
}

type SigningConfig = Pick<NumeroPayConfig, 'keyId' | 'keySecret' | 'merchantId' | 'tokenLifetimeSeconds'>;

const ISSUER = 'merchant.numeropay';
/** The document names no scope vocabulary; every call we make is on the transaction resource. */
export const NUMEROPAY_SCOPES: readonly string[] = ['transaction'];

/**
 * NumeroPay has no token endpoint: the merchant signs its own JWT with its KEY_SECRET (HS256), the
 * header carrying the KEY_ID as `keyid`. Minting is local, so a "login" costs no provider call.
 */
export class NumeroPayTokenMinter implements TokenLifecycle<NumeroPayCredential> {
  private readonly secret: Uint8Array;

  constructor(
    private readonly config: SigningConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = new TextEncoder().encode(config.keySecret);
  }

  async acquire(): Promise<{ credential: NumeroPayCredential; kind: string }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + this.config.tokenLifetimeSeconds;
    const header: NumeroPayJwtHeader = { alg: 'HS256', type: 'JWT', keyid: this.config.keyId };
    const claims: NumeroPayJwtClaims = {
      scopes: [...NUMEROPAY_SCOPES],
      iat: issuedAt,
      exp: expiresAt,
      iss: ISSUER,
      sub: this.config.merchantId,
    };
    const token = await new SignJWT(claims).setProtectedHeader(header).sign(this.secret);
    return { credential: { token, expiresAt: expiresAt * 1000 }, kind: 'mint' };
  }
}

/** A token manager that caches the JWT and mints a new one shortly before `exp`. */
export function createNumeroPayTokenManager(
  config: SigningConfig,
  metrics: ProviderMetrics,
  now: () => number = Date.now,
): TokenManager<NumeroPayCredential> {
  const lifetimeMs = config.tokenLifetimeSeconds * 1000;
  return new TokenManager(Provider.NUMEROPAY, new NumeroPayTokenMinter(config, now), {
    skewMs: Math.min(30_000, lifetimeMs / 4),
    metrics,
    now,
  });
}
