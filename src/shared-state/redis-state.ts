/**
 * Everything that needs ioredis, in one module loaded only when REDIS_URL is set (`load-redis-state.ts`):
 * a gateway without Redis does not load or evaluate the client at start-up.
 */
import { connectRedis, isRedisReady, waitForRedis } from './redis-connection.js';
import { RedisInFlightLocks } from './redis-in-flight-locks.js';
import { RedisPubSub } from './redis-pubsub.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';
import { RedisSessionRevocations } from './redis-session-revocations.js';
import { RedisTokenCoordinator } from './redis-token-coordinator.js';

export const redisState = {
  connectRedis,
  isRedisReady,
  waitForRedis,
  RedisInFlightLocks,
  RedisPubSub,
  RedisRateLimiter,
  RedisSessionRevocations,
  RedisTokenCoordinator,
};
