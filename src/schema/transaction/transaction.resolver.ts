import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../domain/global-id.js';
import { TransactionStatus } from '../../domain/transaction.js';
import type { GraphQLContext } from '../context.js';
import { PageArgs } from '../common/connection.js';
import { requirePrincipal } from '../common/require-principal.js';
import { TransactionConnection } from './transaction.connection.js';
import { listTransactions } from './list-transactions.js';
import { TransactionFilter } from './transaction-filter.input.js';
import { Transaction } from './transaction.type.js';
import { ProviderCalls } from '../common/provider-calls.js';

@Resolver(() => Transaction)
export class TransactionResolver {
  @Authorized()
  @Query(() => TransactionConnection, {
    description: "The caller's transactions across every provider, newest first.",
  })
  async transactions(
    @Args() page: PageArgs,
    @Arg('filter', () => TransactionFilter, { nullable: true, description: 'Narrows the list.' })
    filter: TransactionFilter | null,
    @Ctx() context: GraphQLContext,
  ): Promise<TransactionConnection> {
    return listTransactions(context, requirePrincipal(context).id, page, filter);
  }

  @Authorized()
  @Query(() => Transaction, {
    nullable: true,
    description: "One of the caller's transactions by id; null if it is not theirs.",
  })
  async transaction(
    @Arg('id', () => ID, { description: 'The global id of the transaction.' }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<Transaction | null> {
    const principal = requirePrincipal(context);
    const decoded = fromGlobalId(id);
    if (decoded?.type !== 'Transaction') return null;
    const record = await context.loaders.transactionById.load(decoded.id);
    return record && record.principal === principal.id ? Transaction.fromRecord(record) : null;
  }

  @ProviderCalls({ NUMEROPAY: 1 })
  @FieldResolver(() => TransactionStatus)
  async status(@Root() transaction: Transaction, @Ctx() context: GraphQLContext): Promise<TransactionStatus> {
    const { record } = transaction;
    const transactions = context.services.operations.transactions;
    if (!transactions.isLive(record) || !record.providerReference) return record.status;
    const live = await context.loaders.liveStatus.load({
      provider: record.provider,
      providerReference: record.providerReference,
    });
    return transactions.applyLiveStatus(record, live);
  }
}
