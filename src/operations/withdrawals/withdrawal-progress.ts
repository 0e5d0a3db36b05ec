import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  WithdrawalStatus,
  type WithdrawalNotification,
  type WithdrawalRecord,
  type WithdrawalReport,
} from '../../domain/withdrawal.js';
import type { LedgerWrites } from '../../ledger/ledger-writes.js';
import type { WithdrawalProgress, WithdrawalsRepository } from '../../ledger/withdrawals.repository.js';
import type { WithdrawalUpdates } from './withdrawal-updates.js';

export type NotificationOutcome =
  | { kind: 'applied'; withdrawal: WithdrawalRecord }
  /** Stored, but it would have taken the withdrawal back (late or reordered) or said nothing new. */
  | { kind: 'stale' }
  /** Received before: nothing stored, nothing changed. */
  | { kind: 'replay' }
  /** Stored; it names no withdrawal of ours. */
  | { kind: 'unknown-withdrawal' };

/** How long a create-request may take, and the clock: a report that does not know a request means nothing before. */
export interface ReportTiming {
  requestTimeoutMs: number;
  now: () => number;
}

/** Statuses that say this withdrawal's cash was paid out (or is being, after a cash-out at the ATM). */
const PAID_OUT: ReadonlySet<WithdrawalStatus> = new Set([WithdrawalStatus.PROCESSING, WithdrawalStatus.PAID]);

/**
 * The one way a withdrawal's status changes after its request: forward only, by the transition table,
 * in conditional updates, with a subscription event for each change. What the provider says about a
 * withdrawal also settles the cash-out attempts it concerns: a payout confirmed for a withdrawal makes its
 * own unknown or unattributed attempt ACCEPTED and releases attempts elsewhere that were held on it.
 */
export class WithdrawalProgressTracker {
  constructor(
    private readonly repository: WithdrawalsRepository,
    private readonly writes: LedgerWrites,
    private readonly updates: WithdrawalUpdates,
    private readonly logger: Logger,
  ) {}

  /** Moves the withdrawal forward and publishes it; undefined when that would not be forward. */
  async advance(
    id: string,
    status: WithdrawalStatus,
    progress: WithdrawalProgress = {},
  ): Promise<WithdrawalRecord | undefined> {
    const moved = await this.writes.run((trx) => this.repository.advance(id, status, progress, trx));
    if (!moved) return undefined;
    if (PAID_OUT.has(moved.status)) await this.settleAttemptsOnPayout(moved);
    const current = (await this.repository.findById(id)) ?? moved;
    await this.published(current);
    return current;
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
      if (PAID_OUT.has(notification.status)) await this.settleAttemptsOnPayout(withdrawal);
      return { kind: 'stale' };
    }
    await this.repository.markNotificationApplied(eventId);
    return { kind: 'applied', withdrawal: moved };
  }

  /**
   * Applies what the provider's report says (undefined: it does not know the request). A request it does
   * not know once the request's own timeout has passed was never received: FAILED NOT_RECEIVED_BY_PROVIDER.
   * A report of an unpaid, still active request ends an unknown or unattributed cash-out attempt: it did
   * not pay this withdrawal, so the operator may try again.
   */
  async applyReport(
    withdrawal: WithdrawalRecord,
    report: WithdrawalReport | undefined,
    timing: ReportTiming,
  ): Promise<WithdrawalRecord> {
    if (!report) return (await this.failIfNeverReceived(withdrawal, timing)) ?? withdrawal;
    const progress = { providerReference: report.providerReference, expiresAt: report.expiresAt };
    if (report.status === WithdrawalStatus.REQUESTED) await this.releaseHeldAttempt(withdrawal);
    const moved =
      report.status === WithdrawalStatus.PENDING
        ? undefined
        : await this.advance(withdrawal.id, report.status, progress);
    if (moved) return moved;
    await this.repository.note(withdrawal.id, progress);
    if (PAID_OUT.has(report.status)) await this.settleAttemptsOnPayout(withdrawal);
    return (await this.repository.findById(withdrawal.id)) ?? withdrawal;
  }

  private async failIfNeverReceived(
    withdrawal: WithdrawalRecord,
    timing: ReportTiming,
  ): Promise<WithdrawalRecord | undefined> {
    const unanswered =
      withdrawal.status === WithdrawalStatus.PENDING || withdrawal.status === WithdrawalStatus.UNKNOWN;
    const sentAt = Date.parse(withdrawal.createdAt);
    if (!unanswered || timing.now() < sentAt + timing.requestTimeoutMs) return undefined;
    return this.advance(withdrawal.id, WithdrawalStatus.FAILED, { errorCode: 'NOT_RECEIVED_BY_PROVIDER' });
  }

  /** This withdrawal was paid out: its own unknown or unattributed attempt paid it; attempts held on it elsewhere did not. */
  private async settleAttemptsOnPayout(paid: WithdrawalRecord): Promise<void> {
    const own = paid.cashOut;
    if (own && (paid.cashOutState === 'UNKNOWN' || paid.cashOutState === 'UNATTRIBUTED')) {
      await this.writes.run((trx) => this.repository.moveCashOut(paid.id, 'ACCEPTED', own, trx));
    }
    const held = await this.repository.listByCashOutState(['UNATTRIBUTED'], 100);
    for (const other of held) {
      if (other.id === paid.id || !other.cashOut?.candidates?.includes(paid.id)) continue;
      const attempt = { ...other.cashOut, failure: 'PAID_ANOTHER_WITHDRAWAL' };
      if (await this.writes.run((trx) => this.repository.moveCashOut(other.id, 'NOT_PAID', attempt, trx))) {
        this.logger.info(
          { withdrawalId: other.id, paidWithdrawalId: paid.id },
          'held cash-out attributed elsewhere',
        );
        await this.published((await this.repository.findById(other.id)) ?? other);
      }
    }
  }

  private async releaseHeldAttempt(withdrawal: WithdrawalRecord): Promise<void> {
    const attempt = withdrawal.cashOut;
    if (!attempt || (withdrawal.cashOutState !== 'UNKNOWN' && withdrawal.cashOutState !== 'UNATTRIBUTED'))
      return;
    await this.writes.run((trx) =>
      this.repository.moveCashOut(
        withdrawal.id,
        'NOT_PAID',
        { ...attempt, failure: 'NOT_PAID_BY_PROVIDER' },
        trx,
      ),
    );
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
