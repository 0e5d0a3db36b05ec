import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Provider } from '../../domain/provider.js';
import { TransactionKind } from '../../domain/transaction.js';
import { isProviderError } from '../../providers/shared/provider-error.js';
import { rejectionForStatus } from '../../providers/digipay/digipay.mapper.js';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { requireProvider } from '../common/require-provider.js';
import { TransactionPayload } from '../transaction/transaction.payload.js';
import { checkTopupInput } from './topup-input-checks.js';
import { settleTopup } from './topup-settlement.js';
import { rejectionUserError, topupPayload } from './topup.payload.js';
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
    const digipay = requireProvider(context.services.providers.digipay, Provider.DIGIPAY);
    const checked = await checkTopupInput(input);
    if (!checked.ok) return WalletTopupQuotePayload.of(null, checked.userErrors);
    try {
      const quote = await digipay.quoteTopup({
        walletId: input.walletId,
        amount: checked.amount,
        txnCode: input.txnCode,
        paymentMode: input.paymentMode,
      });
      return WalletTopupQuotePayload.of(WalletTopupQuote.fromDomain(quote), []);
    } catch (error) {
      if (!isProviderError(error, 'PROVIDER_REJECTED')) throw error;
      return WalletTopupQuotePayload.of(null, [rejectionUserError(rejectionForStatus(error.status))]);
    }
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
    const digipay = requireProvider(context.services.providers.digipay, Provider.DIGIPAY);
    const checked = await checkTopupInput(input);
    if (!checked.ok) return TransactionPayload.of(null, checked.userErrors);

    const topup = {
      walletId: input.walletId,
      amount: checked.amount,
      txnCode: input.txnCode,
      paymentMode: input.paymentMode,
      note: input.note ?? undefined,
    };
    const metadata = { txnCode: topup.txnCode, paymentMode: topup.paymentMode };
    const result = await context.services.moneyMovements.execute({
      principal: principal.id,
      idempotencyKey: input.idempotencyKey,
      operation: 'topupWallet',
      fingerprint: topup,
      transaction: {
        provider: Provider.DIGIPAY,
        kind: TransactionKind.WALLET_TOPUP,
        amount: topup.amount,
        currency: digipay.currency,
        accountRef: topup.walletId,
        description: topup.note,
        metadata,
      },
      send: () => settleTopup(() => digipay.topupWallet(topup), metadata),
    });
    return topupPayload(result);
  }
}
