import type {
  SessionRegistry,
  SessionRevocation,
  SessionStateSource,
} from '../domain/ports/session-revocations.js';
import { sessionStands } from '../domain/ports/session-revocations.js';
import type { SessionClaims } from '../domain/principal.js';
import { SessionStateCache, type SessionStateCacheOptions } from './session-state-cache.js';
import { SessionRevocationListeners } from './session-revocation-listeners.js';

/**
 * Ended sessions within one gateway: the ledger is asked on a miss, a local copy answers for a second,
 * and announcements reach this process's listeners. Without Redis, another replica on the same ledger
 * sees a revocation once its own copy (at most a second old) is loaded again.
 */
export class InProcessSessionRevocations implements SessionRegistry {
  private readonly cache: SessionStateCache;
  private readonly listeners = new SessionRevocationListeners();
  private readonly onListenerError: (error: unknown) => void;

  constructor(
    source: SessionStateSource,
    options: SessionStateCacheOptions & { onListenerError?: (error: unknown) => void } = {},
  ) {
    this.cache = new SessionStateCache((principal) => source.load(principal), options);
    this.onListenerError = options.onListenerError ?? (() => undefined);
  }

  publish(revocation: SessionRevocation): Promise<void> {
    this.cache.apply(revocation);
    this.listeners.emit(revocation, this.onListenerError);
    return Promise.resolve();
  }

  subscribe(listener: (revocation: SessionRevocation) => void): () => void {
    return this.listeners.add(listener);
  }

  async isInForce(principal: string, session: SessionClaims): Promise<boolean> {
    return sessionStands(await this.cache.get(principal), session);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
