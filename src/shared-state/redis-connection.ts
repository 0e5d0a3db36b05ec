import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis client of one gateway. Commands fail at once while Redis is down (no offline queue), so
 * callers fall back to per-process state instead of hanging; the client keeps reconnecting and
 * shared state resumes when Redis returns.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let degraded = false;
  redis.on('ready', () => {
    if (degraded) logger.info('Redis is back: shared state resumed');
    degraded = false;
  });
  redis.on('error', (error: Error) => {
    if (!degraded)
      logger.warn({ err: { message: error.message } }, 'Redis unavailable: running on per-process state');
    degraded = true;
  });
  return redis;
}

/** Whether shared state is in use now (false while degraded to per-process state). */
export function isRedisReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/** Waits until the client is connected, for start-up. Resolves false after `timeoutMs`. */
export async function waitForRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (isRedisReady(redis)) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
