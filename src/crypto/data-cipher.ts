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
 * keyId (a hash prefix of the key) tells a wrong or rotated key apart from tampering.
 */
export class DataCipher {
  private readonly key: Buffer;
  readonly keyId: string;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new RangeError('the data encryption key must be 32 bytes');
    this.key = Buffer.from(key);
    this.keyId = createHash('sha256').update(this.key).digest().subarray(0, 6).toString('base64url');
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
    return [VERSION, this.keyId, ...parts].join('.');
  }

  decrypt(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptionError('unknown format');
    const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
    if (keyId !== this.keyId) throw new DecryptionError('encrypted under another key');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), {
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
}
