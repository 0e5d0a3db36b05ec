import type { Logger } from 'pino';
import { OPERATOR_SCOPE, type Principal } from '../../domain/principal.js';
import { compareDecimals } from '../../domain/money.js';
import { Provider } from '../../domain/provider.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { userFailure, type UserFailure } from '../../domain/user-failure.js';
import {
  isFinalWithdrawalStatus,
  WithdrawalStatus,
  type WithdrawalCursor,
  type WithdrawalRecord,
} from '../../domain/withdrawal.js';
import type { LedgerWrites } from '../../ledger/ledger-writes.js';
import type { WithdrawalsRepository } from '../../ledger/withdrawals.repository.js';
import type { Providers } from '../../providers/registry.js';
import { transactionUniqueIdFor } from '../../providers/nchl/nchl.transaction-id.js';
import { toLedgerReport } from '../../providers/nchl/nchl.mapper.js';
import { checkCashOut, checkWithdrawalRequest } from '../../providers/nchl/nchl.validation.js';
import type { IdempotentExecutor } from '../executor/idempotent-executor.js';
import { requireProvider } from '../outcomes/require-provider.js';
import { cashOutResource, type CashOutDetails } from './cash-out-resource.js';
import { problemsAsFailures } from './withdrawal-checks.js';
import {
  cashOutOutcome,
  refusedWithdrawal,
  requestOutcome,
  WITHDRAWAL_NOT_FOUND,
  type WithdrawalOutcome,
} from './withdrawal-outcomes.js';
import type { WithdrawalProgressTracker } from './withdrawal-progress.js';
import { withdrawalResource } from './withdrawal-resource.js';

export interface RequestWithdrawalCommand {
  idempotencyKey: string;
  amount: string;
  mobileNumber: string;
  accountName: string;
  accountNumber: string;
  branchId: string;
  bankId: string;
  remarks: string;
}

export interface CompleteCashOutCommand extends CashOutDetails {
  idempotencyKey: string;
  /** The withdrawal's local id (already decoded from its global id). */
  withdrawalId: string;
  amount: string;
  /** The customer's OTP: passed to the provider for this call only, never stored or hashed. */
  otp: string;
}

/** Cash-out attempts an operator must look at: paid, but not (or not certainly) for the claimed withdrawal. */
export const CASH_OUT_EXCEPTION_STATES = ['UNATTRIBUTED', 'MISMATCHED'] as const;

/** Cardless withdrawals through NCHL: request, cash-out at the ATM, reads and refresh from the report. */
export class WithdrawalOperations {
  constructor(
    private readonly providers: Pick<Providers, 'nchl'>,
    private readonly executor: IdempotentExecutor,
    private readonly repository: WithdrawalsRepository,
    private readonly writes: LedgerWrites,
    private readonly progress: WithdrawalProgressTracker,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async requestWithdrawal(
    principal: string,
    command: RequestWithdrawalCommand,
    inputFailures: UserFailure[] = [],
  ): Promise<WithdrawalOutcome> {
    const nchl = requireProvider(this.providers.nchl, Provider.NCHL);
    const fields = {
      amount: command.amount,
      mobileNumber: command.mobileNumber,
      accountName: command.accountName,
      accountNumber: command.accountNumber,
      branchId: command.branchId,
      bankId: command.bankId,
      remarks: command.remarks,
    };
    const { problems, rupees } = checkWithdrawalRequest(fields);
    const failures = [...inputFailures, ...problemsAsFailures(problems)];
    if (failures.length > 0 || rupees === undefined) return refusedWithdrawal(failures);
    const request = { ...fields, amount: rupees };
    const transactionUniqueId = transactionUniqueIdFor(principal, command.idempotencyKey);
    const result = await this.executor.execute({
      principal,
      idempotencyKey: command.idempotencyKey,
      operation: 'requestCardlessWithdrawal',
      fingerprint: request,
      resource: withdrawalResource(this.repository, this.progress, {
        principal,
        idempotencyKey: command.idempotencyKey,
        fields: { ...request, provider: Provider.NCHL, currency: 'NPR', transactionUniqueId },
      }),
      send: () => nchl.requestWithdrawal({ ...request, transactionUniqueId }),
    });
    return requestOutcome(result);
  }

  /** An operator's cash-out at the ATM of a withdrawal they may see. */
  async completeCashOut(
    operator: Principal,
    command: CompleteCashOutCommand,
    inputFailures: UserFailure[] = [],
  ): Promise<WithdrawalOutcome> {
    const nchl = requireProvider(this.providers.nchl, Provider.NCHL);
    const visible = await this.visible(operator, command.withdrawalId);
    if (!visible) return refusedWithdrawal([...inputFailures, WITHDRAWAL_NOT_FOUND]);
    // A request whose answer was lost may well be open at the provider: ask before refusing the cash-out.
    const [withdrawal = visible] =
      visible.status === WithdrawalStatus.UNKNOWN ? await this.refresh([visible]) : [visible];
    const fields = {
      verificationCode: command.otp,
      mobileNumber: withdrawal.mobileNumber,
      amount: command.amount,
      bankCode: command.bankCode,
      traceNumber: command.traceNumber,
      referenceNumber: command.referenceNumber,
      terminalId: command.terminalId,
    };
    const { problems, rupees } = checkCashOut(fields);
    const failures = [...inputFailures, ...problemsAsFailures(problems, { verificationCode: 'otp' })];
    if (rupees !== undefined && compareDecimals(rupees, withdrawal.amount) !== 0) {
      failures.push(
        userFailure(UserErrorCode.INVALID_AMOUNT, 'amount must equal the amount of the withdrawal', [
          'input',
          'amount',
        ]),
      );
    }
    if (failures.length > 0 || rupees === undefined) return refusedWithdrawal(failures);
    const details: CashOutDetails = {
      bankCode: command.bankCode,
      traceNumber: command.traceNumber,
      referenceNumber: command.referenceNumber,
      terminalId: command.terminalId,
    };
    const result = await this.executor.execute({
      principal: operator.id,
      idempotencyKey: command.idempotencyKey,
      operation: 'completeCashWithdrawal',
      // The OTP is no part of the attempt's identity and is never stored, not even hashed.
      fingerprint: { withdrawalId: withdrawal.id, amount: rupees, ...details },
      resource: cashOutResource(this.repository, this.writes, this.progress, {
        withdrawalId: withdrawal.id,
        provider: withdrawal.provider,
        operator: operator.id,
        idempotencyKey: command.idempotencyKey,
        details,
      }),
      send: () => nchl.cashOut({ ...fields, amount: rupees }),
    });
    return cashOutOutcome(result, command.idempotencyKey);
  }

  /**
   * The withdrawal if the caller may see it: the account holder who requested it, or an operator (who pays
   * it out). Undefined otherwise, so ids of others' withdrawals reveal nothing.
   */
  async visible(principal: Principal, id: string): Promise<WithdrawalRecord | undefined> {
    const record = await this.repository.findById(id);
    if (!record) return undefined;
    return record.principal === principal.id || principal.scopes.includes(OPERATOR_SCOPE)
      ? record
      : undefined;
  }

  /** Newest first; `limit + 1` rows tell whether a next page exists. */
  list(
    filter: { principal: string; status?: WithdrawalStatus },
    limit: number,
    after?: WithdrawalCursor,
  ): Promise<WithdrawalRecord[]> {
    return this.repository.list(filter, limit, after);
  }

  /** Cash-outs that paid out, but not certainly (or not at all) the withdrawal they were made for. */
  cashOutExceptions(limit: number, after?: WithdrawalCursor): Promise<WithdrawalRecord[]> {
    return this.repository.listByCashOutState(CASH_OUT_EXCEPTION_STATES, limit, after);
  }

  /**
   * Open withdrawals refreshed from the provider's report, in the order given (a DataLoader batch
   * function): what the report says is applied forward only. When the provider cannot answer, the
   * recorded withdrawal stands.
   */
  async refresh(records: readonly WithdrawalRecord[]): Promise<WithdrawalRecord[]> {
    const refreshed = await this.refreshFromReports(records);
    return records.map((record, index) => refreshed[index] ?? record);
  }

  /**
   * Like refresh, with undefined where the provider's report could not be had (ask again later); `now` is
   * the clock that tells whether a request's timeout has passed.
   */
  async refreshFromReports(
    records: readonly WithdrawalRecord[],
    now: () => number = this.now,
  ): Promise<(WithdrawalRecord | undefined)[]> {
    const nchl = this.providers.nchl;
    const askable = (record: WithdrawalRecord) =>
      record.provider === Provider.NCHL && !isFinalWithdrawalStatus(record.status);
    const asked = records.filter(askable);
    if (!nchl || asked.length === 0) return records.map(() => undefined);
    const reports = await nchl.reports(asked.map((record) => record.transactionUniqueId));
    const timing = { requestTimeoutMs: nchl.reconciliation.requestTimeoutMs, now };
    const refreshed = new Map<string, WithdrawalRecord>();
    await Promise.all(
      asked.map(async (record, index) => {
        const report = reports[index];
        if (report instanceof Error) {
          this.logger.warn(
            { withdrawalId: record.id, err: report },
            'NCHL report unavailable; the recorded status stands',
          );
          return;
        }
        refreshed.set(
          record.id,
          await this.progress.applyReport(record, report && toLedgerReport(report), timing),
        );
      }),
    );
    return records.map((record) => refreshed.get(record.id));
  }
}
