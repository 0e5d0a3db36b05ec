import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';
import { limitAttempt, requireAccounts, toUserErrors } from '../user/account-errors.js';
import { CardPayload } from './card.payload.js';
import { Card } from './card.type.js';
import { InquireCardBalanceInput } from './inquire-card-balance.input.js';
import { readCardInput } from './read-card-input.js';
import { ProviderCalls } from '../common/provider-calls.js';

@Resolver()
export class CardResolver {
  @Authorized()
  @ProviderCalls({ ENAYAPAY: 1 })
  @Mutation(() => CardPayload, {
    description:
      "Reads a card's balance at EnayaPay with the calling user's EnayaPay session. A mutation so that card details never travel in a GET URL. PAN and expiry are checked before any call.",
  })
  async inquireCardBalance(
    @Arg('input', () => InquireCardBalanceInput, { description: 'The card and its IPIN.' })
    input: InquireCardBalanceInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CardPayload> {
    const principal = requirePrincipal(context);
    const { accounts, service } = requireAccounts(context);
    const read = readCardInput(input, new Date());
    if (!read.ok) return CardPayload.of(null, read.userErrors);
    await limitAttempt(context, accounts, 'card', principal.id);
    const result = await service.inquireCardBalance(principal, read.card);
    if (!result.ok) return CardPayload.of(null, toUserErrors(result.userErrors));
    return CardPayload.of(Card.fromRecord(result.value), []);
  }
}
