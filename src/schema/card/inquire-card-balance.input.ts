import { Field, InputType } from 'type-graphql';

@InputType('InquireCardBalanceInput', {
  description:
    'A card to inquire. Sent once to EnayaPay under a fresh inquiry id; the PAN and IPIN are never stored, logged or echoed.',
})
export class InquireCardBalanceInput {
  @Field({
    description:
      'The card number (PAN): 13 to 19 digits passing the Luhn check; spaces and hyphens are ignored.',
  })
  pan!: string;

  @Field({ description: "The card's internet PIN, as EnayaPay expects it." })
  ipin!: string;

  @Field({
    description: 'The expiry date as printed on the card, MMYY (e.g. 0827); must not be in the past.',
  })
  expiry!: string;
}
