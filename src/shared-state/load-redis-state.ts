type RedisState = (typeof import('./redis-state.js'))['redisState'];

let loading: Promise<RedisState> | undefined;

/**
 * The Redis-backed shared state (ioredis and what uses it), loaded when REDIS_URL is set and not before.
 * One import for every caller: jest's ESM loader fails on concurrent imports that share modules.
 */
export function loadRedisState(): Promise<RedisState> {
  loading ??= import('./redis-state.js').then((modules) => modules.redisState);
  return loading;
}
