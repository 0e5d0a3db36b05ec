import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { DataCipher } from '../../../src/crypto/data-cipher.js';
import { Provider } from '../../../src/domain/provider.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';
import {
  TokenManager,
  type Credential,
  type TokenLifecycle,
} from '../../../src/providers/shared/token-manager.js';
import { connectRedis, waitForRedis } from '../../../src/shared-state/redis-connection.js';
import { RedisTokenCoordinator } from '../../../src/shared-state/redis-token-coordinator.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';

interface TestCredential extends Credential {
  token: string;
  refreshToken: string;
}

/** A provider auth lifecycle that counts renewals, like a simulator's request log would. */
class CountingLifecycle implements TokenLifecycle<TestCredential> {
  readonly calls: (TestCredential | undefined)[] = [];
  constructor(public lifetimeMs = 60_000) {}

  async acquire(previous: TestCredential | undefined) {
    this.calls.push(previous);
    await sleep(30);
    const n = this.calls.length;
    const credential = {
      token: `token-${n}`,
      refreshToken: `refresh-${n}`,
      expiresAt: Date.now() + this.lifetimeMs,
    };
    return { credential, kind: previous ? 'refresh' : 'login' };
  }
}

const silent = pino({ level: 'silent' });
const describeRedis = redisServerAvailable ? describe : describe.skip;

describeRedis('provider credentials shared through Redis', () => {
  let server: RedisServer;
  const clients: Redis[] = [];
  const cipher = new DataCipher(randomBytes(32));

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    clients.forEach((client) => client.disconnect());
    await server.stop();
  });

  async function replica(lifecycle: TokenLifecycle<TestCredential>, prefix: string, skewMs = 30_000) {
    const redis = connectRedis(server.url, silent);
    clients.push(redis);
    await waitForRedis(redis, 5_000);
    const coordinator = new RedisTokenCoordinator(redis, cipher, prefix);
    return new TokenManager(Provider.NUPEYE, lifecycle, {
      coordinator,
      lockLeaseMs: 5_000,
      logger: silent,
      skewMs,
    });
  }

  it('renews once for 300 concurrent callers spread over three replicas', async () => {
    const lifecycle = new CountingLifecycle();
    const replicas = await Promise.all([1, 2, 3].map(() => replica(lifecycle, 'storm')));
    const tokens = await Promise.all(Array.from({ length: 300 }, (_, i) => replicas[i % 3]!.get()));
    expect(lifecycle.calls).toHaveLength(1);
    expect(new Set(tokens.map((credential) => credential.token))).toEqual(new Set(['token-1']));
  });

  it('refreshes once, with the shared refresh token, when every replica sees the token rejected', async () => {
    const lifecycle = new CountingLifecycle();
    const replicas = await Promise.all([1, 2, 3].map(() => replica(lifecycle, 'rejected')));
    await Promise.all(replicas.map((manager) => manager.get()));
    const seen: string[] = [];
    await Promise.all(
      Array.from({ length: 90 }, (_, i) =>
        replicas[i % 3]!.withCredential(async (credential) => {
          seen.push(credential.token);
          if (credential.token === 'token-1') {
            throw new ProviderError(Provider.NUPEYE, 'PROVIDER_TOKEN_REJECTED', 'expired');
          }
          return credential.token;
        }),
      ),
    );
    expect(lifecycle.calls).toHaveLength(2);
    expect(lifecycle.calls[1]?.refreshToken).toBe('refresh-1');
    expect(seen.filter((token) => token === 'token-2')).toHaveLength(90);
  });

  it('never lets a late lock holder overwrite a newer credential', async () => {
    const redis = connectRedis(server.url, silent);
    clients.push(redis);
    await waitForRedis(redis, 5_000);
    const coordinator = new RedisTokenCoordinator(redis, cipher, 'generations');
    const newer = { token: 'newer', refreshToken: 'r2', expiresAt: Date.now() + 60_000 };
    const older = { token: 'older', refreshToken: 'r1', expiresAt: Date.now() + 60_000 };
    await coordinator.save(Provider.NCHL, { credential: newer, generation: 2 });
    const kept = await coordinator.save(Provider.NCHL, { credential: older, generation: 2 });
    expect(kept.credential).toEqual(newer);
    expect((await coordinator.load<TestCredential>(Provider.NCHL))?.credential.token).toBe('newer');
  });

  it('stores credentials encrypted', async () => {
    const redis = connectRedis(server.url, silent);
    clients.push(redis);
    await waitForRedis(redis, 5_000);
    const coordinator = new RedisTokenCoordinator(redis, cipher, 'sealed');
    await coordinator.save(Provider.NUMEROPAY, {
      credential: { token: 'very-secret-token', expiresAt: Date.now() + 60_000 },
      generation: 1,
    });
    const raw = await redis.hget('sealed:token:NUMEROPAY', 'credential');
    expect(raw).not.toContain('very-secret-token');
  });

  it('falls back to renewing per process while Redis is down, and shares again when it returns', async () => {
    const lifecycle = new CountingLifecycle(50);
    const manager = await replica(lifecycle, 'outage', 10);
    await manager.get();
    expect(lifecycle.calls).toHaveLength(1);
    await server.stop();
    await sleep(100);
    const during = await manager.get(); // the 50 ms credential has expired: renewed in-process
    expect(during.token).toBe('token-2');
    await server.start();
    await waitForRedis(clients.at(-1)!, 10_000); // the first replica has reconnected
    lifecycle.lifetimeMs = 60_000;
    await sleep(100); // token-2 expires too
    const other = await replica(lifecycle, 'outage', 10);
    await sleep(100);
    const after = await Promise.all([manager.get(), other.get()]);
    expect(after[0].token).toBe(after[1].token);
    expect(lifecycle.calls).toHaveLength(3);
  }, 20_000);
});
