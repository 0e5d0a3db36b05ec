import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { DataCipher } from '../../../src/crypto/data-cipher.js';
import { Provider } from '../../../src/domain/provider.js';
import type { StoredCredential, TokenCoordinator } from '../../../src/domain/ports/token-coordinator.js';
import { NupeyeDataSource } from '../../../src/providers/nupeye/nupeye.data-source.js';
import { NotSentError, ProviderError } from '../../../src/providers/shared/provider-error.js';
import {
  TokenManager,
  type Credential,
  type TokenLifecycle,
} from '../../../src/providers/shared/token-manager.js';
import { NUPEYE_SANDBOX_CUSTOMER, startNupeyeSandbox } from '../../../src/sandbox/nupeye/index.js';
import { connectRedis, waitForRedis } from '../../../src/shared-state/redis-connection.js';
import { RedisTokenCoordinator } from '../../../src/shared-state/redis-token-coordinator.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { waitUntil } from '../../helpers/wait-until.js';

interface TestCredential extends Credential {
  token: string;
  refreshToken: string;
}

/** A clock the test moves by hand: credentials expire when the test says so. */
class ManualClock {
  ms = Date.now();
  readonly now = (): number => this.ms;
}

/** A provider auth lifecycle that counts renewals, like a simulator's request log would. */
class CountingLifecycle implements TokenLifecycle<TestCredential> {
  readonly calls: (TestCredential | undefined)[] = [];
  /** While set, acquisitions wait for it: the test decides when the provider answers. */
  gate: Promise<void> | undefined;

  constructor(
    private readonly clock: ManualClock,
    public lifetimeMs = 60_000,
  ) {}

  async acquire(previous: TestCredential | undefined) {
    this.calls.push(previous);
    await this.gate;
    const n = this.calls.length;
    const credential = {
      token: `token-${n}`,
      refreshToken: `refresh-${n}`,
      expiresAt: this.clock.ms + this.lifetimeMs,
    };
    return { credential, kind: previous ? 'refresh' : 'login' };
  }
}

/** Counts the lock attempts of every replica that uses it. */
class CountingCoordinator implements TokenCoordinator {
  lockAttempts = 0;
  constructor(private readonly inner: TokenCoordinator) {}
  load<C>(provider: Provider) {
    return this.inner.load<C>(provider);
  }
  tryLock(provider: Provider, leaseMs: number) {
    this.lockAttempts += 1;
    return this.inner.tryLock(provider, leaseMs);
  }
  save<C>(provider: Provider, stored: StoredCredential<C>) {
    return this.inner.save(provider, stored);
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

  async function connect(): Promise<Redis> {
    const redis = connectRedis(server.url, silent);
    clients.push(redis);
    await waitForRedis(redis, 5_000);
    return redis;
  }

  async function replica(
    lifecycle: TokenLifecycle<TestCredential>,
    prefix: string,
    options: { skewMs?: number; clock?: ManualClock; wrap?: (c: TokenCoordinator) => TokenCoordinator } = {},
  ) {
    const redis = await connect();
    const coordinator = new RedisTokenCoordinator(redis, cipher, prefix);
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, {
      coordinator: options.wrap ? options.wrap(coordinator) : coordinator,
      lockLeaseMs: 5_000,
      logger: silent,
      skewMs: options.skewMs ?? 30_000,
      now: options.clock?.now,
    });
    return { manager, redis };
  }

  it('renews once for 300 concurrent callers spread over three replicas', async () => {
    const clock = new ManualClock();
    const lifecycle = new CountingLifecycle(clock);
    let answer!: () => void;
    lifecycle.gate = new Promise((resolve) => (answer = resolve));
    let counting!: CountingCoordinator;
    const wrap = (inner: TokenCoordinator) => (counting ??= new CountingCoordinator(inner));
    const replicas = await Promise.all([1, 2, 3].map(() => replica(lifecycle, 'storm', { clock, wrap })));

    const tokens = Promise.all(Array.from({ length: 300 }, (_, i) => replicas[i % 3]!.manager.get()));
    // The provider answers only once the other two replicas found the lock taken and wait.
    await waitUntil(() => counting.lockAttempts >= 3, 'every replica tried the lock');
    answer();
    const received = await tokens;
    expect(lifecycle.calls).toHaveLength(1);
    expect(new Set(received.map((credential) => credential.token))).toEqual(new Set(['token-1']));
  });

  it('refreshes once, with the shared refresh token, when every replica sees the token rejected', async () => {
    const clock = new ManualClock();
    const lifecycle = new CountingLifecycle(clock);
    const replicas = await Promise.all([1, 2, 3].map(() => replica(lifecycle, 'rejected', { clock })));
    await Promise.all(replicas.map(({ manager }) => manager.get()));
    const seen: string[] = [];
    await Promise.all(
      Array.from({ length: 90 }, (_, i) =>
        replicas[i % 3]!.manager.withCredential(async (credential) => {
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
    const coordinator = new RedisTokenCoordinator(await connect(), cipher, 'generations');
    const newer = { token: 'newer', refreshToken: 'r2', expiresAt: Date.now() + 60_000 };
    const older = { token: 'older', refreshToken: 'r1', expiresAt: Date.now() + 60_000 };
    await coordinator.save(Provider.NCHL, { credential: newer, generation: 2 });
    const kept = await coordinator.save(Provider.NCHL, { credential: older, generation: 2 });
    expect(kept.credential).toEqual(newer);
    expect((await coordinator.load<TestCredential>(Provider.NCHL))?.credential.token).toBe('newer');
  });

  it('stores credentials encrypted', async () => {
    const redis = await connect();
    const coordinator = new RedisTokenCoordinator(redis, cipher, 'sealed');
    await coordinator.save(Provider.NUMEROPAY, {
      credential: { token: 'very-secret-token', expiresAt: Date.now() + 60_000 },
      generation: 1,
    });
    const raw = await redis.hget('sealed:token:NUMEROPAY', 'credential');
    expect(raw).not.toContain('very-secret-token');
  });

  it('falls back to renewing per process while Redis is down, and shares again when it returns', async () => {
    const clock = new ManualClock();
    const lifecycle = new CountingLifecycle(clock, 50);
    const first = await replica(lifecycle, 'outage', { skewMs: 10, clock });
    await first.manager.get();
    expect(lifecycle.calls).toHaveLength(1);
    await server.stop();
    await waitUntil(() => first.redis.status !== 'ready', 'the replica saw Redis go away');
    clock.ms += 100; // the 50 ms credential has expired: renewed in-process
    const during = await first.manager.get();
    expect(during.token).toBe('token-2');
    await server.start();
    await waitForRedis(first.redis, 10_000);
    lifecycle.lifetimeMs = 60_000;
    clock.ms += 100; // token-2 expires too
    const other = await replica(lifecycle, 'outage', { skewMs: 10, clock });
    const after = await Promise.all([first.manager.get(), other.manager.get()]);
    expect(after[0].token).toBe(after[1].token);
    expect(lifecycle.calls).toHaveLength(3);
  });
});

describeRedis('Nupeye logins when the shared store fails or another replica holds the lock', () => {
  let server: RedisServer;
  const clients: Redis[] = [];
  const cipher = new DataCipher(randomBytes(32));
  const recharge = (dataSource: NupeyeDataSource, mobileNumber = '9812345678') =>
    dataSource.rechargeMobile({
      mobileNumber,
      amount: '10',
      userName: NUPEYE_SANDBOX_CUSTOMER.userName,
      password: NUPEYE_SANDBOX_CUSTOMER.password,
    });

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    clients.forEach((client) => client.disconnect());
    await server.stop();
  });

  async function connect(): Promise<Redis> {
    const redis = connectRedis(server.url, silent);
    clients.push(redis);
    await waitForRedis(redis, 5_000);
    return redis;
  }

  it('logs in once, not twice, when Redis fails after Nupeye issued the token', async () => {
    const { simulator, config } = await startNupeyeSandbox({ timeoutMs: 5_000 });
    try {
      const redis = await connect();
      const shared = new RedisTokenCoordinator(redis, cipher, 'after-login');
      // Redis dies between the login and storing its token.
      const dying: TokenCoordinator = {
        load: (provider) => shared.load(provider),
        tryLock: (provider, leaseMs) => shared.tryLock(provider, leaseMs),
        save: async (provider, stored) => {
          await server.stop();
          await waitUntil(() => redis.status !== 'ready', 'the replica saw Redis go away');
          return shared.save(provider, stored);
        },
      };
      const dataSource = new NupeyeDataSource(config, {
        logger: silent,
        metrics: { observeProviderCall: () => undefined, countTokenAcquisition: () => undefined },
        tokenCoordinator: dying,
      });

      await recharge(dataSource);
      await recharge(dataSource, '9812345679');

      expect(simulator.requests.count('/auth/login')).toBe(1);
      expect(simulator.recharges).toHaveLength(2);
      const tokens = simulator.requests.filter('/recharge_account').map((r) => r.headers.authentication);
      expect(new Set(tokens).size).toBe(1);
    } finally {
      await simulator.stop();
      await server.start();
    }
  });

  it('waits for another replica no longer than the provider timeout, then fails as not sent', async () => {
    const { simulator, config } = await startNupeyeSandbox({ timeoutMs: 300 });
    try {
      const other = new RedisTokenCoordinator(await connect(), cipher, 'held');
      // Another replica took the renewal lock and never finishes.
      await other.tryLock(Provider.NUPEYE, 60_000);
      const dataSource = new NupeyeDataSource(config, {
        logger: silent,
        metrics: { observeProviderCall: () => undefined, countTokenAcquisition: () => undefined },
        tokenCoordinator: new RedisTokenCoordinator(await connect(), cipher, 'held'),
      });

      const error = await recharge(dataSource).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(NotSentError);
      expect(error).toMatchObject({ code: 'PROVIDER_TIMEOUT', outcomeUnknown: false });
      expect(simulator.requests.count('/auth/login')).toBe(0);
      expect(simulator.requests.count('/recharge_account')).toBe(0);
    } finally {
      await simulator.stop();
    }
  });
});
