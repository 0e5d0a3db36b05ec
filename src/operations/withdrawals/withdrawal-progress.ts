import { type WithdrawalNotification, type WithdrawalReport } from '../../domain/withdrawal.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { WithdrawalStatus } from '../../domain/withdrawal.js';
import { type WithdrawalRecord } from '../../domain/withdrawal.js';
import type { WithdrawalUpdates } from './withdrawal-updates.js';
import type { WithdrawalProgress, WithdrawalsRepository } from '../../ledger/withdrawals.repository.js';

export type NotificationOutcome =
  | { kind: 'applied'; withdrawal: WithdrawalRecord }
  /** Stored, but it would have taken the withdrawal back (late or reordered) or said nothing new. */
  | { kind: 'stale' }
  /** Received before: nothing stored, nothing changed. */
  | { kind: 'replay' }
  /** Stored; it names no withdrawal of ours. */
  | { kind: 'unknown-withdrawal' };

/**
 * The one way a withdrawal's status changes after its request: forward only (see canAdvanceWithdrawal),
 * in a conditional update, with a subscription event for each change.
 */
export class WithdrawalProgressTracker {
  constructor(
    private readonly repository: WithdrawalsRepository,
    private readonly updates: WithdrawalUpdates,
    private readonly logger: Logger,
  ) {}

  /** Moves the withdrawal forward and publishes it; undefined when that would not be forward. */
  async advance(
    id: string,
    status: WithdrawalStatus,
    progress: WithdrawalProgress = {},
  ): Promise<WithdrawalRecord | undefined> {
    const moved = await this.repository.advance(id, status, progress);
    if (moved) await this.published(moved);
    return moved;
  }

  async applyNotification(notification: WithdrawalNotification): Promise<NotificationOutcome> {
    const withdrawal = await this.repository.findByTransactionUniqueId(notification.transactionUniqueId);
    const eventId = randomUUID();
    const stored = await this.repository.insertNotification({
      id: eventId,
      provider: notification.provider,
      transactionUniqueId: notification.transactionUniqueId,
      withdrawalId: withdrawal?.id ?? null,
      fingerprint: notification.fingerprint,
      status: notification.status,
      payload: notification.payload,
    });
    if (!stored) return { kind: 'replay' };
    if (!withdrawal) return { kind: 'unknown-withdrawal' };
    const progress = { providerReference: notification.providerReference };
    const moved = await this.advance(withdrawal.id, notification.status, {
      ...progress,
      errorCode: notification.status === WithdrawalStatus.FAILED ? 'PAYOUT_FAILED' : undefined,
    });
    if (!moved) {
      await this.repository.note(withdrawal.id, progress);
      return { kind: 'stale' };
    }
    await this.repository.markNotificationApplied(eventId);
    return { kind: 'applied', withdrawal: moved };
  }

  /**
   * Applies what the provider's report says. A report of an unpaid, still active request also ends an
   * UNKNOWN cash-out: it is known not to have paid, so the operator may try again.
   */
  async applyReport(withdrawal: WithdrawalRecord, report: WithdrawalReport): Promise<WithdrawalRecord> {
    const progress = { providerReference: report.providerReference, expiresAt: report.expiresAt };
    if (withdrawal.cashOutState === 'UNKNOWN' && report.status === WithdrawalStatus.REQUESTED) {
      await this.repository.releaseUnknownCashOut(withdrawal.id);
    }
    const moved =
      report.status === WithdrawalStatus.PENDING
        ? undefined
        : await this.advance(withdrawal.id, report.status, progress);
    if (moved) return moved;
    await this.repository.note(withdrawal.id, progress);
    return (await this.repository.findById(withdrawal.id)) ?? withdrawal;
  }

  private async published(withdrawal: WithdrawalRecord): Promise<void> {
    try {
      await this.updates.publish(withdrawal);
    } catch (error) {
      // The ledger holds the change; a lost event only delays a subscriber until its next read.
      this.logger.warn({ withdrawalId: withdrawal.id, err: error }, 'withdrawal update not published');
    }
  }
}
