import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../../domain/principal.js';

/**
 * Tokens whose signature and claims were verified, kept until their `exp` so that a client sending the
 * same token again is not verified from scratch. Keyed by the token's SHA-256, so the cache never holds a
 * token itself; bounded, the least recently used going first. It answers only what the token says: a
 * session's standing (ended or not) is checked on every use, outside this cache.
 */
export class VerifiedTokenCache {
  private readonly entries: LRUCache<string, Principal>;

  constructor(
    maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    // Bounded by size, not `max`: with `max`, lru-cache allocates every slot up front, at start.
    this.entries = new LRUCache({ maxSize: maxEntries, sizeCalculation: () => 1 });
  }

  get(token: string): Principal | undefined {
    const key = keyOf(token);
    const principal = this.entries.get(key);
    if (principal && principal.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return principal;
  }

  set(token: string, principal: Principal): void {
    const ttl = principal.expiresAt - this.now();
    if (!Number.isFinite(ttl) || ttl <= 0) return;
    this.entries.set(keyOf(token), principal, { ttl: Math.ceil(ttl) });
  }

  get size(): number {
    return this.entries.size;
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
