import { LRUCache } from 'lru-cache';
import type { SessionRevocation, SessionState } from '../domain/ports/session-revocations.js';

export interface SessionStateCacheOptions {
  /** How long a loaded copy is trusted without asking again; the bound on a missed announcement. */
  ttlMs?: number;
  /** Users whose state is kept; the least recently checked go first. */
  maxEntries?: number;
  now?: () => number;
}

/** A revocation is in force on every replica within this long, even when its announcement is lost. */
export const SESSION_STATE_TTL_MS = 1_000;

interface Entry {
  version: number;
  ended: Set<string>;
  /** When the copy was loaded whole; absent for what only announcements told (loaded before use). */
  loadedAt?: number;
}

/**
 * The session state of recently seen users, in this process, so that checking a session costs no round
 * trip in the common case. A copy is trusted for `ttlMs`, then loaded again. Every change is monotonic
 * (versions only grow, ended sessions stay ended), so announcements and loads merge in any order: a load
 * that started before an announcement and finished after it cannot undo it.
 */
export class SessionStateCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly loading = new Map<string, Promise<SessionState | undefined>>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Bumped by `clear`: a load that started before it must not bring old state back. */
  private generation = 0;

  constructor(
    private readonly load: (principal: string) => Promise<SessionState | undefined>,
    options: SessionStateCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? SESSION_STATE_TTL_MS;
    this.now = options.now ?? Date.now;
    // Bounded by size, not `max`: with `max`, lru-cache allocates every slot up front (10 ms at start).
    this.entries = new LRUCache({ maxSize: options.maxEntries ?? 50_000, sizeCalculation: () => 1 });
  }

  /** The user's state: the local copy while it is fresh, else loaded (one load per user at a time). */
  async get(principal: string): Promise<SessionState | undefined> {
    const entry = this.entries.get(principal);
    if (entry?.loadedAt !== undefined && this.now() - entry.loadedAt < this.ttlMs) return stateOf(entry);
    let pending = this.loading.get(principal);
    if (!pending) {
      pending = this.refresh(principal).finally(() => this.loading.delete(principal));
      this.loading.set(principal, pending);
    }
    return pending;
  }

  /** Takes an announcement into the local copy at once. */
  apply(revocation: SessionRevocation): void {
    const entry: Entry = this.entries.get(revocation.principal) ?? { version: 0, ended: new Set() };
    if (revocation.kind === 'credential-version') {
      entry.version = Math.max(entry.version, revocation.version);
    } else {
      entry.ended.add(revocation.sessionId);
    }
    this.entries.set(revocation.principal, entry);
  }

  /** Forgets every copy: after announcements may have been missed (the channel was down). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private async refresh(principal: string): Promise<SessionState | undefined> {
    const generation = this.generation;
    const loaded = await this.load(principal);
    if (!loaded) return undefined;
    const known = this.entries.get(principal);
    const entry: Entry = {
      version: Math.max(loaded.credentialVersion, known?.version ?? 0),
      ended: new Set([...loaded.endedSessions, ...(known?.ended ?? [])]),
    };
    if (generation === this.generation) entry.loadedAt = this.now();
    this.entries.set(principal, entry);
    return stateOf(entry);
  }
}

function stateOf(entry: Entry): SessionState {
  return { credentialVersion: entry.version, endedSessions: entry.ended };
}
