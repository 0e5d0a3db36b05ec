import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { PageArgs } from '../common/connection.js';
import { requirePrincipal } from '../common/require-principal.js';
import { TransactionConnection } from '../transaction/transaction.connection.js';
import { listWalletTransactions } from './wallet-transactions.js';
import { Wallet } from './wallet.type.js';
import { NoProviderCallsBelow } from '../common/provider-calls.js';

@Resolver(() => Wallet)
export class WalletResolver {
  @NoProviderCallsBelow()
  @FieldResolver(() => TransactionConnection, {
    description: "The caller's transactions to this wallet, newest first, including failed ones.",
  })
  async transactions(
    @Root() wallet: Wallet,
    @Args() page: PageArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<TransactionConnection> {
    return listWalletTransactions(context, requirePrincipal(context).id, wallet, page);
  }
}
