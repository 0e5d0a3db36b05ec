import type { KeyObject } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { signSha256WithRsa, type EventualKey } from '../../crypto/signing.js';

/** Where NCHL pushes notifications, and the Basic credentials the receiver gave NCHL. */
export interface NchlNotificationTarget {
  url: string;
  username: string;
  password: string;
}

/** The notification as the document's sample sends it (rpsTransactionId a number). */
export interface NchlNotificationFields {
  transactionUniqueId: string;
  debitStatus: string;
  debitDescription: string;
  creditStatus: string;
  creditDescription: string;
  rpsTransactionId: number;
  mobileNumber: string;
  remarks: string;
  paymentStatus: string;
}

export type NchlSignedNotification = NchlNotificationFields & { token: string };

export interface NotificationDelivery {
  transactionUniqueId: string;
  attempt: number;
  httpStatus?: number;
  /** The `status` the receiver answered (SUCCESS, FAILED …). */
  answer?: string;
  error?: string;
}

export interface NchlNotifierOptions {
  maxAttempts: number;
  retryDelayMs: number;
  logger?: Logger;
}

/** s = transactionUniqueId,debitStatus,creditStatus,rpsTransactionId,paymentStatus (the decisions page). */
export function notificationTokenString(fields: NchlNotificationFields): string {
  return [
    fields.transactionUniqueId,
    fields.debitStatus,
    fields.creditStatus,
    String(fields.rpsTransactionId),
    fields.paymentStatus,
  ].join(',');
}

export function signNotification(
  privateKey: KeyObject,
  fields: NchlNotificationFields,
): NchlSignedNotification {
  return { ...fields, token: signSha256WithRsa(privateKey, notificationTokenString(fields)) };
}

/**
 * Pushes signed notifications to the receiver with Basic auth, and sends again (a few times, spaced)
 * while the answer is not `{"status":"SUCCESS"}`.
 */
export class NchlNotifier {
  readonly deliveries: NotificationDelivery[] = [];
  target: NchlNotificationTarget | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly privateKey: EventualKey,
    readonly options: NchlNotifierOptions,
  ) {}

  /** Signs and delivers in the background; `settled()` waits for every delivery under way. */
  notify(fields: NchlNotificationFields): void {
    const delivery = Promise.resolve(this.privateKey)
      .then((privateKey) => this.deliver(signNotification(privateKey, fields)))
      .catch((error: unknown) =>
        this.options.logger?.error({ err: error }, 'notification could not be signed: not sent'),
      )
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** Sends `body` as is (already signed, or tampered with by a test), with retries. */
  async deliver(body: unknown): Promise<void> {
    const transactionUniqueId = String((body as { transactionUniqueId?: unknown }).transactionUniqueId);
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      // Read on each attempt: the receiver's address or credentials may be corrected between retries.
      const target = this.target;
      if (!target) {
        this.options.logger?.warn({ transactionUniqueId }, 'no notification URL set: notification not sent');
        return;
      }
      const delivery = await this.post(target, body, transactionUniqueId, attempt);
      this.deliveries.push(delivery);
      if (delivery.answer === 'SUCCESS') return;
      if (attempt < this.options.maxAttempts) await sleep(this.options.retryDelayMs * attempt);
    }
    this.options.logger?.warn({ transactionUniqueId }, 'notification not acknowledged: gave up');
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async post(
    target: NchlNotificationTarget,
    body: unknown,
    transactionUniqueId: string,
    attempt: number,
  ): Promise<NotificationDelivery> {
    const credentials = Buffer.from(`${target.username}:${target.password}`, 'utf8').toString('base64');
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      return { transactionUniqueId, attempt, httpStatus: response.status, answer: answerStatus(text) };
    } catch (error) {
      return { transactionUniqueId, attempt, error: (error as Error).name };
    }
  }
}

function answerStatus(text: string): string | undefined {
  try {
    const status = (JSON.parse(text) as { status?: unknown }).status;
    return typeof status === 'string' ? status : undefined;
  } catch {
    return undefined;
  }
}
