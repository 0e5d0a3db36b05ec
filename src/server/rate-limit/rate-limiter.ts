/** How many hits a key may take per window. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the key may try again; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Counts hits per key in fixed windows. In-process now; a Redis implementation (INCR + PEXPIRE) shares
 * the counters between replicas behind the same interface.
 */
export interface RateLimiter {
  /** Counts one hit on `key` and says whether it was within the rule. */
  hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision>;
  /** Forgets the hits of `key` (e.g. a phone's failed logins once one succeeds). */
  reset(key: string): Promise<void>;
}

/** Counters in this process's memory; expired windows are swept as new keys arrive. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + rule.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    const allowed = window.count <= rule.limit;
    return Promise.resolve({
      allowed,
      retryAfterSeconds: allowed ? 0 : Math.ceil((window.resetAt - now) / 1000),
    });
  }

  reset(key: string): Promise<void> {
    this.windows.delete(key);
    return Promise.resolve();
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 60_000;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
