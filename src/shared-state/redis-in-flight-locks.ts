import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { InFlightLock, InFlightLocks } from '../domain/ports/in-flight-locks.js';
import { isRedisReady } from './redis-connection.js';
import { DELETE_IF_OWNER } from './redis-scripts.js';

/**
 * In-flight idempotency keys visible to every replica (SET NX PX with an owner, compare-and-delete
 * release). While Redis is down the process's own locks stand in; the ledger's unique constraint still
 * decides who calls the provider.
 */
export class RedisInFlightLocks implements InFlightLocks {
  constructor(
    private readonly redis: Redis,
    private readonly fallback: InFlightLocks,
    private readonly prefix = 'paygraph',
  ) {}

  async acquire(key: string, leaseMs: number): Promise<InFlightLock | undefined> {
    if (!isRedisReady(this.redis)) return this.fallback.acquire(key, leaseMs);
    const redisKey = this.key(key);
    const owner = randomUUID();
    try {
      const taken = await this.redis.set(redisKey, owner, 'PX', leaseMs, 'NX');
      if (taken !== 'OK') return undefined;
    } catch {
      return this.fallback.acquire(key, leaseMs);
    }
    return {
      release: async () => {
        await this.redis.eval(DELETE_IF_OWNER, 1, redisKey, owner).catch(() => undefined);
      },
    };
  }

  async waitUntilReleased(key: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!isRedisReady(this.redis))
        return this.fallback.waitUntilReleased(key, Math.max(deadline - Date.now(), 0));
      const held = await this.redis.exists(this.key(key)).catch(() => 0);
      if (held === 0) return true;
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(25, Math.max(deadline - Date.now(), 0)));
    }
  }

  private key(key: string): string {
    return `${this.prefix}:in-flight:${Buffer.from(key).toString('base64url')}`;
  }
}
