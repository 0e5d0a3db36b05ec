import type { NchlConfig } from '../../config/nchl.config.js';
import { Provider } from '../../domain/provider.js';
import { ProviderHttpClient } from '../shared/http-client.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import { signSha256WithRsa } from '../../crypto/signing.js';
import { TokenManager, tokenSharing } from '../shared/token-manager.js';
import { NchlAuth, type NchlCredential } from './nchl.auth.js';
import { NchlClient, type NchlCashOutResult } from './nchl.client.js';
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
export class NchlInvalidInputError extends Error {
  constructor(readonly problems: NchlFieldProblem[]) {
    super(`invalid NCHL input: ${problems.map((problem) => problem.field).join(', ')}`);
    this.name = 'NchlInvalidInputError';
  }
}

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

  /** When the reconciler asks NCHL about withdrawals left open (NCHL_RECONCILE_*). */
  get reconciliation(): { afterMs: number; intervalMs: number } {
    return { afterMs: this.config.reconcileAfterMs, intervalMs: this.config.reconcileIntervalMs };
  }

  /** Asks NCHL to send the customer an OTP for a cardless withdrawal. Resolves when NCHL accepted. */
  async requestWithdrawal(request: NchlWithdrawalRequest): Promise<void> {
    const { problems, rupees } = checkWithdrawalRequest(request);
    if (!/^[\x21-\x7e]{1,36}$/.test(request.transactionUniqueId)) {
      problems.push({
        field: 'transactionUniqueId',
        kind: 'field',
        message: 'transactionUniqueId is invalid',
      });
    }
    if (problems.length > 0 || rupees === undefined) throw new NchlInvalidInputError(problems);
    const tokenString = [request.mobileNumber, request.transactionUniqueId, rupees, this.config.userId].join(
      ',',
    );
    await this.client.createRequest({
      amount: rupees,
      mobileNumber: request.mobileNumber,
      accountName: request.accountName,
      accountNumber: request.accountNumber,
      branchId: request.branchId,
      bankId: request.bankId,
      transactionUniqueId: request.transactionUniqueId,
      currencyCode: 'NPR',
      remarks: request.remarks,
      token: signSha256WithRsa(this.config.signingKey, tokenString),
    });
  }

  /** Pays out the cash of a request against the customer's OTP (an ATM operator's call). */
  async cashOut(fields: NchlCashOutFields): Promise<NchlCashOutResult> {
    const { problems, rupees } = checkCashOut(fields);
    if (problems.length > 0 || rupees === undefined) throw new NchlInvalidInputError(problems);
    return this.client.cashWithdrawal({ ...fields, amount: rupees });
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
