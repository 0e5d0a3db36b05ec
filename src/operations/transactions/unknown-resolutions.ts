import { randomUUID } from 'node:crypto';
import { PROVIDER_NAMES } from '../../domain/provider.js';
import { TransactionStatus, type TransactionRecord } from '../../domain/transaction.js';
import type { TransactionResolution } from '../../domain/transaction-resolution.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { userFailure, type UserFailure } from '../../domain/user-failure.js';
import type { LedgerWrites } from '../../ledger/ledger-writes.js';
import type { TransactionsRepository } from '../../ledger/transactions.repository.js';
import { statusSources, type Providers } from '../../providers/registry.js';
import type { MoneyMovementOutcome } from './money-movement.js';

export interface ResolveUnknownCommand {
  /** The transaction's local id (already decoded from its global id). */
  transactionId: string;
  outcome: TransactionStatus.SUCCEEDED | TransactionStatus.FAILED;
  reason: string;
}

/**
 * Settles UNKNOWN transactions that no status API can settle (Nupeye, DigiPay): an operator who has
 * checked with the provider says SUCCEEDED or FAILED, with a reason, and the decision is kept in an audit
 * trail beside the move, in one unit of work. Nothing is ever re-sent.
 */
export class UnknownResolutions {
  constructor(
    private readonly transactions: TransactionsRepository,
    private readonly writes: LedgerWrites,
    private readonly providers: Providers,
  ) {}

  async resolve(
    operator: string,
    command: ResolveUnknownCommand,
    inputFailures: UserFailure[] = [],
  ): Promise<MoneyMovementOutcome> {
    const refused = (failure: UserFailure, transaction: TransactionRecord | null = null) => ({
      transaction,
      userErrors: [...inputFailures, failure],
      replayed: false,
    });
    const reason = command.reason.trim();
    if (reason === '')
      inputFailures.push(
        userFailure(UserErrorCode.INVALID_INPUT, 'reason must not be empty', ['input', 'reason']),
      );
    const record = await this.transactions.findById(command.transactionId);
    if (!record)
      return refused(
        userFailure(UserErrorCode.NOT_FOUND, 'No transaction with this id', ['input', 'transactionId']),
      );
    if (statusSources(this.providers)[record.provider]) {
      return refused(
        userFailure(
          UserErrorCode.DECLINED,
          `${PROVIDER_NAMES[record.provider]} has a status API: its transactions are settled from it, not by hand`,
          ['input', 'transactionId'],
        ),
        record,
      );
    }
    if (record.status !== TransactionStatus.UNKNOWN) {
      return refused(
        userFailure(UserErrorCode.DECLINED, `The transaction is not UNKNOWN (it is ${record.status})`, [
          'input',
          'transactionId',
        ]),
        record,
      );
    }
    if (inputFailures.length > 0) return { transaction: null, userErrors: inputFailures, replayed: false };
    const moved = await this.writes.run(async (trx) => {
      const settled = await this.transactions.settleUnknown(
        record.id,
        {
          status: command.outcome,
          ...(command.outcome === TransactionStatus.SUCCEEDED ? { errorCode: null } : {}),
        },
        trx,
      );
      if (settled) {
        await this.transactions.recordResolution(
          {
            id: randomUUID(),
            transaction_id: record.id,
            operator,
            from_status: record.status,
            to_status: command.outcome,
            reason,
          },
          trx,
        );
      }
      return settled;
    });
    if (moved) return { transaction: moved, userErrors: [], replayed: false };
    const current = (await this.transactions.findById(record.id)) ?? record;
    return refused(
      userFailure(UserErrorCode.DECLINED, `The transaction is not UNKNOWN (it is ${current.status})`, [
        'input',
        'transactionId',
      ]),
      current,
    );
  }

  /** The audit trail of a transaction's resolutions, oldest first. */
  async trail(transactionId: string): Promise<TransactionResolution[]> {
    const rows = await this.transactions.resolutions(transactionId);
    return rows.map((row) => ({
      by: row.operator,
      at: row.created_at,
      from: row.from_status as TransactionStatus,
      to: row.to_status as TransactionStatus,
      reason: row.reason,
    }));
  }
}
