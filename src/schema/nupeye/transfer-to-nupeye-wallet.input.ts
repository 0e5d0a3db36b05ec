import { Field, InputType } from 'type-graphql';
import { DecimalScalar } from '../common/decimal.scalar.js';
import { IdempotencyKeyField } from '../common/idempotency-key.field.js';

@InputType('TransferToNupeyeWalletInput', {
  description: 'A transfer back to the Nupeye wallet registered to a mobile number.',
})
export class TransferToNupeyeWalletInput {
  @IdempotencyKeyField()
  idempotencyKey!: string;

  @Field({
    description:
      'The mobile number the Nupeye wallet is registered to: 10 digits starting with 6, 7, 8 or 9 (spaces and hyphens are ignored).',
  })
  mobileNumber!: string;

  @Field(() => DecimalScalar, {
    description:
      "Amount in Nupeye's currency (INR unless the gateway is configured otherwise; the transaction shows it): greater than zero, at most 2 decimal places.",
  })
  amount!: string;
}
