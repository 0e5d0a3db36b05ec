import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { inputFailures } from '../common/validate-input.js';
import { TransactionPayload } from '../transaction/transaction.payload.js';
import { RechargeMobileInput } from './recharge-mobile.input.js';
import { TransferToNupeyeWalletInput } from './transfer-to-nupeye-wallet.input.js';
import { ProviderCalls } from '../common/provider-calls.js';

@Resolver()
export class NupeyeResolver {
  @Authorized()
  @ProviderCalls({ NUPEYE: 1 })
  @Mutation(() => TransactionPayload, {
    description:
      "Recharges a mobile number through Nupeye, authorised by the end user's Nupeye login. Recorded in the ledger before Nupeye is called; idempotent per idempotencyKey. Nupeye has no status API: a recharge whose answer was lost stays UNKNOWN and is never re-sent.",
  })
  async rechargeMobile(
    @Arg('input', () => RechargeMobileInput, { description: 'The recharge to make.' })
    input: RechargeMobileInput,
    @Ctx() context: GraphQLContext,
  ): Promise<TransactionPayload> {
    const principal = requirePrincipal(context);
    const outcome = await context.services.operations.nupeye.rechargeMobile(
      principal.id,
      input,
      await inputFailures(input),
    );
    return TransactionPayload.fromOutcome(outcome);
  }

  @Authorized()
  @ProviderCalls({ NUPEYE: 1 })
  @Mutation(() => TransactionPayload, {
    description:
      'Transfers an amount to the Nupeye wallet registered to a mobile number. Recorded in the ledger before Nupeye is called; idempotent per idempotencyKey. A transfer whose answer was lost stays UNKNOWN and is never re-sent.',
  })
  async transferToNupeyeWallet(
    @Arg('input', () => TransferToNupeyeWalletInput, { description: 'The transfer to make.' })
    input: TransferToNupeyeWalletInput,
    @Ctx() context: GraphQLContext,
  ): Promise<TransactionPayload> {
    const principal = requirePrincipal(context);
    const outcome = await context.services.operations.nupeye.transferToWallet(
      principal.id,
      input,
      await inputFailures(input),
    );
    return TransactionPayload.fromOutcome(outcome);
  }
}
