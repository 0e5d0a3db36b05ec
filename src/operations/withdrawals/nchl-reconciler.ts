import type { Logger } from 'pino';
import { Provider } from '../../domain/provider.js';
import type { WithdrawalsRepository } from '../../ledger/withdrawals.repository.js';
import type { NchlDataSource } from '../../providers/nchl/nchl.data-source.js';
import type { WithdrawalOperations } from './withdrawal-operations.js';

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
 * in the background, through the same refresh as a read: requests NCHL never received fail once their
 * timeout has passed; unknown and unattributed cash-outs are settled; nothing is ever re-sent.
 */
export class NchlReconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReconcileRound> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly repository: WithdrawalsRepository,
    private readonly withdrawals: WithdrawalOperations,
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
    const open = (await this.repository.listToReconcile(before, this.options.batchSize ?? 50)).filter(
      (withdrawal) => withdrawal.provider === Provider.NCHL,
    );
    if (open.length === 0) return { checked: 0, moved: 0 };
    const refreshed = await this.withdrawals.refreshFromReports(open, this.now);
    let moved = 0;
    const checkedAt = new Date(this.now()).toISOString();
    for (const [index, withdrawal] of open.entries()) {
      const after = refreshed[index];
      if (!after) continue; // the report could not be had: asked again next round
      await this.repository.markChecked(withdrawal.id, checkedAt);
      if (after.status !== withdrawal.status || after.cashOutState !== withdrawal.cashOutState) moved++;
    }
    if (moved > 0) this.logger.info({ checked: open.length, moved }, 'withdrawals reconciled with NCHL');
    return { checked: open.length, moved };
  }
}

/** The gateway's reconciler, when NCHL is configured. */
export function createNchlReconciler(deps: {
  nchl: NchlDataSource | undefined;
  repository: WithdrawalsRepository;
  withdrawals: WithdrawalOperations;
  logger: Logger;
}): NchlReconciler | undefined {
  const { nchl } = deps;
  return nchl && new NchlReconciler(deps.repository, deps.withdrawals, deps.logger, nchl.reconciliation);
}
