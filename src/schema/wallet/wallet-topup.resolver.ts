import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { UserError } from '../common/user-error.type.js';
import { inputFailures } from '../common/validate-input.js';
import { TransactionPayload } from '../transaction/transaction.payload.js';
import { WalletTopupQuote, WalletTopupQuotePayload } from './wallet-topup-quote.type.js';
import { TopupWalletInput, WalletTopupQuoteInput } from './wallet-topup.input.js';
import { ProviderCalls } from '../common/provider-calls.js';

@Resolver()
export class WalletTopupResolver {
  @Authorized()
  @ProviderCalls({ DIGIPAY: 1 })
  @Query(() => WalletTopupQuotePayload, {
    description:
      'The charges DigiPay would add to a wallet top-up, as Money lines and their exact total. Moves no money and records nothing.',
  })
  async walletTopupQuote(
    @Arg('input', () => WalletTopupQuoteInput, { description: 'The top-up to quote.' })
    input: WalletTopupQuoteInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WalletTopupQuotePayload> {
    requirePrincipal(context);
    const outcome = await context.services.operations.wallets.quoteTopup(input, await inputFailures(input));
    return WalletTopupQuotePayload.of(
      outcome.quote && WalletTopupQuote.fromDomain(outcome.quote),
      outcome.userErrors.map((failure) => UserError.from(failure)),
    );
  }

  @Authorized()
  @ProviderCalls({ DIGIPAY: 1 })
  @Mutation(() => TransactionPayload, {
    description:
      "Tops up a DigiPay wallet; the transaction is of kind WALLET_TOPUP and carries DigiPay's txn id as providerReference. Recorded in the ledger before DigiPay is called; idempotent per idempotencyKey. DigiPay has no status API: a top-up whose answer was lost stays UNKNOWN and is never re-sent.",
  })
  async topupWallet(
    @Arg('input', () => TopupWalletInput, { description: 'The top-up to make.' }) input: TopupWalletInput,
    @Ctx() context: GraphQLContext,
  ): Promise<TransactionPayload> {
    const principal = requirePrincipal(context);
    const outcome = await context.services.operations.wallets.topupWallet(
      principal.id,
      input,
      await inputFailures(input),
    );
    return TransactionPayload.fromOutcome(outcome);
  }
}
