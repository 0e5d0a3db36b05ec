import type { BuildSchemaOptions } from 'type-graphql';
import { NodeResolver } from './node/node.resolver.js';
import { NupeyeResolver } from './nupeye/nupeye.resolver.js';
import { PaymentResolver } from './payment/payment.resolver.js';
import { ProviderStatusResolver } from './provider/provider-status.resolver.js';
import { TransactionResolver } from './transaction/transaction.resolver.js';
import { UserTransactionsResolver } from './user/user-transactions.resolver.js';
import { UserResolver } from './user/user.resolver.js';
import { UserWalletsResolver } from './wallet/user-wallets.resolver.js';
import { WalletTopupResolver } from './wallet/wallet-topup.resolver.js';
import { WalletResolver } from './wallet/wallet.resolver.js';

/** Every resolver class of the schema. */
export const resolvers: BuildSchemaOptions['resolvers'] = [
  NodeResolver,
  ProviderStatusResolver,
  TransactionResolver,
  UserResolver,
  UserTransactionsResolver,
  PaymentResolver,
  NupeyeResolver,
  WalletResolver,
  UserWalletsResolver,
  WalletTopupResolver,
];
