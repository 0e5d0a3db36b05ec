import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type {
  SessionRegistry,
  SessionRevocation,
  SessionState,
  SessionStateSource,
} from '../domain/ports/session-revocations.js';
import { sessionStands } from '../domain/ports/session-revocations.js';
import type { SessionClaims } from '../domain/principal.js';
import { isRedisReady } from './redis-connection.js';
import { MERGE_SESSION_STATE } from './session-state-scripts.js';
import { SessionRevocationListeners } from './session-revocation-listeners.js';
import { SessionStateCache, type SessionStateCacheOptions } from './session-state-cache.js';

export interface RedisSessionRevocationsOptions extends SessionStateCacheOptions {
  prefix?: string;
  /** How long a user's state stays in Redis after it was last loaded from the ledger. */
  sharedTtlMs?: number;
}

/** Writes that could not reach Redis, kept to be sent when it is back; beyond this many the oldest go. */
const MAX_PENDING = 10_000;

/**
 * Ended sessions across replicas. The ledger is the source of truth; Redis holds a copy of each recently
 * seen user's state (credential version, sessions ended by logout) so that a replica's miss costs a Redis
 * round trip, not a query; each replica keeps its own copy for a second (SessionStateCache), and
 * announcements on a Redis channel bring a revocation to every replica at once.
 *
 * A copy in Redis is complete only once loaded from the ledger (`complete`); a revocation merges into it,
 * or starts a partial one, so a load that raced a revocation cannot hide it. While Redis is down, misses
 * go to the ledger and this process's copies are dropped when the channel drops: it never answers from
 * state it cannot vouch for.
 */
export class RedisSessionRevocations implements SessionRegistry {
  private readonly cache: SessionStateCache;
  private readonly listeners = new SessionRevocationListeners();
  private readonly origin = randomUUID();
  private readonly channel: string;
  private readonly keyPrefix: string;
  private readonly sharedTtlMs: number;
  private pending: SessionRevocation[] = [];
  /** True from a completed SUBSCRIBE until the channel drops. */
  private listening = false;

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly source: SessionStateSource,
    private readonly logger: Logger,
    options: RedisSessionRevocationsOptions,
  ) {
    const prefix = options.prefix ?? 'paygraph';
    this.channel = `${prefix}:session-revocations`;
    this.keyPrefix = `${prefix}:session-state:`;
    this.sharedTtlMs = options.sharedTtlMs ?? 60_000;
    this.cache = new SessionStateCache((principal) => this.loadShared(principal), options);
  }

  /** `subscriber` must be a connection of its own: Redis puts it in subscriber mode. */
  static async start(
    redis: Redis,
    subscriber: Redis,
    source: SessionStateSource,
    logger: Logger,
    options: RedisSessionRevocationsOptions = {},
  ): Promise<RedisSessionRevocations> {
    const revocations = new RedisSessionRevocations(redis, subscriber, source, logger, options);
    subscriber.on('message', (channel: string, message: string) => revocations.receive(channel, message));
    // While the channel is down announcements are missed: copies that may predate one are dropped.
    subscriber.on('close', () => {
      revocations.listening = false;
      revocations.cache.clear();
    });
    subscriber.on('ready', () => void revocations.listen());
    redis.on('ready', () => void revocations.flushPending());
    if (isRedisReady(subscriber)) await revocations.listen();
    return revocations;
  }

  /** 'shared' while announcements arrive and Redis answers; 'degraded' while the ledger answers misses. */
  state(): 'shared' | 'degraded' {
    return this.listening && isRedisReady(this.redis) && isRedisReady(this.subscriber)
      ? 'shared'
      : 'degraded';
  }

  /** Call after the ledger records the revocation: every replica then refuses the sessions it names. */
  async publish(revocation: SessionRevocation): Promise<void> {
    this.cache.apply(revocation);
    this.emit(revocation);
    if (!(await this.share(revocation))) this.keepPending(revocation);
  }

  subscribe(listener: (revocation: SessionRevocation) => void): () => void {
    return this.listeners.add(listener);
  }

  async isInForce(principal: string, session: SessionClaims): Promise<boolean> {
    return sessionStands(await this.cache.get(principal), session);
  }

  async close(): Promise<void> {
    await Promise.all([quit(this.redis), quit(this.subscriber)]);
  }

  private async listen(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
      this.cache.clear();
      this.listening = true;
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error).message } }, 'session revocations not subscribed');
    }
  }

  /** The user's state from Redis when a complete copy is there, else from the ledger (copied to Redis). */
  private async loadShared(principal: string): Promise<SessionState | undefined> {
    const key = this.keyPrefix + principal;
    let shared: Record<string, string> | undefined;
    if (isRedisReady(this.redis)) {
      shared = await this.redis.hgetall(key).catch(() => undefined);
      if (shared?.['complete'] === '1' && shared['v'] !== undefined) return stateFromHash(shared);
    }
    const state = await this.source.load(principal);
    if (state && isRedisReady(this.redis)) {
      await this.merge(key, state.credentialVersion, [...state.endedSessions], true).catch(() => undefined);
    }
    return state;
  }

  private async share(revocation: SessionRevocation): Promise<boolean> {
    if (!isRedisReady(this.redis)) return false;
    const key = this.keyPrefix + revocation.principal;
    try {
      if (revocation.kind === 'credential-version') {
        await this.merge(key, revocation.version, [], false);
      } else {
        await this.merge(key, undefined, [revocation.sessionId], false);
      }
      await this.redis.publish(this.channel, JSON.stringify({ origin: this.origin, revocation }));
      return true;
    } catch {
      return false;
    }
  }

  private merge(key: string, version: number | undefined, ended: string[], complete: boolean) {
    return this.redis.eval(
      MERGE_SESSION_STATE,
      1,
      key,
      version === undefined ? '' : String(version),
      complete ? '1' : '0',
      String(this.sharedTtlMs),
      ...ended,
    );
  }

  private keepPending(revocation: SessionRevocation): void {
    this.logger.warn(
      { principal: revocation.principal, kind: revocation.kind },
      'session revocation not shared yet: sent when Redis is back; other replicas read the ledger meanwhile',
    );
    this.pending.push(revocation);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  private async flushPending(): Promise<void> {
    const waiting = this.pending;
    this.pending = [];
    for (const revocation of waiting) {
      if (!(await this.share(revocation))) this.pending.push(revocation);
    }
  }

  private receive(channel: string, message: string): void {
    if (channel !== this.channel) return;
    let parsed: { origin?: unknown; revocation?: unknown };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.origin === this.origin || !isRevocation(parsed.revocation)) return;
    this.cache.apply(parsed.revocation);
    this.emit(parsed.revocation);
  }

  private emit(revocation: SessionRevocation): void {
    this.listeners.emit(revocation, (error) =>
      this.logger.error({ err: error }, 'a session revocation listener failed'),
    );
  }
}

function stateFromHash(hash: Record<string, string>): SessionState {
  const ended = Object.keys(hash)
    .filter((field) => field.startsWith('e:'))
    .map((field) => field.slice(2));
  return { credentialVersion: Number(hash['v']), endedSessions: new Set(ended) };
}

function isRevocation(value: unknown): value is SessionRevocation {
  const candidate = value as Partial<Record<string, unknown>> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate['principal'] !== 'string')
    return false;
  if (candidate['kind'] === 'session') return typeof candidate['sessionId'] === 'string';
  return candidate['kind'] === 'credential-version' && Number.isInteger(candidate['version']);
}

function quit(redis: Redis): Promise<unknown> {
  return redis.quit().catch(() => redis.disconnect());
}
