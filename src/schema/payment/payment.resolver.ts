import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { describeAmountProblem, parseAmount } from '../../domain/money.js';
import { Provider } from '../../domain/provider.js';
import { TransactionKind } from '../../domain/transaction.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { requireProvider } from '../common/require-provider.js';
import { UserError } from '../common/user-error.type.js';
import { validateInput } from '../common/validate-input.js';
import { moneyMovementPayload } from '../transaction/money-movement.payload.js';
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
    const numeropay = requireProvider(context.services.providers.numeropay, Provider.NUMEROPAY);
    const userErrors = await validateInput(input);
    const amount = parseAmount(input.amount, 2);
    if (!amount.ok) {
      userErrors.push(
        UserError.of(UserErrorCode.INVALID_AMOUNT, `amount ${describeAmountProblem(amount.problem)}`, [
          'input',
          'amount',
        ]),
      );
    }
    if (userErrors.length > 0 || !amount.ok) return TransactionPayload.of(null, userErrors);

    const description = input.description ?? null;
    const result = await context.services.moneyMovements.execute({
      principal: principal.id,
      idempotencyKey: input.idempotencyKey,
      operation: 'createPayment',
      fingerprint: { amount: amount.amount, currency: input.currency, description },
      transaction: {
        provider: Provider.NUMEROPAY,
        kind: TransactionKind.PAYMENT,
        amount: amount.amount,
        currency: input.currency,
        description: description ?? undefined,
      },
      send: async () => {
        const payment = await numeropay.createPayment({
          amount: amount.amount,
          currency: input.currency,
          description: description ?? undefined,
        });
        return { status: payment.status, providerReference: payment.providerReference };
      },
    });
    return moneyMovementPayload(result);
  }
}
