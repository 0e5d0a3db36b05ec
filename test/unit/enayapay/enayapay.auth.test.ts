import { describe, expect, it } from '@jest/globals';
import { UnsecuredJWT } from 'jose';
import { readUserTokenExpiry, userTokenUsable } from '../../../src/providers/enayapay/enayapay.auth.js';

const tokenWith = (payload: Record<string, unknown>) => new UnsecuredJWT(payload).encode();

describe('EnayaPay user token expiry', () => {
  it('reads a bare date as the start of that day, UTC', () => {
    expect(readUserTokenExpiry(tokenWith({ expiry: '2026-03-01' }))).toEqual(
      new Date('2026-03-01T00:00:00Z'),
    );
  });

  it('reads a full timestamp as is', () => {
    expect(readUserTokenExpiry(tokenWith({ expiry: '2026-03-01T10:30:00Z' }))).toEqual(
      new Date('2026-03-01T10:30:00Z'),
    );
  });

  it('gives undefined for a missing or unreadable expiry, or a token that is not a JWT', () => {
    expect(readUserTokenExpiry(tokenWith({}))).toBeUndefined();
    expect(readUserTokenExpiry(tokenWith({ expiry: 'soon' }))).toBeUndefined();
    expect(readUserTokenExpiry(tokenWith({ expiry: 20260301 }))).toBeUndefined();
    expect(readUserTokenExpiry('garbage')).toBeUndefined();
  });

  it('uses a token until its expiry instant, and one of unknown expiry always (the provider decides)', () => {
    const expiresAt = new Date('2026-03-01T00:00:00Z');
    expect(userTokenUsable({ value: 't', expiresAt }, new Date('2026-02-28T23:59:59Z'))).toBe(true);
    expect(userTokenUsable({ value: 't', expiresAt }, expiresAt)).toBe(false);
    expect(userTokenUsable({ value: 't', expiresAt: undefined }, new Date('2099-01-01'))).toBe(true);
  });
});
