import { Provider } from './provider.js';
import { TransactionKind } from './transaction.js';
import { type Money } from './money.js';

/**
 * The transactions that name a wallet in `account_ref`: a DigiPay top-up names the DigiPay wallet id, a
 * Nupeye wallet transfer the mobile number of the Nupeye wallet. Other kinds (a Nupeye recharge also names a
 * mobile number) are not wallet use.
 */
export const WALLET_KIND_BY_PROVIDER: ReadonlyMap<Provider, TransactionKind> = new Map([
  [Provider.DIGIPAY, TransactionKind.WALLET_TOPUP],
  [Provider.NUPEYE, TransactionKind.WALLET_TRANSFER],
]);

/** Position in the most-recently-used-first order of a user's wallets. */
export interface WalletCursor {
  lastUsedAt: string;
  provider: string;
  walletId: string;
}

/** What identifies a wallet: the provider and the provider's own id for it. */
export interface WalletKey {
  provider: Provider;
  walletId: string;
}

export interface WalletRow {
  provider: Provider;
  walletId: string;
  currency: string;
  lastUsedAt: string;
}

export interface ChargeLine {
  name: string;
  amount: Money;
}

export interface WalletTopupQuote {
  walletId: string;
  amount: Money;
  charges: ChargeLine[];
  totalCharges: Money;
}
