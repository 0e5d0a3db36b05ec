import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../domain/ports/rate-limiter.js';

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
