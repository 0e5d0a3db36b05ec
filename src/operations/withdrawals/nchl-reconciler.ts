import type { Logger } from 'pino';
import { Provider } from '../../domain/provider.js';
import { WithdrawalStatus } from '../../domain/withdrawal.js';
import { type WithdrawalRecord } from '../../domain/withdrawal.js';
import type { Withdrawals } from './withdrawals.js';
import type { Providers } from '../../providers/registry.js';
import type { NchlDataSource } from '../../providers/nchl/nchl.data-source.js';
import { toLedgerReport, type NchlWithdrawalReport } from '../../providers/nchl/nchl.mapper.js';

export interface NchlReconcilerOptions {
  /** A withdrawal still open this long after its last change (or check) is asked about. */
  afterMs: number;
  intervalMs: number;
  /** Withdrawals asked about per round. */
  batchSize?: number;
  now?: () => number;
}

export interface ReconcileRound {
  checked: number;
  moved: number;
}

/**
 * Settles withdrawals that stay open (no notification arrived, or an answer was lost) from NCHL's report,
 * in the background. Requests NCHL never received (PENDING or UNKNOWN, and unknown to the report) fail;
 * nothing is ever re-sent.
 */
export class NchlReconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReconcileRound> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly nchl: NchlDataSource,
    private readonly withdrawals: Withdrawals,
    private readonly logger: Logger,
    private readonly options: NchlReconcilerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce().catch(() => undefined), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One round; a round already under way is joined rather than doubled. */
  runOnce(): Promise<ReconcileRound> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<ReconcileRound> {
    const before = new Date(this.now() - this.options.afterMs).toISOString();
    const open = (
      await this.withdrawals.repository.listToReconcile(before, this.options.batchSize ?? 50)
    ).filter((withdrawal) => withdrawal.provider === Provider.NCHL);
    if (open.length === 0) return { checked: 0, moved: 0 };
    const reports = await this.nchl.reports(open.map((withdrawal) => withdrawal.transactionUniqueId));
    let moved = 0;
    for (const [index, withdrawal] of open.entries()) {
      const report = reports[index];
      if (report instanceof Error) {
        this.logger.warn(
          { withdrawalId: withdrawal.id, err: report },
          'NCHL report unavailable; will ask again',
        );
        continue;
      }
      await this.withdrawals.repository.markChecked(withdrawal.id, new Date(this.now()).toISOString());
      if (await this.settle(withdrawal, report)) moved++;
    }
    if (moved > 0) this.logger.info({ checked: open.length, moved }, 'withdrawals reconciled with NCHL');
    return { checked: open.length, moved };
  }

  private async settle(
    withdrawal: WithdrawalRecord,
    report: NchlWithdrawalReport | undefined,
  ): Promise<boolean> {
    if (report) {
      const settled = await this.withdrawals.progress.applyReport(withdrawal, toLedgerReport(report));
      return settled.status !== withdrawal.status;
    }
    if (withdrawal.status === WithdrawalStatus.PENDING || withdrawal.status === WithdrawalStatus.UNKNOWN) {
      // Long after it was sent, NCHL does not know the id: the request never took effect.
      const failed = await this.withdrawals.progress.advance(withdrawal.id, WithdrawalStatus.FAILED, {
        errorCode: 'NOT_RECEIVED_BY_PROVIDER',
      });
      return failed !== undefined;
    }
    this.logger.warn({ withdrawalId: withdrawal.id }, 'NCHL report does not know an accepted withdrawal');
    return false;
  }
}

/** The gateway's reconciler, when NCHL is configured. */
export function createNchlReconciler(services: {
  providers: Providers;
  withdrawals: Withdrawals;
  logger: Logger;
}): NchlReconciler | undefined {
  const nchl = services.providers.nchl;
  return nchl && new NchlReconciler(nchl, services.withdrawals, services.logger, nchl.reconciliation);
}
