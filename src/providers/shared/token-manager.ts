import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Provider } from '../../domain/provider.js';
import { ProviderError, isProviderError } from './provider-error.js';
import { noProviderMetrics, type ProviderMetrics } from '../../domain/ports/provider-metrics.js';
import type { ProviderDeps } from './provider-deps.js';
import type { StoredCredential, TokenCoordinator } from '../../domain/ports/token-coordinator.js';
import { traceTokenAcquisition } from '../../observability/provider-call-tracing.js';

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
  /** Shares the credential between replicas; absent → this process renews on its own. */
  coordinator?: TokenCoordinator;
  /** How long a replica may hold the renewal lock: longer than the provider's timeout. */
  lockLeaseMs?: number;
  /** Told when the coordinator fails and the process falls back to renewing on its own. */
  logger?: Logger;
}

/**
 * The options that let a provider's token manager share its credential between replicas: the
 * coordinator from the provider's deps, and a lock lease longer than one provider call may take.
 */
export function tokenSharing(
  deps: ProviderDeps,
  providerTimeoutMs: number,
): Pick<TokenManagerOptions, 'coordinator' | 'lockLeaseMs' | 'logger'> {
  return { coordinator: deps.tokenCoordinator, lockLeaseMs: providerTimeoutMs + 5_000, logger: deps.logger };
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
  /** Generation of `current` in the coordinator, and the last generation a provider refused. */
  private currentGeneration = 0;
  private rejectedGeneration = -1;

  constructor(
    private readonly provider: Provider,
    private readonly lifecycle: TokenLifecycle<C>,
    private readonly options: TokenManagerOptions = {},
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
    if (this.current !== credential) return;
    this.current = undefined;
    this.rejectedGeneration = this.currentGeneration;
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
    this.pending ??= traceTokenAcquisition(this.provider, () => this.acquireFromSource()).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async acquireFromSource(): Promise<C> {
    const { coordinator } = this.options;
    if (coordinator) {
      try {
        return await this.acquireShared(coordinator);
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        this.options.logger?.warn(
          { provider: this.provider, err: error },
          'shared token store unavailable: renewing the credential in this process only',
        );
      }
    }
    const { credential, kind } = await this.lifecycle.acquire(this.latest);
    return this.adopt({ credential, generation: this.currentGeneration + 1 }, kind);
  }

  /**
   * Across replicas: use the shared credential when it is still good; otherwise one replica renews it
   * under the lock while the others wait for the new generation.
   */
  private async acquireShared(coordinator: TokenCoordinator): Promise<C> {
    const leaseMs = this.options.lockLeaseMs ?? 30_000;
    const deadline = Date.now() + leaseMs * 2;
    for (;;) {
      const shared = await coordinator.load<C>(this.provider);
      if (shared && this.usable(shared)) return this.adopt(shared);
      const lock = await coordinator.tryLock(this.provider, leaseMs);
      if (lock) {
        try {
          const latest = await coordinator.load<C>(this.provider);
          if (latest && this.usable(latest)) return this.adopt(latest);
          const { credential, kind } = await this.lifecycle.acquire(latest?.credential ?? this.latest);
          this.metrics.countTokenAcquisition(this.provider, kind);
          const generation = Math.max(latest?.generation ?? 0, this.currentGeneration) + 1;
          return this.adopt(await coordinator.save(this.provider, { credential, generation }));
        } finally {
          await lock.release();
        }
      }
      if (Date.now() > deadline) {
        throw new ProviderError(
          this.provider,
          'PROVIDER_UNAVAILABLE',
          'no replica could renew the credential in time',
        );
      }
      await sleep(25 + Math.random() * 25);
    }
  }

  private usable(stored: StoredCredential<C>): boolean {
    return (
      stored.generation !== this.rejectedGeneration && this.now() < stored.credential.expiresAt - this.skewMs
    );
  }

  private adopt(stored: StoredCredential<C>, acquiredKind?: string): C {
    if (acquiredKind) this.metrics.countTokenAcquisition(this.provider, acquiredKind);
    this.current = stored.credential;
    this.latest = stored.credential;
    this.currentGeneration = stored.generation;
    return stored.credential;
  }
}
