import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { AccountAttemptGuard, TooManyAttemptsError } from '../../../src/sessions/account-attempts.js';
import { RedisRateLimiter } from '../../../src/shared-state/redis-rate-limiter.js';
import { connectRedis, waitForRedis } from '../../../src/shared-state/redis-connection.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';

const silent = pino({ level: 'silent' });
const describeRedis = redisServerAvailable ? describe : describe.skip;
const rule = { limit: 3, windowMs: 60_000 };

describeRedis('attempt limits shared through Redis', () => {
  let server: RedisServer;
  const clients: Redis[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    clients.forEach((client) => client.disconnect());
    await server.stop();
  });

  async function replica(prefix: string): Promise<RedisRateLimiter> {
    const redis = connectRedis(server.url, silent);
    clients.push(redis);
    await waitForRedis(redis, 5_000);
    return new RedisRateLimiter(redis, prefix);
  }

  it('counts hits on one key across replicas, with the rest of the window as retry-after', async () => {
    const [a, b, c] = await Promise.all([replica('shared:'), replica('shared:'), replica('shared:')]);
    expect((await a!.hit('login:p', rule)).allowed).toBe(true);
    expect((await b!.hit('login:p', rule)).allowed).toBe(true);
    expect((await c!.hit('login:p', rule)).allowed).toBe(true);
    const refused = await a!.hit('login:p', rule);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    await b!.reset('login:p');
    expect((await c!.hit('login:p', rule)).allowed).toBe(true);
  });

  it('holds a brute-force limit through the account guard when attempts are spread over replicas', async () => {
    const guards = await Promise.all(
      [1, 2].map(async () => new AccountAttemptGuard(await replica('guard:'))),
    );
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        guards[index % 2]!.attempt('login', '249912345678', `10.0.0.${index}`).then(
          () => 'allowed',
          (error: unknown) => (error instanceof TooManyAttemptsError ? 'limited' : 'error'),
        ),
      ),
    );
    expect(attempts.filter((outcome) => outcome === 'allowed')).toHaveLength(5);
    expect(attempts.filter((outcome) => outcome === 'limited')).toHaveLength(3);
  });

  it('falls back to per-process counting while Redis is down, and shares again once it is back', async () => {
    const limiter = await replica('outage:');
    await server.stop();
    for (let hit = 0; hit < 3; hit += 1) expect((await limiter.hit('otp:p', rule)).allowed).toBe(true);
    expect((await limiter.hit('otp:p', rule)).allowed).toBe(false);
    await server.start();
    await waitForRedis(clients.at(-1)!, 10_000);
    expect((await limiter.hit('otp:q', rule)).allowed).toBe(true);
    const other = await replica('outage:');
    expect((await other.hit('otp:q', { limit: 1, windowMs: 60_000 })).allowed).toBe(false);
  });
});
