import type { BuildSchemaOptions } from 'type-graphql';
import { CardResolver } from './card/card.resolver.js';
import { UserCardsResolver } from './card/user-cards.resolver.js';
import { NodeResolver } from './node/node.resolver.js';
import { NupeyeResolver } from './nupeye/nupeye.resolver.js';
import { PaymentResolver } from './payment/payment.resolver.js';
import { ProviderStatusResolver } from './provider/provider-status.resolver.js';
import { TransactionResolver } from './transaction/transaction.resolver.js';
import { AccountResolver } from './user/account.resolver.js';
import { PasswordResolver } from './user/password.resolver.js';
import { SessionResolver } from './user/session.resolver.js';
import { UserAccountResolver } from './user/user-account.resolver.js';
import { UserTransactionsResolver } from './user/user-transactions.resolver.js';
import { UserResolver } from './user/user.resolver.js';
import { UserWalletsResolver } from './wallet/user-wallets.resolver.js';
import { WalletTopupResolver } from './wallet/wallet-topup.resolver.js';
import { WalletResolver } from './wallet/wallet.resolver.js';
import { UserWithdrawalsResolver } from './withdrawal/user-withdrawals.resolver.js';
import { WithdrawalMutationsResolver } from './withdrawal/withdrawal-mutations.resolver.js';
import { WithdrawalSubscriptionResolver } from './withdrawal/withdrawal-subscription.resolver.js';
import { WithdrawalResolver } from './withdrawal/withdrawal.resolver.js';

/** Every resolver class of the schema. */
export const resolvers: BuildSchemaOptions['resolvers'] = [
  NodeResolver,
  ProviderStatusResolver,
  TransactionResolver,
  UserResolver,
  UserTransactionsResolver,
  UserAccountResolver,
  AccountResolver,
  PasswordResolver,
  SessionResolver,
  CardResolver,
  UserCardsResolver,
  PaymentResolver,
  NupeyeResolver,
  WalletResolver,
  UserWalletsResolver,
  WalletTopupResolver,
  WithdrawalResolver,
  WithdrawalMutationsResolver,
  WithdrawalSubscriptionResolver,
  UserWithdrawalsResolver,
];
