import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { inputFailures } from '../common/validate-input.js';
import { TransactionPayload } from '../transaction/transaction.payload.js';
import { CreatePaymentInput } from './create-payment.input.js';
import { ProviderCalls } from '../common/provider-calls.js';

@Resolver()
export class PaymentResolver {
  @Authorized()
  @ProviderCalls({ NUMEROPAY: 1 })
  @Mutation(() => TransactionPayload, {
    description:
      'Creates a merchant payment at NumeroPay. Recorded in the ledger before NumeroPay is called; idempotent per idempotencyKey.',
  })
  async createPayment(
    @Arg('input', () => CreatePaymentInput, { description: 'The payment to create.' })
    input: CreatePaymentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<TransactionPayload> {
    const principal = requirePrincipal(context);
    const outcome = await context.services.operations.payments.createPayment(
      principal.id,
      input,
      await inputFailures(input),
    );
    return TransactionPayload.fromOutcome(outcome);
  }
}
