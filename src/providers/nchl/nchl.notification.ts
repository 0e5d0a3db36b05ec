import { createHash, timingSafeEqual } from 'node:crypto';
import { verifySha256WithRsa, type EventualKey } from '../../crypto/signing.js';
import {
  checkNotificationBody,
  notificationTokenString,
  readNotification,
  type NchlNotification,
} from './nchl.mapper.js';

export interface NchlNotificationCredentials {
  notifyUsername: string;
  notifyPassword: string;
  /** NCHL's public key, from NCHL_PUBLIC_CERT. */
  notificationPublicKey: EventualKey;
}

export type NchlNotificationCheck =
  | { ok: true; notification: NchlNotification }
  | { ok: false; status: 400 | 401; reason: 'credentials' | 'signature' | 'body'; message: string };

/**
 * Decides whether an inbound notification comes from NCHL: the Basic credentials we gave NCHL (compared
 * in constant time), a well-formed body, and a `token` that verifies against NCHL's public key.
 */
export class NchlNotificationVerifier {
  private readonly expected: Buffer;

  constructor(private readonly credentials: NchlNotificationCredentials) {
    this.expected = digest(`${credentials.notifyUsername}:${credentials.notifyPassword}`);
  }

  async check(authorization: string | undefined, body: unknown): Promise<NchlNotificationCheck> {
    if (!this.authenticated(authorization)) {
      return { ok: false, status: 401, reason: 'credentials', message: 'Invalid credentials' };
    }
    const checked = checkNotificationBody(body);
    if (!checked.ok) return { ok: false, status: 400, reason: 'body', message: checked.problem };
    const signed = notificationTokenString(checked.body);
    const publicKey = await this.credentials.notificationPublicKey;
    if (!verifySha256WithRsa(publicKey, signed, checked.body.token)) {
      return { ok: false, status: 401, reason: 'signature', message: 'Invalid signature' };
    }
    return { ok: true, notification: readNotification(checked.body) };
  }

  private authenticated(authorization: string | undefined): boolean {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization?.trim() ?? '');
    // Comparing fixed-length digests keeps the time independent of where, and whether, the strings differ.
    const given = digest(match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '');
    return timingSafeEqual(given, this.expected) && match !== null;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The same for a replay of one notification: a digest of the facts NCHL signs. */
export function notificationFingerprint(notification: NchlNotification): string {
  const signed = [
    notification.transactionUniqueId,
    notification.debitStatus,
    notification.creditStatus,
    notification.rpsTransactionId,
    notification.paymentStatus,
  ].join(',');
  return createHash('sha256').update(`NCHL\u0000${signed}`, 'utf8').digest('hex');
}
