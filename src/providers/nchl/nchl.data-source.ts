import type { NchlConfig } from '../../config/nchl.config.js';
import { Provider } from '../../domain/provider.js';
import { Rejection } from '../../domain/rejection.js';
import type { CashOutAnswer } from '../../domain/withdrawal.js';
import { refusable, type Refusable } from '../shared/answer.js';
import { beforeSending, NotSentError } from '../shared/provider-error.js';
import { ProviderHttpClient } from '../shared/http-client.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import { signSha256WithRsa } from '../../crypto/signing.js';
import { TokenManager, tokenSharing } from '../shared/token-manager.js';
import { NchlAuth, type NchlCredential } from './nchl.auth.js';
import { NchlClient, type NchlCashOutRejection } from './nchl.client.js';
import { readReportRecord, type NchlWithdrawalReport } from './nchl.mapper.js';
import { NchlNotificationVerifier } from './nchl.notification.js';
import {
  checkCashOut,
  checkWithdrawalRequest,
  type NchlCashOutFields,
  type NchlFieldProblem,
  type NchlWithdrawalRequestFields,
} from './nchl.validation.js';

export interface NchlWithdrawalRequest extends NchlWithdrawalRequestFields {
  /** 36 characters, unique per request (see transactionUniqueIdFor). */
  transactionUniqueId: string;
}

export interface NchlDataSourceOptions {
  /** Clock of the token lifecycle, for tests that move past expiry. */
  now?: () => number;
}

/** Input that breaks the document's field rules; thrown before anything is sent. */
export class NchlInvalidInputError extends NotSentError {
  constructor(readonly problems: NchlFieldProblem[]) {
    super(
      Provider.NCHL,
      'PROVIDER_BAD_REQUEST',
      `invalid NCHL input: ${problems.map((problem) => problem.field).join(', ')}`,
    );
    this.name = 'NchlInvalidInputError';
  }
}

const CASH_OUT_REJECTIONS: Readonly<Record<NchlCashOutRejection, Rejection>> = {
  WRONG_OTP: Rejection.WRONG_OTP,
  EXPIRED: Rejection.OTP_EXPIRED,
  AMOUNT_MISMATCH: Rejection.AMOUNT_MISMATCH,
  DECLINED: Rejection.DECLINED,
};

/** Reports asked of NCHL at once; the rest wait, so a burst of reads cannot crowd out payouts. */
const REPORT_CONCURRENCY = 8;

/** What resolvers, the notification endpoint and the reconciler use of NCHL NPI. */
export class NchlDataSource {
  readonly tokens: TokenManager<NchlCredential>;
  readonly notifications: NchlNotificationVerifier;
  private readonly client: NchlClient;

  constructor(
    private readonly config: NchlConfig,
    deps: ProviderDeps,
    options: NchlDataSourceOptions = {},
  ) {
    const http = new ProviderHttpClient({
      provider: Provider.NCHL,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      logger: deps.logger,
      metrics: deps.metrics,
      client: deps.httpClient,
    });
    const auth = new NchlAuth(http, {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      username: config.username,
      password: config.password,
      refreshSkewMs: config.tokenRefreshSkewMs,
      now: options.now,
    });
    this.tokens = new TokenManager(Provider.NCHL, auth, {
      skewMs: config.tokenRefreshSkewMs,
      metrics: deps.metrics,
      now: options.now,
      ...tokenSharing(deps, config.timeoutMs),
    });
    this.client = new NchlClient(http, this.tokens);
    this.notifications = new NchlNotificationVerifier(config);
  }

  /**
   * When open withdrawals are asked about (NCHL_RECONCILE_*), and how long a create-request may take: only
   * after that may a report that does not know a request mean NCHL never received it.
   */
  get reconciliation(): { afterMs: number; intervalMs: number; requestTimeoutMs: number } {
    return {
      afterMs: this.config.reconcileAfterMs,
      intervalMs: this.config.reconcileIntervalMs,
      requestTimeoutMs: this.config.timeoutMs,
    };
  }

  /**
   * Asks NCHL to send the customer an OTP for a cardless withdrawal: accepted, or refused with a rejection.
   * Input outside the document's rules, or a signature that cannot be made, fails as NotSentError.
   */
  async requestWithdrawal(request: NchlWithdrawalRequest): Promise<Refusable<void>> {
    const body = await beforeSending(Provider.NCHL, async () => {
      const { problems, rupees } = checkWithdrawalRequest(request);
      if (!/^[\x21-\x7e]{1,36}$/.test(request.transactionUniqueId)) {
        problems.push({
          field: 'transactionUniqueId',
          kind: 'field',
          message: 'transactionUniqueId is invalid',
        });
      }
      if (problems.length > 0 || rupees === undefined) throw new NchlInvalidInputError(problems);
      const tokenString = [
        request.mobileNumber,
        request.transactionUniqueId,
        rupees,
        this.config.userId,
      ].join(',');
      return {
        amount: rupees,
        mobileNumber: request.mobileNumber,
        accountName: request.accountName,
        accountNumber: request.accountNumber,
        branchId: request.branchId,
        bankId: request.bankId,
        transactionUniqueId: request.transactionUniqueId,
        currencyCode: 'NPR' as const,
        remarks: request.remarks,
        token: signSha256WithRsa(await this.config.signingKey, tokenString),
      };
    });
    return refusable(
      () => this.client.createRequest(body),
      () => Rejection.DECLINED,
    );
  }

  /** Pays out the cash of a request against the customer's OTP (an ATM operator's call). */
  async cashOut(fields: NchlCashOutFields): Promise<CashOutAnswer> {
    const body = await beforeSending(Provider.NCHL, () => {
      const { problems, rupees } = checkCashOut(fields);
      if (problems.length > 0 || rupees === undefined) throw new NchlInvalidInputError(problems);
      return { ...fields, amount: rupees };
    });
    const result = await this.client.cashWithdrawal(body);
    if (!result.paid) return { paid: false, rejection: CASH_OUT_REJECTIONS[result.reason] };
    const { cashOut } = result;
    return {
      paid: true,
      payout: {
        accountNumber: cashOut.accountNumber,
        mobileNumber: cashOut.mobileNumber,
        amount: cashOut.amount,
        bookedAt: cashOut.bookedAt?.toISOString(),
        referenceId: cashOut.referenceId,
      },
    };
  }

  /** NCHL's view of one request, or undefined when NCHL does not know it. */
  async report(transactionUniqueId: string): Promise<NchlWithdrawalReport | undefined> {
    const record = await this.client.report(transactionUniqueId);
    return record ? readReportRecord(record) : undefined;
  }

  /** Reports of several requests (NCHL answers one per call), in order; an Error where one failed. */
  async reports(
    transactionUniqueIds: readonly string[],
  ): Promise<(NchlWithdrawalReport | undefined | Error)[]> {
    const results: (NchlWithdrawalReport | undefined | Error)[] = new Array(transactionUniqueIds.length);
    let next = 0;
    const worker = async () => {
      while (next < transactionUniqueIds.length) {
        const index = next++;
        try {
          results[index] = await this.report(transactionUniqueIds[index]!);
        } catch (error) {
          results[index] = error instanceof Error ? error : new Error(String(error));
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(REPORT_CONCURRENCY, transactionUniqueIds.length) }, worker),
    );
    return results;
  }
}
