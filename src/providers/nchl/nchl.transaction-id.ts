import { createHash } from 'node:crypto';

/** Namespace of our transactionUniqueIds (a fixed random UUID): keeps them apart from other v5 UUIDs. */
const NAMESPACE = Buffer.from('6d1f0e3a4b8c4d2e9a7f5c3b1e0d2a48', 'hex');

/**
 * The 36-character transactionUniqueId of a withdrawal, derived from who asked and their idempotency key
 * (a name-based UUID, RFC 9562 version 5): a retry with the same key can only ever name the same request
 * at NCHL, which refuses a second one with that id.
 */
export function transactionUniqueIdFor(principal: string, idempotencyKey: string): string {
  const hash = createHash('sha1')
    .update(NAMESPACE)
    .update(`${principal}\u0000${idempotencyKey}`, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
