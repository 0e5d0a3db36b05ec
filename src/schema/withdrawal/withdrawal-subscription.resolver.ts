import { GraphQLError } from 'graphql';
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import { isFinalWithdrawalStatus } from '../../domain/withdrawal.js';
import type { WithdrawalRecord } from '../../domain/withdrawal.js';
import type { GraphQLContext } from '../context.js';
import { visibleWithdrawal } from './withdrawal-access.js';
import { Withdrawal } from './withdrawal.type.js';

@Resolver(() => Withdrawal)
export class WithdrawalSubscriptionResolver {
  @Subscription(() => Withdrawal, {
    description:
      'Pushes the withdrawal each time its status moves (REQUESTED → PROCESSING → PAID …), over graphql-ws at /graphql. Ends after a final status. Needs the same bearer token as queries, sent as connection parameter `authorization`.',
    subscribe: (data: SubscribeResolverData<unknown, { id: string }, GraphQLContext>) => subscribe(data),
  })
  withdrawalUpdated(
    @Root() record: WithdrawalRecord,
    @Arg('id', () => ID, { description: 'The global id of the withdrawal to follow.' }) _id: string,
  ): Withdrawal {
    return Withdrawal.fromRecord(record, { refreshable: false });
  }
}

async function subscribe({
  args,
  context,
}: SubscribeResolverData<unknown, { id: string }, GraphQLContext>): Promise<AsyncIterable<WithdrawalRecord>> {
  if (!context.principal) {
    throw new GraphQLError('Authentication required', {
      extensions: { code: SystemErrorCode.UNAUTHENTICATED },
    });
  }
  const record = await visibleWithdrawal(String(args.id), context);
  if (!record) {
    throw new GraphQLError('No withdrawal with this id is visible to you', {
      extensions: { code: SystemErrorCode.BAD_USER_INPUT, argumentName: 'id' },
    });
  }
  return untilFinal(context.services.operations.withdrawalUpdates.subscribe(record.id));
}

/** Passes events on, and ends the subscription after the first final status. */
function untilFinal(
  events: AsyncIterableIterator<WithdrawalRecord>,
): AsyncIterableIterator<WithdrawalRecord> {
  let finished = false;
  return {
    async next() {
      if (finished) return { value: undefined, done: true };
      const result = await events.next();
      if (!result.done && isFinalWithdrawalStatus(result.value.status)) {
        finished = true;
        void events.return?.();
      }
      return result;
    },
    return: () => events.return?.() ?? Promise.resolve({ value: undefined, done: true }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
