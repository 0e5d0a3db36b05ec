import { setTimeout as sleep } from 'node:timers/promises';

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

/** Locks within one process. */
export class InProcessInFlightLocks implements InFlightLocks {
  private readonly held = new Map<string, Promise<void>>();

  acquire(key: string, leaseMs: number): Promise<InFlightLock | undefined> {
    if (this.held.has(key)) return Promise.resolve(undefined);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const timer = setTimeout(() => this.drop(key, released, release), leaseMs);
    timer.unref();
    this.held.set(key, released);
    return Promise.resolve({
      release: () => {
        clearTimeout(timer);
        this.drop(key, released, release);
        return Promise.resolve();
      },
    });
  }

  async waitUntilReleased(key: string, timeoutMs: number): Promise<boolean> {
    const released = this.held.get(key);
    if (!released) return true;
    return Promise.race([released.then(() => true), sleep(Math.max(timeoutMs, 0), false, { ref: false })]);
  }

  private drop(key: string, released: Promise<void>, release: () => void): void {
    if (this.held.get(key) === released) this.held.delete(key);
    release();
  }
}
