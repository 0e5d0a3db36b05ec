import { Field, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../domain/global-id.js';
import { Provider } from '../../domain/provider.js';
import type { CardRecord } from '../../sessions/account-views.js';
import { Money } from '../common/money.type.js';
import { Node } from '../common/node.interface.js';
import '../common/enums.js';

@ObjectType('Card', {
  implements: Node,
  description:
    'A payment card whose balance the user has inquired. Only the masked number is ever kept or shown; the full PAN and IPIN are never stored.',
})
export class Card extends Node {
  @Field(() => Provider, { description: 'The provider that answered the inquiry.' })
  provider!: Provider;

  @Field({
    description: 'The card number with all but the first 6 and last 4 digits masked, e.g. 411111******1111.',
  })
  maskedPan!: string;

  @Field({ description: 'The expiry date as printed on the card, MMYY.' })
  expiry!: string;

  @Field(() => Money, { description: 'The available balance at `asOf`.' })
  balance!: Money;

  @Field({ description: 'When the balance was read from the provider.' })
  asOf!: Date;

  static fromRecord(record: CardRecord): Card {
    return Object.assign(new Card(), {
      id: toGlobalId('Card', record.id),
      provider: Provider.ENAYAPAY,
      maskedPan: record.maskedPan,
      expiry: record.expiry,
      balance: Money.of(record.balance.amount, record.balance.currency),
      asOf: record.asOf,
    });
  }
}
