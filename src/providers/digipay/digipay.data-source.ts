import type { DigiPayConfig } from '../../config/digipay.config.js';
import { Provider } from '../../domain/provider.js';
import { type Settlement } from '../../domain/transaction.js';
import type { ProviderDeps } from '../shared/provider-deps.js';
import { DigiPayClient } from './digipay.client.js';
import {
  toDigiPayTopupRequest,
  toTopupQuote,
  toTopupSettlement,
  type WalletTopupInput,
  type WalletTopupQuote,
} from './digipay.mapper.js';

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

  /** The charges DigiPay would add to this top-up. Moves no money. */
  async quoteTopup(input: WalletTopupInput): Promise<WalletTopupQuote> {
    const data = await this.client.calculateCharges(toDigiPayTopupRequest(input));
    return toTopupQuote(data, input, this.currency);
  }

  /**
   * Tops the wallet up, once. Resolves with the settlement DigiPay reported (txn_status mapped); throws
   * ProviderError when DigiPay refused (outcome known) or when the answer never arrived (outcome unknown).
   */
  async topupWallet(input: WalletTopupInput): Promise<Settlement> {
    const data = await this.client.walletTopup(toDigiPayTopupRequest(input));
    return toTopupSettlement(data);
  }
}
