import type { Redis } from 'ioredis';
import { isRedisReady } from './redis-connection.js';
import { InMemoryRateLimiter } from './in-memory-rate-limiter.js';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../domain/ports/rate-limiter.js';

/** Counts a hit and starts the window on the first one, atomically; answers the count and the window's rest. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/**
 * Fixed-window counters in Redis, shared by every replica, so that N replicas do not multiply an
 * allowance. While Redis is unreachable the counters of this process take over: limits stay in force,
 * per replica, instead of failing open or blocking every request.
 */
export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'paygraph:rate:',
    private readonly fallback: RateLimiter = new InMemoryRateLimiter(),
  ) {}

  async hit(key: string, rule: RateLimitRule): Promise<RateLimitDecision> {
    if (!isRedisReady(this.redis)) return this.fallback.hit(key, rule);
    try {
      const [count, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, String(rule.windowMs))) as [
        number,
        number,
      ];
      const allowed = count <= rule.limit;
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(ttl / 1000)) };
    } catch {
      return this.fallback.hit(key, rule);
    }
  }

  async reset(key: string): Promise<void> {
    await this.fallback.reset(key);
    if (!isRedisReady(this.redis)) return;
    await this.redis.del(this.prefix + key).catch(() => undefined);
  }
}
