import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`stored value cannot be decrypted: ${reason}`);
    this.name = 'DecryptionError';
  }
}

/**
 * AES-256-GCM for secrets kept at rest (provider user tokens). Each value gets a fresh 96-bit IV and is
 * bound to a context (the row's principal) as additional authenticated data, so a ciphertext copied to
 * another row does not decrypt. Sealed form: `v1.<keyId>.<iv>.<ciphertext>.<tag>`, base64url parts;
 * keyId (a hash prefix of the key) names the key that sealed it.
 *
 * A keyring: the current key seals, every key (current and previous ones) opens what it sealed, so a key
 * can be rotated without losing what the old one sealed; `reseal` moves a value to the current key.
 */
export class DataCipher {
  private readonly current: Buffer;
  private readonly keys = new Map<string, Buffer>();
  /** The id of the key that seals new values. */
  readonly keyId: string;

  constructor(key: Uint8Array, previous: readonly Uint8Array[] = []) {
    this.current = checkedKey(key);
    this.keyId = keyIdOf(this.current);
    for (const candidate of [key, ...previous]) {
      const bytes = checkedKey(candidate);
      const id = keyIdOf(bytes);
      if (!this.keys.has(id)) this.keys.set(id, bytes);
    }
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
    return [VERSION, this.keyId, ...parts].join('.');
  }

  decrypt(sealed: string, context: string): string {
    const { keyId, iv, ciphertext, tag } = parse(sealed);
    const key = this.keys.get(keyId);
    if (!key) throw new DecryptionError('encrypted under another key');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plaintext = Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]);
      return plaintext.toString('utf8');
    } catch {
      throw new DecryptionError('authentication failed');
    }
  }

  /** Whether `sealed` was sealed by a key other than the current one. */
  isStale(sealed: string): boolean {
    return parse(sealed).keyId !== this.keyId;
  }

  /** `sealed` opened and sealed again under the current key; throws DecryptionError as `decrypt` does. */
  reseal(sealed: string, context: string): string {
    return this.encrypt(this.decrypt(sealed, context), context);
  }
}

function parse(sealed: string): { keyId: string; iv: string; ciphertext: string; tag: string } {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptionError('unknown format');
  const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  return { keyId, iv, ciphertext, tag };
}

function checkedKey(key: Uint8Array): Buffer {
  if (key.length !== 32) throw new RangeError('the data encryption key must be 32 bytes');
  return Buffer.from(key);
}

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest().subarray(0, 6).toString('base64url');
}
