import { Provider } from '../../domain/provider.js';
import type { NupeyeConfig } from '../../config/nupeye.config.js';
import { ProviderHttpClient } from '../shared/http-client.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import { TokenManager, tokenSharing } from '../shared/token-manager.js';
import { NupeyeAuth, type NupeyeCredential } from './nupeye.auth.js';
import { NupeyeClient } from './nupeye.client.js';
import type { ProviderAnswer } from '../../domain/provider-answer.js';
import { answerOf } from '../shared/answer.js';
import { answerOf as nupeyeAnswer, rejectionOf } from './nupeye.mapper.js';

export interface NupeyeRecharge {
  /** Ten digits, already validated. */
  mobileNumber: string;
  /** Decimal string, already validated. */
  amount: string;
  /** The end user's Nupeye login: passed to Nupeye and nowhere else. */
  userName: string;
  password: string;
}

export interface NupeyeTransfer {
  mobileNumber: string;
  amount: string;
}

export interface NupeyeDataSourceOptions {
  /** Clock of the token lifecycle, for tests that move past expiry. */
  now?: () => number;
}

/** What resolvers call for Nupeye. Owns the API credentials and the token; never sees the ledger. */
export class NupeyeDataSource {
  readonly provider = Provider.NUPEYE;
  readonly currency: string;
  private readonly client: NupeyeClient;
  private readonly tokens: TokenManager<NupeyeCredential>;

  constructor(
    private readonly config: NupeyeConfig,
    deps: ProviderDeps,
    options: NupeyeDataSourceOptions = {},
  ) {
    this.currency = config.currency;
    const http = new ProviderHttpClient({
      provider: Provider.NUPEYE,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      logger: deps.logger,
      metrics: deps.metrics,
      client: deps.httpClient,
    });
    const auth = new NupeyeAuth(http, {
      apiUser: config.apiUser,
      apiKey: config.apiKey,
      tokenLifetimeMs: config.tokenLifetimeMs,
      now: options.now,
    });
    this.tokens = new TokenManager(Provider.NUPEYE, auth, {
      // Renew well before the 24 hours are up, but within a short lifetime configured for tests.
      skewMs: Math.min(5 * 60_000, Math.floor(config.tokenLifetimeMs / 10)),
      metrics: deps.metrics,
      now: options.now,
      ...tokenSharing(deps, config.timeoutMs),
    });
    this.client = new NupeyeClient(http, this.tokens);
  }

  /** Recharges a mobile number; a refusal is an answer (FAILED with its rejection), not an error. */
  rechargeMobile(recharge: NupeyeRecharge): Promise<ProviderAnswer> {
    const body = {
      mobile_no: recharge.mobileNumber,
      amount: recharge.amount,
      app_id: this.config.apiUser,
      user_name: recharge.userName,
      user_password: recharge.password,
    };
    return answerOf(() => this.client.rechargeAccount(body), nupeyeAnswer, rejectionOf);
  }

  transferToWallet(transfer: NupeyeTransfer): Promise<ProviderAnswer> {
    const body = { mobile_no: transfer.mobileNumber, amount: transfer.amount, app_id: this.config.apiUser };
    return answerOf(() => this.client.transferAmount(body), nupeyeAnswer, rejectionOf);
  }
}
