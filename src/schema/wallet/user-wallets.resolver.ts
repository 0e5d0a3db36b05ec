import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { PageArgs } from '../common/connection.js';
import { User } from '../user/user.type.js';
import { listWallets } from './list-wallets.js';
import { WalletConnection } from './wallet.connection.js';

@Resolver(() => User)
export class UserWalletsResolver {
  @FieldResolver(() => WalletConnection, {
    description:
      'The wallets the user has moved money to through PayGraph (DigiPay top-ups, Nupeye wallet transfers), most recently used first. A wallet id whose every transaction failed is not listed.',
  })
  async wallets(
    @Root() user: User,
    @Args() page: PageArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<WalletConnection> {
    return listWallets(context, user.subject, page);
  }
}
