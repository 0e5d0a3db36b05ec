import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { isFinalWithdrawalStatus, WithdrawalStatus } from '../../domain/withdrawal.js';
import type { GraphQLContext } from '../context.js';
import { PageArgs } from '../common/connection.js';
import { requirePrincipal } from '../common/require-principal.js';
import { listWithdrawals } from './list-withdrawals.js';
import { visibleWithdrawal } from './withdrawal-access.js';
import { WithdrawalConnection } from './withdrawal.connection.js';
import { Withdrawal } from './withdrawal.type.js';
import { ProviderCalls } from '../common/provider-calls.js';

@Resolver(() => Withdrawal)
export class WithdrawalResolver {
  @Authorized()
  @Query(() => Withdrawal, {
    nullable: true,
    description:
      'A withdrawal by id: the caller’s own, or any for an operator; null otherwise. Its status is refreshed from the provider’s report while not final.',
  })
  async withdrawal(
    @Arg('id', () => ID, { description: 'The global id of the withdrawal.' }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<Withdrawal | null> {
    requirePrincipal(context);
    const record = await visibleWithdrawal(id, context);
    return record ? Withdrawal.fromRecord(record) : null;
  }

  @Authorized()
  @Query(() => WithdrawalConnection, { description: 'The caller’s withdrawals, newest first.' })
  async withdrawals(
    @Args() page: PageArgs,
    @Arg('status', () => WithdrawalStatus, {
      nullable: true,
      description: 'Only withdrawals in this status.',
    })
    status: WithdrawalStatus | null,
    @Ctx() context: GraphQLContext,
  ): Promise<WithdrawalConnection> {
    return listWithdrawals(context, requirePrincipal(context).id, page, status);
  }

  @ProviderCalls({ NCHL: 1 })
  @FieldResolver(() => WithdrawalStatus)
  async status(@Root() withdrawal: Withdrawal, @Ctx() context: GraphQLContext): Promise<WithdrawalStatus> {
    const { record } = withdrawal;
    if (!withdrawal.refreshable || isFinalWithdrawalStatus(record.status)) return record.status;
    return (await context.loaders.withdrawalRefresh.load(record)).status;
  }
}
