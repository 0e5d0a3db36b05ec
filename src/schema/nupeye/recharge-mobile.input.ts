import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { DecimalScalar } from '../common/decimal.scalar.js';
import { IdempotencyKeyField } from '../common/idempotency-key.field.js';

@InputType('RechargeMobileInput', {
  description: "A mobile recharge through Nupeye, authorised by the end user's Nupeye login.",
})
export class RechargeMobileInput {
  @IdempotencyKeyField()
  idempotencyKey!: string;

  @Field({
    description:
      'The mobile number to recharge: 10 digits starting with 6, 7, 8 or 9 (spaces and hyphens are ignored).',
  })
  mobileNumber!: string;

  @Field(() => DecimalScalar, {
    description:
      "Amount in Nupeye's currency (INR unless the gateway is configured otherwise; the transaction shows it): greater than zero, at most 2 decimal places.",
  })
  amount!: string;

  @Field({ description: "The end user's Nupeye user name." })
  @MinLength(1, { message: 'nupeyeUserName must not be empty' })
  @MaxLength(100, { message: 'nupeyeUserName must be at most 100 characters' })
  nupeyeUserName!: string;

  @Field({
    description:
      "The end user's Nupeye password. Passed to Nupeye for this recharge only: never stored, logged or returned.",
  })
  @MinLength(1, { message: 'nupeyePassword must not be empty' })
  @MaxLength(128, { message: 'nupeyePassword must be at most 128 characters' })
  nupeyePassword!: string;
}
