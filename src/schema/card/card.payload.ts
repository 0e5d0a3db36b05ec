import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.type.js';
import { Card } from './card.type.js';

@ObjectType('CardPayload', { description: 'Result of inquireCardBalance.' })
export class CardPayload {
  @Field(() => Card, {
    nullable: true,
    description: 'The card with its balance; null when userErrors is not empty.',
  })
  card!: Card | null;

  @Field(() => [UserError], {
    description:
      'Expected failures: INVALID_PAN, INVALID_EXPIRY, WRONG_IPIN, SESSION_EXPIRED (verify again), NOT_VERIFIED (not a session issued after the verification), DECLINED, PROVIDER_UNAVAILABLE.',
  })
  userErrors!: UserError[];

  static of(card: Card | null, userErrors: UserError[]): CardPayload {
    return Object.assign(new CardPayload(), { card, userErrors });
  }
}
