import { Provider } from '../../domain/provider.js';
import { TransactionKind } from '../../domain/transaction.js';

/**
 * The transactions that name a wallet in `account_ref`: a DigiPay top-up names the DigiPay wallet id, a
 * Nupeye wallet transfer the mobile number of the Nupeye wallet. Other kinds (a Nupeye recharge also names a
 * mobile number) are not wallet use.
 */
export const WALLET_KIND_BY_PROVIDER: ReadonlyMap<Provider, TransactionKind> = new Map([
  [Provider.DIGIPAY, TransactionKind.WALLET_TOPUP],
  [Provider.NUPEYE, TransactionKind.WALLET_TRANSFER],
]);
