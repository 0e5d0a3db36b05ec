import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { PageArgs } from '../common/connection.js';
import { TransactionConnection } from '../transaction/transaction.connection.js';
import { listTransactions } from '../transaction/list-transactions.js';
import { TransactionFilter } from '../transaction/transaction-filter.input.js';
import { User } from './user.type.js';

@Resolver(() => User)
export class UserTransactionsResolver {
  @FieldResolver(() => TransactionConnection, {
    description: "The user's transactions across every provider, newest first.",
  })
  async transactions(
    @Root() user: User,
    @Args() page: PageArgs,
    @Arg('filter', () => TransactionFilter, { nullable: true, description: 'Narrows the list.' })
    filter: TransactionFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<TransactionConnection> {
    return listTransactions(context, user.subject, page, filter);
  }
}
