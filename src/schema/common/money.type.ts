import { Field, ObjectType } from 'type-graphql';
import { CurrencyScalar } from './currency.scalar.js';
import { DecimalScalar } from './decimal.scalar.js';

@ObjectType('Money', { description: 'An amount of money in one currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'The amount, as an exact decimal string.' })
  amount!: string;

  @Field(() => CurrencyScalar, { description: 'The ISO 4217 currency of the amount.' })
  currency!: string;

  static of(amount: string, currency: string): Money {
    return Object.assign(new Money(), { amount, currency: currency.toUpperCase() });
  }
}
