export interface InFlightLock {
  release(): Promise<void>;
}

/**
 * Marks an idempotency key as in flight so that duplicates wait for the first request's outcome instead
 * of answering PENDING. Correctness never rests on these locks: the ledger's unique (principal, key)
 * constraint decides who calls the provider; the locks only let duplicates answer with the settled result.
 */
export interface InFlightLocks {
  /** Takes the lock for `leaseMs`, or answers undefined when another request holds it. */
  acquire(key: string, leaseMs: number): Promise<InFlightLock | undefined>;
  /** True once `key` is free (released, or its lease ended); false when `timeoutMs` passed first. */
  waitUntilReleased(key: string, timeoutMs: number): Promise<boolean>;
}
