import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Provider } from '../../domain/provider.js';
import { TransactionKind } from '../../domain/transaction.js';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { requireProvider } from '../common/require-provider.js';
import { TransactionPayload } from '../transaction/transaction.payload.js';
import { checkNupeyeInput } from './nupeye-input-checks.js';
import { settleNupeyeCall } from './nupeye-settlement.js';
import { nupeyePayload } from './nupeye.payload.js';
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
    const nupeye = requireProvider(context.services.providers.nupeye, Provider.NUPEYE);
    const target = await checkNupeyeInput(input);
    if (!target.ok) return TransactionPayload.of(null, target.userErrors);

    const { mobileNumber, amount } = target;
    const result = await context.services.moneyMovements.execute({
      principal: principal.id,
      idempotencyKey: input.idempotencyKey,
      operation: 'rechargeMobile',
      // The password is no part of the request's identity, and is never stored, not even hashed.
      fingerprint: { mobileNumber, amount, nupeyeUserName: input.nupeyeUserName },
      transaction: {
        provider: Provider.NUPEYE,
        kind: TransactionKind.MOBILE_RECHARGE,
        amount,
        currency: nupeye.currency,
        accountRef: mobileNumber,
      },
      send: () =>
        settleNupeyeCall(() =>
          nupeye.rechargeMobile({
            mobileNumber,
            amount,
            userName: input.nupeyeUserName,
            password: input.nupeyePassword,
          }),
        ),
    });
    return nupeyePayload(result);
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
    const nupeye = requireProvider(context.services.providers.nupeye, Provider.NUPEYE);
    const target = await checkNupeyeInput(input);
    if (!target.ok) return TransactionPayload.of(null, target.userErrors);

    const { mobileNumber, amount } = target;
    const result = await context.services.moneyMovements.execute({
      principal: principal.id,
      idempotencyKey: input.idempotencyKey,
      operation: 'transferToNupeyeWallet',
      fingerprint: { mobileNumber, amount },
      transaction: {
        provider: Provider.NUPEYE,
        kind: TransactionKind.WALLET_TRANSFER,
        amount,
        currency: nupeye.currency,
        accountRef: mobileNumber,
      },
      send: () => settleNupeyeCall(() => nupeye.transferToWallet({ mobileNumber, amount })),
    });
    return nupeyePayload(result);
  }
}
