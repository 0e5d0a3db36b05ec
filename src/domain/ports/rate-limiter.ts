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
 * Counts hits per key in fixed windows. Implemented in shared-state/: in this process, or in Redis
 * (INCR + PEXPIRE) so that replicas share the counters.
 */
export interface RateLimiter {
  /** Counts one hit on `key` and says whether it was within the rule. */
  hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision>;
  /** Forgets the hits of `key` (e.g. a phone's failed logins once one succeeds). */
  reset(key: string): Promise<void>;
}
