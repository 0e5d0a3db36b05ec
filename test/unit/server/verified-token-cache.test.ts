import { describe, expect, it } from '@jest/globals';
import { VerifiedTokenCache } from '../../../src/server/auth/verified-token-cache.js';

describe('VerifiedTokenCache', () => {
  const now = () => 1_000_000;
  const principal = (id: string) => ({ id, scopes: [], expiresAt: now() + 60_000 });

  it('keeps at most its bound of tokens, the least recently used leaving first', () => {
    const cache = new VerifiedTokenCache(3, now);
    for (const token of ['a', 'b', 'c']) cache.set(token, principal(token));
    cache.get('a');
    cache.set('d', principal('d'));

    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((token) => cache.get(token)?.id)).toEqual(['a', 'c', 'd']);
  });

  it('never keeps a token past its exp', () => {
    let clock = now();
    const cache = new VerifiedTokenCache(10, () => clock);
    cache.set('t', { id: 't', scopes: [], expiresAt: clock + 1_000 });
    expect(cache.get('t')?.id).toBe('t');
    clock += 1_000;
    expect(cache.get('t')).toBeUndefined();
  });
});
