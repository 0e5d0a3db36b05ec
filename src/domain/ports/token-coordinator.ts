import type { Provider } from '../provider.js';

/** A provider credential as shared between replicas, with the generation that orders renewals. */
export interface StoredCredential<C> {
  credential: C;
  generation: number;
}

export interface TokenLock {
  /** Releases the lock if this holder still owns it (compare-and-delete). */
  release(): Promise<void>;
}

/**
 * Shares one credential per provider between gateway replicas (Redis when scaled out), so that N replicas
 * renew a token once, not N times. Without one, each process renews on its own (single flight per process).
 */
export interface TokenCoordinator {
  load<C>(provider: Provider): Promise<StoredCredential<C> | undefined>;
  /** Takes the provider's renewal lock for `leaseMs`, or answers undefined when another holder has it. */
  tryLock(provider: Provider, leaseMs: number): Promise<TokenLock | undefined>;
  /**
   * Stores `stored` unless an equal or newer generation is already there (a late lock holder never
   * overwrites a newer credential). Returns what is stored afterwards.
   */
  save<C>(provider: Provider, stored: StoredCredential<C>): Promise<StoredCredential<C>>;
}
