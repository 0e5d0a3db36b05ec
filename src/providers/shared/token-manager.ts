import type { Provider } from '../../domain/provider.js';
import { ProviderError, isProviderError } from './provider-error.js';
import { noProviderMetrics, type ProviderMetrics } from './provider-metrics.js';

/** A provider credential with its expiry. Providers extend it with what they need (refresh tokens …). */
export interface Credential {
  /** Epoch milliseconds after which the provider no longer accepts the credential. */
  readonly expiresAt: number;
}

/** A provider's auth lifecycle, plugged into a TokenManager. */
export interface TokenLifecycle<C extends Credential> {
  /**
   * Obtains a usable credential. `previous` is the last credential held (possibly expired or rejected),
   * so that refresh flows can use its refresh token and fall back to a full login themselves.
   * Returns the credential and what kind of acquisition it was (for metrics: "login", "refresh" …).
   */
  acquire(previous: C | undefined): Promise<{ credential: C; kind: string }>;
}

export interface TokenManagerOptions {
  /** Renew this long before expiry, so no request leaves with a token about to lapse. */
  skewMs?: number;
  metrics?: ProviderMetrics;
  now?: () => number;
}

/**
 * Caches one credential per provider and renews it ahead of expiry. Concurrent callers share a single
 * acquisition (single flight). A call the provider refuses for an expired token is replayed once with a
 * fresh credential, never more.
 */
export class TokenManager<C extends Credential> {
  private current: C | undefined;
  /** The last credential acquired, kept after invalidation so a refresh can still use its refresh token. */
  private latest: C | undefined;
  private pending: Promise<C> | undefined;
  private readonly skewMs: number;
  private readonly metrics: ProviderMetrics;
  private readonly now: () => number;

  constructor(
    private readonly provider: Provider,
    private readonly lifecycle: TokenLifecycle<C>,
    options: TokenManagerOptions = {},
  ) {
    this.skewMs = options.skewMs ?? 30_000;
    this.metrics = options.metrics ?? noProviderMetrics;
    this.now = options.now ?? Date.now;
  }

  /** A credential valid for at least the skew period. */
  async get(): Promise<C> {
    if (this.current && this.now() < this.current.expiresAt - this.skewMs) return this.current;
    return this.acquire();
  }

  /** Forgets `credential` if it is still the current one (a newer one is kept). */
  invalidate(credential: C): void {
    if (this.current === credential) this.current = undefined;
  }

  /** Drops the cached credential, e.g. after configuration changes. */
  clear(): void {
    this.current = undefined;
    this.latest = undefined;
  }

  /**
   * Runs `call` with a valid credential. If the provider answers PROVIDER_TOKEN_REJECTED, the credential
   * is renewed and the call replayed once; a second rejection becomes PROVIDER_AUTH_FAILED.
   * Only calls the provider refused before acting may be replayed, which is what a token rejection means.
   */
  async withCredential<T>(call: (credential: C) => Promise<T>): Promise<T> {
    const credential = await this.get();
    try {
      return await call(credential);
    } catch (error) {
      if (!isProviderError(error, 'PROVIDER_TOKEN_REJECTED')) throw error;
      this.invalidate(credential);
    }
    const fresh = await this.get();
    try {
      return await call(fresh);
    } catch (error) {
      if (!isProviderError(error, 'PROVIDER_TOKEN_REJECTED')) throw error;
      this.invalidate(fresh);
      throw new ProviderError(
        this.provider,
        'PROVIDER_AUTH_FAILED',
        `${this.provider} rejected a fresh token`,
        {
          status: error.status,
        },
      );
    }
  }

  private acquire(): Promise<C> {
    if (!this.pending) {
      this.pending = this.lifecycle
        .acquire(this.latest)
        .then(({ credential, kind }) => {
          this.metrics.countTokenAcquisition(this.provider, kind);
          this.current = credential;
          this.latest = credential;
          return credential;
        })
        .finally(() => {
          this.pending = undefined;
        });
    }
    return this.pending;
  }
}
