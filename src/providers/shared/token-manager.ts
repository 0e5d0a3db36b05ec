import type { Logger } from 'pino';
import type { Provider } from '../../domain/provider.js';
import { NotSentError, ProviderError, isProviderError } from './provider-error.js';
import { noProviderMetrics, type ProviderMetrics } from '../../domain/ports/provider-metrics.js';
import type { ProviderDeps } from './provider-deps.js';
import type { StoredCredential, TokenCoordinator, TokenLock } from '../../domain/ports/token-coordinator.js';
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
   * Whatever it throws, the token manager reports as not sent: no money call has left yet.
   */
  acquire(previous: C | undefined): Promise<{ credential: C; kind: string }>;
}

export interface TokenManagerOptions {
  /**
   * Renew this long before expiry. Inside this window the held credential is still served and the
   * renewal runs in the background; a failed renewal leaves callers with the held credential.
   */
  skewMs?: number;
  metrics?: ProviderMetrics;
  /** The clock credential expiries are read against. */
  now?: () => number;
  /** Shares the credential between replicas; absent → this process renews on its own. */
  coordinator?: TokenCoordinator;
  /** How long a replica may hold the renewal lock: longer than the provider's timeout. */
  lockLeaseMs?: number;
  /** Longest a caller waits for another replica's renewal (the provider's timeout). */
  sharedWaitMs?: number;
  /** After a renewal ahead of expiry failed, the next one is not tried for this long. */
  retryAheadMs?: number;
  /** Told when a renewal ahead of expiry fails, and when the shared store fails. */
  logger?: Logger;
}

/**
 * The options that let a provider's token manager share its credential between replicas: the
 * coordinator from the provider's deps, a lock lease longer than one provider call may take, and
 * waits for another replica's renewal no longer than one provider call.
 */
export function tokenSharing(
  deps: ProviderDeps,
  providerTimeoutMs: number,
): Pick<TokenManagerOptions, 'coordinator' | 'lockLeaseMs' | 'sharedWaitMs' | 'logger'> {
  return {
    coordinator: deps.tokenCoordinator,
    lockLeaseMs: providerTimeoutMs + 5_000,
    sharedWaitMs: providerTimeoutMs,
    logger: deps.logger,
  };
}

/** A store call that failed; only these make the manager renew without the store. */
class SharedStoreFailure extends Error {
  constructor(cause: unknown) {
    super('shared token store failed', { cause });
  }
}

/**
 * Caches one credential per provider and owns its lifecycle rules:
 * - concurrent callers share a single renewal (single flight);
 * - inside the skew window the held credential is served while the renewal runs in the background,
 *   and a failed renewal does not fail callers while the held credential is still valid;
 * - across replicas one renews under the shared lock while the others wait, at most `sharedWaitMs`;
 * - a credential the provider issued is kept even when the shared store fails afterwards, so this
 *   process never acquires twice for one renewal;
 * - every failure to obtain a credential is a NotSentError: the call that needed it never left;
 * - a call the provider refuses for its token is replayed once with a fresh credential, never more.
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
  /** No renewal ahead of expiry before this instant (set when one failed). */
  private aheadNotBefore = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly provider: Provider,
    private readonly lifecycle: TokenLifecycle<C>,
    private readonly options: TokenManagerOptions = {},
  ) {
    this.skewMs = options.skewMs ?? 30_000;
    this.metrics = options.metrics ?? noProviderMetrics;
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * A credential that has not expired. Inside the skew window the held one is returned at once and
   * renewed in the background; with none valid, callers wait for the (shared) renewal.
   */
  async get(): Promise<C> {
    const held = this.current;
    if (held && this.now() < held.expiresAt) {
      if (this.now() >= held.expiresAt - this.skewMs) this.renewAhead();
      return held;
    }
    return this.renew();
  }

  /** Resolves once the renewal under way, if any, has ended (whether it succeeded or not). */
  async settled(): Promise<void> {
    await this.pending?.catch(() => undefined);
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

  private renewAhead(): void {
    if (this.pending || this.now() < this.aheadNotBefore) return;
    this.renew().catch((error: unknown) => {
      this.aheadNotBefore = this.now() + (this.options.retryAheadMs ?? 1_000);
      this.options.logger?.warn(
        { provider: this.provider, code: (error as ProviderError).code },
        `${this.provider} credential renewal ahead of expiry failed: the held credential is served until it expires`,
      );
    });
  }

  /** The single flight: one renewal at a time, its failure always a NotSentError. */
  private renew(): Promise<C> {
    this.pending ??= traceTokenAcquisition(this.provider, () => this.renewFromSource())
      .catch((error: unknown) => {
        throw notSent(this.provider, error);
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private async renewFromSource(): Promise<C> {
    const { coordinator } = this.options;
    if (coordinator) {
      try {
        return await this.renewShared(coordinator);
      } catch (error) {
        if (!(error instanceof SharedStoreFailure)) throw error;
        this.options.logger?.warn(
          { provider: this.provider, err: error.cause },
          'shared token store unavailable: renewing the credential in this process only',
        );
      }
    }
    return this.acquire(this.latest, this.currentGeneration + 1);
  }

  /**
   * Across replicas: use the shared credential when it is still good; otherwise one replica renews it
   * under the lock while the others wait for the new generation, no longer than `sharedWaitMs`.
   */
  private async renewShared(coordinator: TokenCoordinator): Promise<C> {
    const leaseMs = this.options.lockLeaseMs ?? 30_000;
    const waitMs = this.options.sharedWaitMs ?? leaseMs;
    const budget = timeBudget(waitMs);
    try {
      for (;;) {
        const shared = await fromStore(() => coordinator.load<C>(this.provider));
        if (shared && this.fresh(shared)) return this.adopt(shared);
        const lock = await fromStore(() => coordinator.tryLock(this.provider, leaseMs));
        if (lock) return await this.renewHolding(coordinator, lock);
        // Another replica is renewing: a still-valid shared credential serves callers meanwhile.
        if (!this.holdsValid() && shared && this.valid(shared)) return this.adopt(shared);
        if (budget.spent) {
          throw new NotSentError(
            this.provider,
            'PROVIDER_TIMEOUT',
            `no replica renewed the ${this.provider} credential within ${waitMs} ms`,
          );
        }
        await pause(25 + Math.random() * 25);
      }
    } finally {
      budget.cancel();
    }
  }

  /** Holding the lock: renew, then share. Once the provider issued a credential, it is kept. */
  private async renewHolding(coordinator: TokenCoordinator, lock: TokenLock): Promise<C> {
    try {
      const latest = await fromStore(() => coordinator.load<C>(this.provider));
      if (latest && this.fresh(latest)) return this.adopt(latest);
      const generation = Math.max(latest?.generation ?? 0, this.currentGeneration) + 1;
      const credential = await this.acquire(latest?.credential ?? this.latest, generation);
      try {
        // A newer generation another replica stored meanwhile wins over ours.
        return this.adopt(await coordinator.save(this.provider, { credential, generation }));
      } catch (error) {
        this.options.logger?.warn(
          { provider: this.provider, err: error },
          'shared token store failed after renewal: the credential is kept in this process only',
        );
        return credential;
      }
    } finally {
      await lock.release().catch((error: unknown) => {
        this.options.logger?.warn({ provider: this.provider, err: error }, 'token lock release failed');
      });
    }
  }

  private async acquire(previous: C | undefined, generation: number): Promise<C> {
    const { credential, kind } = await this.lifecycle.acquire(previous);
    this.metrics.countTokenAcquisition(this.provider, kind);
    return this.adopt({ credential, generation });
  }

  private holdsValid(): boolean {
    return this.current !== undefined && this.now() < this.current.expiresAt;
  }

  /** Not refused and valid beyond the skew window: no renewal needed. */
  private fresh(stored: StoredCredential<C>): boolean {
    return this.valid(stored) && this.now() < stored.credential.expiresAt - this.skewMs;
  }

  private valid(stored: StoredCredential<C>): boolean {
    return stored.generation !== this.rejectedGeneration && this.now() < stored.credential.expiresAt;
  }

  private adopt(stored: StoredCredential<C>): C {
    this.current = stored.credential;
    this.latest = stored.credential;
    this.currentGeneration = stored.generation;
    this.aheadNotBefore = Number.NEGATIVE_INFINITY;
    return stored.credential;
  }
}

/** A failure to obtain a credential happens before the call that needed it is sent. */
function notSent(provider: Provider, error: unknown): NotSentError {
  if (error instanceof NotSentError) return error;
  if (error instanceof ProviderError) {
    return new NotSentError(error.provider, error.code, error.message, error, {
      status: error.status,
      providerCode: error.providerCode,
    });
  }
  return new NotSentError(
    provider,
    'PROVIDER_AUTH_FAILED',
    `${provider} credential could not be obtained`,
    error,
  );
}

async function fromStore<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new SharedStoreFailure(error);
  }
}

/** A wall-clock budget, separate from the credential clock (which tests may freeze). */
function timeBudget(ms: number): { readonly spent: boolean; cancel(): void } {
  let spent = false;
  const timer = setTimeout(() => {
    spent = true;
  }, ms);
  return {
    get spent() {
      return spent;
    },
    cancel: () => clearTimeout(timer),
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
