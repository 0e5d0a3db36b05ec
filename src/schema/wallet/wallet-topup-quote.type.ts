import { Field, ObjectType } from 'type-graphql';
import { type WalletTopupQuote as DomainQuote } from '../../domain/wallet.js';
import { Money } from '../common/money.type.js';
import { UserError } from '../common/user-error.type.js';

@ObjectType('WalletCharge', { description: 'One charge DigiPay adds to a top-up.' })
export class WalletCharge {
  @Field({ description: 'DigiPay\'s name of the charge, e.g. "Service charge" or "VAT".' })
  name!: string;

  @Field(() => Money, { description: 'The amount of the charge.' })
  amount!: Money;
}

@ObjectType('WalletTopupQuote', { description: 'What DigiPay would charge for a top-up, before it is made.' })
export class WalletTopupQuote {
  @Field({ description: 'The DigiPay wallet the quote is for.' })
  walletId!: string;

  @Field(() => Money, { description: 'The amount to add to the wallet.' })
  amount!: Money;

  @Field(() => [WalletCharge], {
    description: 'Each charge DigiPay would add; empty when the top-up is free.',
  })
  charges!: WalletCharge[];

  @Field(() => Money, { description: 'The sum of the charges, computed exactly.' })
  totalCharges!: Money;

  static fromDomain(quote: DomainQuote): WalletTopupQuote {
    return Object.assign(new WalletTopupQuote(), {
      walletId: quote.walletId,
      amount: Money.of(quote.amount.amount, quote.amount.currency),
      charges: quote.charges.map((charge) =>
        Object.assign(new WalletCharge(), {
          name: charge.name,
          amount: Money.of(charge.amount.amount, charge.amount.currency),
        }),
      ),
      totalCharges: Money.of(quote.totalCharges.amount, quote.totalCharges.currency),
    });
  }
}

@ObjectType('WalletTopupQuotePayload', { description: 'Result of a top-up quote.' })
export class WalletTopupQuotePayload {
  @Field(() => WalletTopupQuote, {
    nullable: true,
    description: 'The quote; null when there are userErrors.',
  })
  quote!: WalletTopupQuote | null;

  @Field(() => [UserError], {
    description: 'Expected failures: invalid input, an unknown wallet, a top-up DigiPay would decline.',
  })
  userErrors!: UserError[];

  static of(quote: WalletTopupQuote | null, userErrors: UserError[]): WalletTopupQuotePayload {
    return Object.assign(new WalletTopupQuotePayload(), { quote, userErrors });
  }
}
