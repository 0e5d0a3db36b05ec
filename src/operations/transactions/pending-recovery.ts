import type { Logger } from 'pino';
import type { TransactionsRepository } from '../../ledger/transactions.repository.js';

/**
 * Periodically turns SENDING rows whose request died (the process was killed while the provider call
 * was in flight) into UNKNOWN, so they show up for reconciliation instead of looking in progress forever.
 * `staleAfterMs` must exceed the longest provider timeout, so live calls on any replica are never touched.
 */
export class PendingRecovery {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transactions: TransactionsRepository,
    private readonly logger: Logger,
    private readonly staleAfterMs: number,
  ) {}

  async runOnce(): Promise<number> {
    const olderThan = new Date(Date.now() - this.staleAfterMs).toISOString();
    const recovered = await this.transactions.markStaleSendingUnknown(olderThan);
    if (recovered > 0) this.logger.warn({ recovered }, 'interrupted money movements marked UNKNOWN');
    return recovered;
  }

  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) => this.logger.error({ err: error }, 'pending recovery failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
