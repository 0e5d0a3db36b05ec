import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CurrencyScalar } from '../common/currency.scalar.js';
import { DecimalScalar } from '../common/decimal.scalar.js';
import { IdempotencyKeyField } from '../common/idempotency-key.field.js';

@InputType('CreatePaymentInput', { description: 'A merchant payment to create at NumeroPay.' })
export class CreatePaymentInput {
  @IdempotencyKeyField()
  idempotencyKey!: string;

  @Field(() => DecimalScalar, {
    description: 'Amount to collect: greater than zero, at most 2 decimal places.',
  })
  amount!: string;

  @Field(() => CurrencyScalar, { description: 'ISO 4217 currency of the payment, e.g. "AUD".' })
  currency!: string;

  @Field(() => String, { nullable: true, description: 'Shown to the payer; at most 255 characters.' })
  @IsOptional()
  @MaxLength(255, { message: 'description must be at most 255 characters' })
  description?: string | null;
}
