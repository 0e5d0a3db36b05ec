import type { DigiPayConfig } from '../../config/digipay.config.js';
import { Provider } from '../../domain/provider.js';
import type { AmountLimit } from '../../domain/money.js';
import type { ProviderAnswer } from '../../domain/provider-answer.js';
import { answerOf, refusable, type Refusable } from '../shared/answer.js';
import { beforeSending } from '../shared/provider-error.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import { DigiPayClient } from './digipay.client.js';
import {
  amountLimit,
  rejectionForStatus,
  toDigiPayTopupRequest,
  toTopupAnswer,
  toTopupQuote,
  type WalletTopupInput,
} from './digipay.mapper.js';
import { type WalletTopupQuote } from '../../domain/wallet.js';

/** What resolvers call for DigiPay. Owns the static credentials; never sees the ledger. */
export class DigiPayDataSource {
  readonly provider = Provider.DIGIPAY;
  /** DigiPay states no currency; every amount to and from it is in this configured one. */
  readonly currency: string;
  private readonly client: DigiPayClient;

  constructor(config: DigiPayConfig, deps: ProviderDeps) {
    this.currency = config.currency;
    this.client = new DigiPayClient(config, deps);
  }

  /** Why DigiPay cannot take this amount exactly, if it cannot. */
  readonly amountLimit: AmountLimit = amountLimit;

  /** The charges DigiPay would add to this top-up, or its refusal. Moves no money. */
  async quoteTopup(input: WalletTopupInput): Promise<Refusable<WalletTopupQuote>> {
    const body = await beforeSending(this.provider, () => toDigiPayTopupRequest(input));
    return refusable(
      async () => toTopupQuote(await this.client.calculateCharges(body), input, this.currency),
      (error) => rejectionForStatus(error.status),
    );
  }

  /**
   * Tops the wallet up, once: the status DigiPay reported (txn_status mapped), or its refusal; throws
   * ProviderError when the answer never arrived.
   */
  async topupWallet(input: WalletTopupInput): Promise<ProviderAnswer> {
    const body = await beforeSending(this.provider, () => toDigiPayTopupRequest(input));
    return answerOf(
      () => this.client.walletTopup(body),
      toTopupAnswer,
      (error) => rejectionForStatus(error.status),
    );
  }
}
