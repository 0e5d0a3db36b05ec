import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { WithdrawalStatus } from '../../domain/withdrawal.js';
import type { GraphQLContext } from '../context.js';
import { PageArgs } from '../common/connection.js';
import { User } from '../user/user.type.js';
import { listWithdrawals } from './list-withdrawals.js';
import { WithdrawalConnection } from './withdrawal.connection.js';

@Resolver(() => User)
export class UserWithdrawalsResolver {
  @FieldResolver(() => WithdrawalConnection, {
    description: 'The user’s cardless withdrawals, newest first.',
  })
  async withdrawals(
    @Root() user: User,
    @Args() page: PageArgs,
    @Arg('status', () => WithdrawalStatus, {
      nullable: true,
      description: 'Only withdrawals in this status.',
    })
    status: WithdrawalStatus | null,
    @Ctx() context: GraphQLContext,
  ): Promise<WithdrawalConnection> {
    return listWithdrawals(context, user.subject, page, status);
  }
}
