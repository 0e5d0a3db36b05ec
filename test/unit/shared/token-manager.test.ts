import { describe, expect, it } from '@jest/globals';
import { Provider } from '../../../src/domain/provider.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';
import type { ProviderMetrics } from '../../../src/domain/ports/provider-metrics.js';
import {
  TokenManager,
  type Credential,
  type TokenLifecycle,
} from '../../../src/providers/shared/token-manager.js';

interface TestCredential extends Credential {
  serial: number;
}

/** A lifecycle whose acquisitions the test settles by hand, recording the `previous` each one received. */
class ControlledLifecycle implements TokenLifecycle<TestCredential> {
  readonly previous: (TestCredential | undefined)[] = [];
  private readonly waiting: {
    resolve: (value: { credential: TestCredential; kind: string }) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private serial = 0;

  constructor(
    private readonly clock: { ms: number },
    private readonly lifetimeMs = 60_000,
  ) {}

  get acquisitions(): number {
    return this.previous.length;
  }

  acquire(previous: TestCredential | undefined): Promise<{ credential: TestCredential; kind: string }> {
    this.previous.push(previous);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Settles the oldest waiting acquisition with a new credential. */
  grant(kind = 'login'): TestCredential {
    const credential = { serial: (this.serial += 1), expiresAt: this.clock.ms + this.lifetimeMs };
    this.next().resolve({ credential, kind });
    return credential;
  }

  fail(error: unknown): void {
    this.next().reject(error);
  }

  private next() {
    const waiting = this.waiting.shift();
    if (!waiting) throw new Error('no acquisition is waiting');
    return waiting;
  }
}

/** A lifecycle that answers at once. */
class ImmediateLifecycle implements TokenLifecycle<TestCredential> {
  readonly previous: (TestCredential | undefined)[] = [];

  constructor(private readonly clock: { ms: number }) {}

  get acquisitions(): number {
    return this.previous.length;
  }

  acquire(previous: TestCredential | undefined) {
    this.previous.push(previous);
    const credential = { serial: this.previous.length, expiresAt: this.clock.ms + 60_000 };
    return Promise.resolve({ credential, kind: previous ? 'refresh' : 'login' });
  }
}

function countingMetrics(): ProviderMetrics & { kinds: string[] } {
  const kinds: string[] = [];
  return {
    kinds,
    observeProviderCall: () => undefined,
    countTokenAcquisition: (_provider, kind) => void kinds.push(kind),
  };
}

const rejected = () =>
  new ProviderError(Provider.NUPEYE, 'PROVIDER_TOKEN_REJECTED', 'token refused', { status: 401 });

/** Lets queued promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TokenManager', () => {
  it('shares one acquisition among concurrent callers', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ControlledLifecycle(clock);
    const metrics = countingMetrics();
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms, metrics });

    const callers = Array.from({ length: 25 }, () => manager.get());
    await settle();
    expect(lifecycle.acquisitions).toBe(1);
    const credential = lifecycle.grant();
    const received = await Promise.all(callers);
    expect(received.every((value) => value === credential)).toBe(true);
    expect(metrics.kinds).toEqual(['login']);

    expect(await manager.get()).toBe(credential);
    expect(lifecycle.acquisitions).toBe(1);
  });

  it('renews once the credential is within the skew of its expiry, not before', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ImmediateLifecycle(clock);
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms, skewMs: 10_000 });

    const first = await manager.get();
    clock.ms = first.expiresAt - 10_001;
    expect(await manager.get()).toBe(first);
    expect(lifecycle.acquisitions).toBe(1);

    clock.ms = first.expiresAt - 10_000;
    const second = await manager.get();
    expect(second).not.toBe(first);
    expect(lifecycle.acquisitions).toBe(2);
    expect(lifecycle.previous[1]).toBe(first);
  });

  it('gives acquire the previous credential, even after it was invalidated, and none after clear()', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ImmediateLifecycle(clock);
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms });

    const first = await manager.get();
    manager.invalidate(first);
    const second = await manager.get();
    manager.clear();
    await manager.get();
    expect(lifecycle.previous).toEqual([undefined, first, undefined]);
    expect(second.serial).toBe(2);
  });

  it('keeps a newer credential when a stale one is invalidated', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ImmediateLifecycle(clock);
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms });

    const stale = await manager.get();
    manager.invalidate(stale);
    const fresh = await manager.get();
    manager.invalidate(stale);
    expect(await manager.get()).toBe(fresh);
    expect(lifecycle.acquisitions).toBe(2);
  });

  it('shares an acquisition failure among the concurrent callers, and the next call tries again', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ControlledLifecycle(clock);
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms });

    const callers = Array.from({ length: 5 }, () => manager.get());
    await settle();
    const failure = new ProviderError(Provider.NUPEYE, 'PROVIDER_AUTH_FAILED', 'login refused');
    lifecycle.fail(failure);
    const outcomes = await Promise.allSettled(callers);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(5).fill('rejected'));
    for (const outcome of outcomes) expect((outcome as PromiseRejectedResult).reason).toBe(failure);
    expect(lifecycle.acquisitions).toBe(1);

    const retry = manager.get();
    await settle();
    expect(lifecycle.acquisitions).toBe(2);
    const credential = lifecycle.grant();
    expect(await retry).toBe(credential);
  });

  describe('withCredential', () => {
    it('replays a call the provider refused for its token exactly once, with a fresh credential', async () => {
      const clock = { ms: 1_000_000 };
      const lifecycle = new ImmediateLifecycle(clock);
      const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms });
      const used: number[] = [];

      const result = await manager.withCredential((credential) => {
        used.push(credential.serial);
        return used.length === 1 ? Promise.reject(rejected()) : Promise.resolve('answered');
      });
      expect(result).toBe('answered');
      expect(used).toEqual([1, 2]);
      expect(lifecycle.previous[1]?.serial).toBe(1);
    });

    it('turns a second refusal into PROVIDER_AUTH_FAILED without a third attempt', async () => {
      const clock = { ms: 1_000_000 };
      const lifecycle = new ImmediateLifecycle(clock);
      const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms });
      let calls = 0;

      const outcome = manager.withCredential(() => {
        calls += 1;
        return Promise.reject(rejected());
      });
      await expect(outcome).rejects.toMatchObject({
        name: 'ProviderError',
        code: 'PROVIDER_AUTH_FAILED',
        provider: Provider.NUPEYE,
        status: 401,
        outcomeUnknown: false,
      });
      expect(calls).toBe(2);
      expect(lifecycle.acquisitions).toBe(2);

      // The refused fresh credential is not served again.
      await manager.get();
      expect(lifecycle.acquisitions).toBe(3);
    });

    it('does not replay any other failure', async () => {
      const clock = { ms: 1_000_000 };
      const lifecycle = new ImmediateLifecycle(clock);
      const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms });
      let calls = 0;
      const failure = new ProviderError(Provider.NUPEYE, 'PROVIDER_UNAVAILABLE', 'down', {
        outcomeUnknown: true,
      });

      await expect(
        manager.withCredential(() => {
          calls += 1;
          return Promise.reject(failure);
        }),
      ).rejects.toBe(failure);
      expect(calls).toBe(1);
      expect(lifecycle.acquisitions).toBe(1);
    });

    it('renews once for concurrent calls refused with the same credential', async () => {
      const clock = { ms: 1_000_000 };
      const lifecycle = new ControlledLifecycle(clock);
      const metrics = countingMetrics();
      const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms, metrics });

      const first = manager.get();
      await settle();
      const stale = lifecycle.grant('login');
      await first;
      const calls = Array.from({ length: 5 }, () =>
        manager.withCredential((credential) =>
          credential === stale ? Promise.reject(rejected()) : Promise.resolve(credential.serial),
        ),
      );
      await settle();
      expect(lifecycle.acquisitions).toBe(2);
      lifecycle.grant('refresh');
      expect(await Promise.all(calls)).toEqual([2, 2, 2, 2, 2]);
      expect(lifecycle.acquisitions).toBe(2);
      expect(metrics.kinds).toEqual(['login', 'refresh']);
    });
  });
});
