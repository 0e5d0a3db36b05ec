import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app.config.js';
import { ConfigError } from '../config/config-error.js';
import { DataCipher } from '../crypto/data-cipher.js';
import { InProcessInFlightLocks } from './in-process-in-flight-locks.js';
import type { InFlightLocks } from '../domain/ports/in-flight-locks.js';
import type { TokenCoordinator } from '../domain/ports/token-coordinator.js';
import { InProcessPubSub } from './in-process-pubsub.js';
import type { PubSub } from '../domain/ports/pubsub.js';
import { InMemoryRateLimiter } from './in-memory-rate-limiter.js';
import type { RateLimiter } from '../domain/ports/rate-limiter.js';
import { loadRedisState } from './load-redis-state.js';

/**
 * State that replicas share through Redis when REDIS_URL is set, and that lives in the process
 * otherwise: provider credentials and their renewal locks, in-flight idempotency keys, rate-limit
 * counters and subscription events. Each piece falls back to per-process state while Redis is down.
 */
export interface SharedState {
  tokenCoordinator: TokenCoordinator | undefined;
  inFlightLocks: InFlightLocks;
  rateLimiter: RateLimiter;
  pubsub: PubSub;
  /** 'in-process' without Redis; 'shared' or 'degraded' (Redis configured but unreachable) with it. */
  state(): 'in-process' | 'shared' | 'degraded';
  close(): Promise<void>;
}

export async function createSharedState(config: AppConfig, logger: Logger): Promise<SharedState> {
  if (!config.redisUrl) {
    return {
      tokenCoordinator: undefined,
      inFlightLocks: new InProcessInFlightLocks(),
      rateLimiter: new InMemoryRateLimiter(),
      pubsub: new InProcessPubSub(),
      state: () => 'in-process',
      close: () => Promise.resolve(),
    };
  }
  const key = config.sessions?.dataEncryptionKey;
  if (!key) throw new ConfigError('DATA_ENCRYPTION_KEY is required when REDIS_URL is set');
  const {
    connectRedis,
    isRedisReady,
    waitForRedis,
    RedisInFlightLocks,
    RedisPubSub,
    RedisRateLimiter,
    RedisTokenCoordinator,
  } = await loadRedisState();
  const redis = connectRedis(config.redisUrl, logger);
  const subscriber = connectRedis(config.redisUrl, logger);
  if (!(await waitForRedis(redis, 5_000)))
    logger.warn('Redis unreachable at start: serving on per-process state');
  return {
    tokenCoordinator: new RedisTokenCoordinator(redis, new DataCipher(key)),
    inFlightLocks: new RedisInFlightLocks(redis, new InProcessInFlightLocks()),
    rateLimiter: new RedisRateLimiter(redis),
    pubsub: await RedisPubSub.start(redis, subscriber, logger),
    state: () => (isRedisReady(redis) ? 'shared' : 'degraded'),
    close: async () => {
      await Promise.all([quit(redis), quit(subscriber)]);
    },
  };
}

function quit(redis: Redis): Promise<unknown> {
  return redis.quit().catch(() => redis.disconnect());
}
