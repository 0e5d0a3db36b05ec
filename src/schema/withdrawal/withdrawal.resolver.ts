import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { isFinalWithdrawalStatus, WithdrawalStatus } from '../../domain/withdrawal.js';
import { OPERATOR_SCOPE } from '../../domain/principal.js';
import type { GraphQLContext } from '../context.js';
import { PageArgs } from '../common/connection.js';
import { requirePrincipal } from '../common/require-principal.js';
import { listCashOutExceptions, listWithdrawals } from './list-withdrawals.js';
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

  @Authorized(OPERATOR_SCOPE)
  @Query(() => WithdrawalConnection, {
    description:
      'Withdrawals whose last cash-out paid out but not certainly, or not at all, for them (operators only: scope "operator"): UNATTRIBUTED attempts wait for the provider’s notification or report to say which withdrawal was paid; MISMATCHED ones paid another withdrawal. Newest first.',
  })
  async cashOutExceptions(
    @Args() page: PageArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<WithdrawalConnection> {
    return listCashOutExceptions(context, page);
  }

  @ProviderCalls({ NCHL: 1 })
  @FieldResolver(() => WithdrawalStatus)
  async status(@Root() withdrawal: Withdrawal, @Ctx() context: GraphQLContext): Promise<WithdrawalStatus> {
    const { record } = withdrawal;
    if (!withdrawal.refreshable || isFinalWithdrawalStatus(record.status)) return record.status;
    return (await context.loaders.withdrawalRefresh.load(record)).status;
  }
}
