import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../domain/global-id.js';
import { OPERATOR_SCOPE } from '../../domain/principal.js';
import { TransactionStatus } from '../../domain/transaction.js';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { inputFailures } from '../common/validate-input.js';
import {
  ResolveUnknownTransactionInput,
  UnknownTransactionOutcome,
} from './resolve-unknown-transaction.input.js';
import { TransactionResolution } from './transaction-resolution.type.js';
import { TransactionPayload } from './transaction.payload.js';
import { Transaction } from './transaction.type.js';

const OUTCOMES = {
  [UnknownTransactionOutcome.SUCCEEDED]: TransactionStatus.SUCCEEDED,
  [UnknownTransactionOutcome.FAILED]: TransactionStatus.FAILED,
} as const;

@Resolver(() => Transaction)
export class TransactionResolutionResolver {
  @Authorized(OPERATOR_SCOPE)
  @Mutation(() => TransactionPayload, {
    description:
      'Settles an UNKNOWN transaction of a provider without a status API (Nupeye, DigiPay) to SUCCEEDED or FAILED, after an operator checked with the provider (operators only: scope "operator"). Kept in the transaction’s audit trail (`resolutions`); never re-sends anything. Refused for any other status, and for providers whose status API settles their transactions.',
  })
  async resolveUnknownTransaction(
    @Arg('input', () => ResolveUnknownTransactionInput, { description: 'The decision and its reason.' })
    input: ResolveUnknownTransactionInput,
    @Ctx() context: GraphQLContext,
  ): Promise<TransactionPayload> {
    const operator = requirePrincipal(context);
    const decoded = fromGlobalId(input.transactionId);
    const outcome = await context.services.operations.unknownResolutions.resolve(
      operator.id,
      {
        transactionId: decoded?.type === 'Transaction' ? decoded.id : '',
        outcome: OUTCOMES[input.outcome],
        reason: input.reason,
      },
      await inputFailures(input),
    );
    return TransactionPayload.fromOutcome(outcome);
  }

  @FieldResolver(() => [TransactionResolution], {
    description:
      'The decisions that settled this transaction while it was UNKNOWN, oldest first: who, when, from, to, why.',
  })
  async resolutions(
    @Root() transaction: Transaction,
    @Ctx() context: GraphQLContext,
  ): Promise<TransactionResolution[]> {
    const trail = await context.services.operations.unknownResolutions.trail(transaction.record.id);
    return trail.map((resolution) => TransactionResolution.from(resolution));
  }
}
