import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { pino } from 'pino';
import { Provider } from '../../../src/domain/provider.js';
import { NotSentError, ProviderError } from '../../../src/providers/shared/provider-error.js';
import type { ProviderMetrics } from '../../../src/domain/ports/provider-metrics.js';
import {
  TokenManager,
  type Credential,
  type TokenLifecycle,
} from '../../../src/providers/shared/token-manager.js';
import { FakeTokenCoordinator } from '../../helpers/fake-token-coordinator.js';
import { LogCapture } from '../../helpers/log-capture.js';

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
    await manager.settled();
    expect(lifecycle.acquisitions).toBe(1);

    clock.ms = first.expiresAt - 10_000;
    expect(await manager.get()).toBe(first);
    await manager.settled();
    expect(lifecycle.acquisitions).toBe(2);
    expect(lifecycle.previous[1]).toBe(first);
    const second = await manager.get();
    expect(second).not.toBe(first);
    expect(second.serial).toBe(2);
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
    const reasons = outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason as Error);
    expect(new Set(reasons).size).toBe(1);
    expect(reasons[0]).toBeInstanceOf(NotSentError);
    expect(reasons[0]!.cause).toBe(failure);
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

function capturingLogger() {
  const capture = new LogCapture();
  return { capture, logger: pino({ level: 'debug' }, capture) };
}

describe('TokenManager inside the skew window', () => {
  it('serves the held credential at once and renews it in the background, once for every caller', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ControlledLifecycle(clock);
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms, skewMs: 10_000 });
    const first = manager.get();
    await settle();
    const held = lifecycle.grant();
    await first;

    clock.ms = held.expiresAt - 5_000;
    // The renewal is left waiting: callers still get the held credential without waiting for it.
    const served = await Promise.all(Array.from({ length: 20 }, () => manager.get()));
    expect(served.every((credential) => credential === held)).toBe(true);
    expect(lifecycle.acquisitions).toBe(2);
    expect(lifecycle.previous[1]).toBe(held);

    const renewed = lifecycle.grant('refresh');
    await manager.settled();
    expect(await manager.get()).toBe(renewed);
    expect(lifecycle.acquisitions).toBe(2);
  });

  it('keeps serving the held credential while renewals fail, retrying at most once per retryAheadMs', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ControlledLifecycle(clock);
    const { capture, logger } = capturingLogger();
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, {
      now: () => clock.ms,
      skewMs: 30_000,
      retryAheadMs: 2_000,
      logger,
    });
    const first = manager.get();
    await settle();
    const held = lifecycle.grant();
    await first;

    clock.ms = held.expiresAt - 30_000;
    expect(await manager.get()).toBe(held);
    lifecycle.fail(new ProviderError(Provider.NUPEYE, 'PROVIDER_UNAVAILABLE', 'down', { status: 503 }));
    await manager.settled();
    expect(await manager.get()).toBe(held);
    expect(capture.text).toContain('renewal ahead of expiry failed');

    clock.ms += 1_999;
    expect(await manager.get()).toBe(held);
    expect(lifecycle.acquisitions).toBe(2); // not retried before retryAheadMs

    clock.ms += 1;
    expect(await manager.get()).toBe(held);
    expect(lifecycle.acquisitions).toBe(3);
    lifecycle.fail(new ProviderError(Provider.NUPEYE, 'PROVIDER_TIMEOUT', 'slow', { outcomeUnknown: true }));
    await manager.settled();

    // Expired: now callers wait for the renewal, and its failure is theirs.
    clock.ms = held.expiresAt;
    const caller = manager.get();
    await settle();
    expect(lifecycle.acquisitions).toBe(4);
    lifecycle.fail(new ProviderError(Provider.NUPEYE, 'PROVIDER_UNAVAILABLE', 'still down'));
    await expect(caller).rejects.toBeInstanceOf(NotSentError);
  });

  it('lets a caller whose held credential was refused join the renewal already under way', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ControlledLifecycle(clock);
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms, skewMs: 10_000 });
    const first = manager.get();
    await settle();
    const held = lifecycle.grant();
    await first;
    clock.ms = held.expiresAt - 1_000;

    const call = manager.withCredential((credential) =>
      credential === held ? Promise.reject(rejected()) : Promise.resolve(credential.serial),
    );
    await settle();
    expect(lifecycle.acquisitions).toBe(2);
    lifecycle.grant('refresh');
    expect(await call).toBe(2);
    expect(lifecycle.acquisitions).toBe(2);
  });
});

describe('TokenManager failures are "not sent"', () => {
  it('turns a lost token answer (outcome unknown) into a NotSentError that keeps code, status and provider code', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ControlledLifecycle(clock);
    const manager = new TokenManager(Provider.NCHL, lifecycle, { now: () => clock.ms });
    const lost = new ProviderError(Provider.NCHL, 'PROVIDER_UNAVAILABLE', 'NCHL answered 502', {
      status: 502,
      providerCode: 'BAD_GATEWAY',
      outcomeUnknown: true,
    });

    const caller = manager.withCredential(() => Promise.resolve('sent'));
    await settle();
    lifecycle.fail(lost);
    const error = await caller.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(NotSentError);
    expect(error).toMatchObject({
      provider: Provider.NCHL,
      code: 'PROVIDER_UNAVAILABLE',
      message: 'NCHL answered 502',
      status: 502,
      providerCode: 'BAD_GATEWAY',
      outcomeUnknown: false,
      cause: lost,
    });
  });

  it('turns anything else a lifecycle throws into a NotSentError too', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ControlledLifecycle(clock);
    const manager = new TokenManager(Provider.NUMEROPAY, lifecycle, { now: () => clock.ms });
    const bug = new TypeError('key is not a Uint8Array');

    const caller = manager.get();
    await settle();
    lifecycle.fail(bug);
    await expect(caller).rejects.toMatchObject({
      name: 'NotSentError',
      code: 'PROVIDER_AUTH_FAILED',
      outcomeUnknown: false,
      cause: bug,
    });
  });

  it('passes a NotSentError from the lifecycle through unchanged', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ControlledLifecycle(clock);
    const manager = new TokenManager(Provider.NUPEYE, lifecycle, { now: () => clock.ms });
    const refused = new NotSentError(Provider.NUPEYE, 'PROVIDER_AUTH_FAILED', 'refused');

    const caller = manager.get();
    await settle();
    lifecycle.fail(refused);
    await expect(caller).rejects.toBe(refused);
  });
});

describe('TokenManager with a shared store', () => {
  it('keeps a credential the provider issued when saving it to the store fails, and does not acquire again', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ImmediateLifecycle(clock);
    const coordinator = new FakeTokenCoordinator();
    coordinator.failing.add('save');
    const { capture, logger } = capturingLogger();
    const manager = new TokenManager(Provider.NCHL, lifecycle, { now: () => clock.ms, coordinator, logger });

    const first = await manager.get();
    expect(lifecycle.acquisitions).toBe(1);
    expect(await manager.get()).toBe(first);
    expect(lifecycle.acquisitions).toBe(1);
    expect(coordinator.lockHolder).toBeUndefined(); // the lock was released
    expect(capture.text).toContain('kept in this process only');
  });

  it('keeps the credential when releasing the lock fails', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ImmediateLifecycle(clock);
    const coordinator = new FakeTokenCoordinator();
    coordinator.failing.add('release');
    const manager = new TokenManager(Provider.NCHL, lifecycle, {
      now: () => clock.ms,
      coordinator,
      logger: pino({ level: 'silent' }),
    });

    const first = await manager.get();
    expect(await manager.get()).toBe(first);
    expect(lifecycle.acquisitions).toBe(1);
    expect(coordinator.stored?.credential).toBe(first);
  });

  it('renews in this process, once, when the store fails before anything was acquired', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ImmediateLifecycle(clock);
    const coordinator = new FakeTokenCoordinator();
    coordinator.failing.add('load');
    const manager = new TokenManager(Provider.NCHL, lifecycle, {
      now: () => clock.ms,
      coordinator,
      logger: pino({ level: 'silent' }),
    });

    const first = await manager.get();
    expect(await manager.get()).toBe(first);
    expect(lifecycle.acquisitions).toBe(1);
  });

  it('serves a still-valid shared credential at once while another replica renews it', async () => {
    const clock = { ms: 1_000_000 };
    const lifecycle = new ImmediateLifecycle(clock);
    const coordinator = new FakeTokenCoordinator();
    const shared = { serial: 7, expiresAt: clock.ms + 5_000 }; // inside the 30 s skew window
    coordinator.stored = { credential: shared, generation: 3 };
    coordinator.lockHolder = 'other replica';
    const manager = new TokenManager(Provider.NCHL, lifecycle, { now: () => clock.ms, coordinator });

    expect(await manager.get()).toBe(shared);
    expect(lifecycle.acquisitions).toBe(0);
  });

  describe('waiting for another replica', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('adopts the credential the other replica stores', async () => {
      jest.useFakeTimers();
      const lifecycle = new ImmediateLifecycle({ ms: Date.now() });
      const coordinator = new FakeTokenCoordinator();
      coordinator.lockHolder = 'other replica';
      const manager = new TokenManager(Provider.NCHL, lifecycle, { coordinator, sharedWaitMs: 1_000 });

      const caller = manager.get();
      await jest.advanceTimersByTimeAsync(200);
      const renewed = { serial: 9, expiresAt: Date.now() + 60_000 };
      coordinator.stored = { credential: renewed, generation: 1 };
      await jest.advanceTimersByTimeAsync(100);
      expect(await caller).toBe(renewed);
      expect(lifecycle.acquisitions).toBe(0);
    });

    it('gives up after sharedWaitMs, not before, with a NotSentError, and never acquires itself', async () => {
      jest.useFakeTimers();
      const lifecycle = new ImmediateLifecycle({ ms: Date.now() });
      const coordinator = new FakeTokenCoordinator();
      coordinator.lockHolder = 'other replica';
      const manager = new TokenManager(Provider.NCHL, lifecycle, {
        coordinator,
        lockLeaseMs: 20_000,
        sharedWaitMs: 15_000,
      });

      let outcome: unknown;
      const caller = manager.get().catch((error: unknown) => {
        outcome = error;
      });
      await jest.advanceTimersByTimeAsync(14_900);
      expect(outcome).toBeUndefined();
      const polls = coordinator.count('tryLock');
      await jest.advanceTimersByTimeAsync(200);
      await caller;
      expect(outcome).toBeInstanceOf(NotSentError);
      expect(outcome).toMatchObject({ code: 'PROVIDER_TIMEOUT', outcomeUnknown: false });
      expect(coordinator.count('tryLock')).toBeGreaterThan(polls);
      expect(lifecycle.acquisitions).toBe(0);

      // The wait ended: no timer of the manager is left running.
      const after = coordinator.calls.length;
      await jest.advanceTimersByTimeAsync(60_000);
      expect(coordinator.calls.length).toBe(after);
    });
  });
});
