import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { SessionState, SessionStateSource } from '../../../src/domain/ports/session-revocations.js';
import { RedisSessionRevocations } from '../../../src/shared-state/redis-session-revocations.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { waitFor } from '../replicas/replica-processes.js';

const describeRedis = redisServerAvailable ? describe : describe.skip;
const logger = pino({ level: 'silent' });

/** The ledger as the test sets it, counting reads; one read can be held open to race an announcement. */
class Ledger implements SessionStateSource {
  readonly states = new Map<string, SessionState>();
  reads = 0;
  private hold: Promise<void> | undefined;
  private releaseHold: (() => void) | undefined;

  set(principal: string, credentialVersion: number, ended: string[] = []): void {
    this.states.set(principal, { credentialVersion, endedSessions: new Set(ended) });
  }

  holdNextRead(): void {
    this.hold = new Promise((resolve) => (this.releaseHold = resolve));
  }

  release(): void {
    this.releaseHold?.();
  }

  async load(principal: string): Promise<SessionState | undefined> {
    this.reads += 1;
    const state = this.states.get(principal);
    const snapshot = state && { ...state, endedSessions: new Set(state.endedSessions) };
    const hold = this.hold;
    this.hold = undefined;
    await hold;
    return snapshot;
  }
}

describeRedis('RedisSessionRevocations: the copy in Redis never hides a revocation', () => {
  let redis: RedisServer;
  const opened: RedisSessionRevocations[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(opened.map((registry) => registry.close()));
    await redis?.stop();
  });

  /** One replica's registry, with its own connections and its own per-process copy. */
  async function replica(ledger: Ledger, prefix: string): Promise<RedisSessionRevocations> {
    const registry = await RedisSessionRevocations.start(
      new Redis(redis.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false }),
      new Redis(redis.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false }),
      ledger,
      logger,
      { prefix },
    );
    opened.push(registry);
    await waitFor(() => registry.state() === 'shared', 'the registry listening', 10_000);
    return registry;
  }

  it('a second replica answers from the complete copy the first one loaded, without the ledger', async () => {
    const ledger = new Ledger();
    ledger.set('usr_1', 3, ['jti-old']);
    const [first, second] = [await replica(ledger, 'p1'), await replica(ledger, 'p1')];
    expect(await first.isInForce('usr_1', { id: 'jti-new', credentialVersion: 3 })).toBe(true);
    expect(ledger.reads).toBe(1);
    expect(await second.isInForce('usr_1', { id: 'jti-new', credentialVersion: 3 })).toBe(true);
    expect(await second.isInForce('usr_1', { id: 'jti-old', credentialVersion: 3 })).toBe(false);
    expect(await second.isInForce('usr_1', { id: 'jti-new', credentialVersion: 2 })).toBe(false);
    expect(ledger.reads).toBe(1);
  });

  it('a revocation for a user no replica has seen starts a partial copy: the next reader asks the ledger', async () => {
    const ledger = new Ledger();
    ledger.set('usr_2', 5, ['jti-a']);
    const [first, second] = [await replica(ledger, 'p2'), await replica(ledger, 'p2')];
    await first.publish({ kind: 'session', principal: 'usr_2', sessionId: 'jti-b' });
    expect(await second.isInForce('usr_2', { id: 'jti-a', credentialVersion: 5 })).toBe(false);
    expect(await second.isInForce('usr_2', { id: 'jti-b', credentialVersion: 5 })).toBe(false);
    expect(await second.isInForce('usr_2', { id: 'jti-c', credentialVersion: 5 })).toBe(true);
    expect(ledger.reads).toBe(1);
  });

  it('a ledger read that raced a revocation cannot bring the ended session back for anyone', async () => {
    const ledger = new Ledger();
    ledger.set('usr_3', 1);
    const [reader, revoker] = [await replica(ledger, 'p3'), await replica(ledger, 'p3')];
    const session = { id: 'jti-x', credentialVersion: 1 };
    ledger.holdNextRead();
    const racing = reader.isInForce('usr_3', session); // reads the ledger before the logout…
    const news = new Promise((resolve) => reader.subscribe(resolve));
    ledger.set('usr_3', 1, ['jti-x']);
    await revoker.publish({ kind: 'session', principal: 'usr_3', sessionId: 'jti-x' });
    await news;
    ledger.release(); // …and writes its old copy to Redis after it
    expect(await racing).toBe(false);
    const newcomer = await replica(ledger, 'p3');
    const reads = ledger.reads;
    expect(await newcomer.isInForce('usr_3', session)).toBe(false);
    expect(ledger.reads).toBe(reads); // answered from the merged copy in Redis
  });
});
