import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { compareDecimals } from '../../domain/money.js';
import { Provider } from '../../domain/provider.js';
import { TransactionStatus, type TransactionRecord } from '../../domain/transaction.js';
import type { LedgerWrites } from '../../ledger/ledger-writes.js';
import type { TransactionsRepository } from '../../ledger/transactions.repository.js';
import type { NumeroPayPayment } from '../../providers/numeropay/numeropay.payment.js';
import type { Providers } from '../../providers/registry.js';

export interface NumeroPayReconciliationOptions {
  /** How far after our row a payment NumeroPay created for it may be dated (clock skew and the call's time). */
  windowMs: number;
  /** An UNKNOWN payment is looked for once it has stood this long. */
  afterMs: number;
  now?: () => number;
}

export interface ReconciliationRound {
  checked: number;
  settled: number;
}

/** The operator name recorded in the audit trail for settlements this reconciliation makes. */
export const RECONCILER = 'reconciler:numeropay';

/**
 * Settles UNKNOWN NumeroPay payments (sent, answer lost: NumeroPay has no idempotency key to look them up
 * by) from its list API, and only where the match is exact: exactly one NumeroPay payment in the time
 * window with the same amount, currency, business name and description, not linked to another ledger row.
 * Anything less certain is left UNKNOWN for an operator; nothing is ever re-sent.
 */
export class NumeroPayReconciliation {
  private readonly now: () => number;

  constructor(
    private readonly transactions: TransactionsRepository,
    private readonly writes: LedgerWrites,
    private readonly providers: Pick<Providers, 'numeropay'>,
    private readonly logger: Logger,
    private readonly options: NumeroPayReconciliationOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async runOnce(limit = 50): Promise<ReconciliationRound> {
    const numeropay = this.providers.numeropay;
    if (!numeropay) return { checked: 0, settled: 0 };
    const olderThan = new Date(this.now() - this.options.afterMs).toISOString();
    const unknown = await this.transactions.listUnknown(Provider.NUMEROPAY, olderThan, limit);
    let settled = 0;
    for (const record of unknown) {
      try {
        const createdAt = Date.parse(record.createdAt);
        const listed = await numeropay.listPayments({
          createdAtOrBefore: new Date(createdAt + this.options.windowMs),
          businessNames: [numeropay.businessName],
          limit: 100,
        });
        const match = await this.exactMatch(record, listed, numeropay.businessName);
        if (match && (await this.settle(record, match))) settled++;
      } catch (error) {
        this.logger.warn(
          { transactionId: record.id, err: error },
          'NumeroPay list unavailable; asked again later',
        );
      }
    }
    if (settled > 0)
      this.logger.info({ checked: unknown.length, settled }, 'UNKNOWN NumeroPay payments settled');
    return { checked: unknown.length, settled };
  }

  private async exactMatch(
    record: TransactionRecord,
    listed: readonly NumeroPayPayment[],
    businessName: string,
  ): Promise<NumeroPayPayment | undefined> {
    const createdAt = Date.parse(record.createdAt);
    const candidates = listed.filter(
      (payment) =>
        payment.createdAt.getTime() >= createdAt - this.options.windowMs &&
        payment.createdAt.getTime() <= createdAt + this.options.windowMs &&
        compareDecimals(payment.amount, record.amount) === 0 &&
        payment.currency === record.currency.toUpperCase() &&
        payment.businessName === businessName &&
        (payment.description ?? null) === (record.description || null),
    );
    const unlinked: NumeroPayPayment[] = [];
    for (const candidate of candidates) {
      if (!(await this.transactions.isReferenceLinked(Provider.NUMEROPAY, candidate.providerReference)))
        unlinked.push(candidate);
    }
    return unlinked.length === 1 ? unlinked[0] : undefined;
  }

  private async settle(record: TransactionRecord, payment: NumeroPayPayment): Promise<boolean> {
    const status =
      payment.status === TransactionStatus.SUCCEEDED ? TransactionStatus.SUCCEEDED : payment.status;
    const moved = await this.writes.run(async (trx) => {
      const settled = await this.transactions.settleUnknown(
        record.id,
        { status, providerReference: payment.providerReference, errorCode: null },
        trx,
      );
      if (settled) {
        await this.transactions.recordResolution(
          {
            id: randomUUID(),
            transaction_id: record.id,
            operator: RECONCILER,
            from_status: TransactionStatus.UNKNOWN,
            to_status: status,
            reason: `the one NumeroPay payment of this amount, currency, business name and description in the window: ${payment.providerReference}`,
          },
          trx,
        );
      }
      return settled;
    });
    return moved !== undefined;
  }
}
