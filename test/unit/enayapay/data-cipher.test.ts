import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DataCipher, DecryptionError } from '../../../src/crypto/data-cipher.js';

describe('DataCipher (AES-256-GCM at rest)', () => {
  const cipher = new DataCipher(randomBytes(32));

  it('round-trips, with a fresh IV each time and no plaintext in the sealed form', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.provider-user-token';
    const first = cipher.encrypt(token, 'usr_1');
    const second = cipher.encrypt(token, 'usr_1');
    expect(first).not.toBe(second);
    expect(first).not.toContain('provider-user-token');
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(cipher.decrypt(first, 'usr_1')).toBe(token);
  });

  it('refuses another row (context), another key, a tampered ciphertext and a foreign format', () => {
    const sealed = cipher.encrypt('secret', 'usr_1');
    expect(() => cipher.decrypt(sealed, 'usr_2')).toThrow(DecryptionError);
    expect(() => new DataCipher(randomBytes(32)).decrypt(sealed, 'usr_1')).toThrow(
      'encrypted under another key',
    );
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    parts[3] = flipped.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'usr_1')).toThrow('authentication failed');
    expect(() => cipher.decrypt('plain-text', 'usr_1')).toThrow('unknown format');
  });

  it('needs a 32-byte key', () => {
    expect(() => new DataCipher(randomBytes(16))).toThrow(RangeError);
  });

  it('as a keyring: the current key seals, previous keys still open, and reseal moves a value forward', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = new DataCipher(oldKey);
    const sealedBefore = before.encrypt('provider-token', 'usr_1');
    const rotated = new DataCipher(newKey, [oldKey]);
    expect(rotated.keyId).not.toBe(before.keyId);
    expect(rotated.decrypt(sealedBefore, 'usr_1')).toBe('provider-token');
    expect(rotated.isStale(sealedBefore)).toBe(true);

    const sealedAfter = rotated.encrypt('provider-token', 'usr_1');
    expect(sealedAfter.split('.')[1]).toBe(rotated.keyId);
    expect(rotated.isStale(sealedAfter)).toBe(false);
    const resealed = rotated.reseal(sealedBefore, 'usr_1');
    expect(rotated.isStale(resealed)).toBe(false);
    // Once the old key is dropped, what it alone sealed is lost; what was resealed is not.
    const withoutOld = new DataCipher(newKey);
    expect(withoutOld.decrypt(resealed, 'usr_1')).toBe('provider-token');
    expect(() => withoutOld.decrypt(sealedBefore, 'usr_1')).toThrow('encrypted under another key');
    // Reseal keeps the binding to the row.
    expect(() => rotated.reseal(sealedBefore, 'usr_2')).toThrow(DecryptionError);
  });

  it('needs every key of the keyring to be 32 bytes', () => {
    expect(() => new DataCipher(randomBytes(32), [randomBytes(31)])).toThrow(RangeError);
  });
});
