import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../common/decimal.scalar.js';
import { IdempotencyKeyField } from '../common/idempotency-key.field.js';

@InputType('WalletTopupQuoteInput', {
  description: 'A prospective DigiPay wallet top-up, to quote its charges.',
})
export class WalletTopupQuoteInput {
  @Field({ description: 'The DigiPay wallet to top up, e.g. "116a51aa2b7d459a8b7e3db7dcf5e70a".' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'walletId must be 1 to 64 letters, digits, "-" or "_"' })
  walletId!: string;

  @Field(() => DecimalScalar, {
    description: "Amount to add, in DigiPay's currency: greater than zero, at most 2 decimal places.",
  })
  amount!: string;

  @Field({ description: 'The DigiPay transaction code of the top-up, e.g. "CIB".' })
  @Matches(/^[A-Za-z0-9_]{1,32}$/, { message: 'txnCode must be 1 to 32 letters, digits or "_"' })
  txnCode!: string;

  @Field(() => Int, { description: 'The DigiPay payment mode used to pay for the top-up, e.g. 2.' })
  @IsInt({ message: 'paymentMode must be an integer' })
  @Min(0, { message: 'paymentMode must not be negative' })
  @Max(999, { message: 'paymentMode must be at most 999' })
  paymentMode!: number;
}

@InputType('TopupWalletInput', { description: 'A DigiPay wallet top-up.' })
export class TopupWalletInput extends WalletTopupQuoteInput {
  @IdempotencyKeyField()
  idempotencyKey!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A short note kept with the top-up; at most 255 characters.',
  })
  @IsOptional()
  @MaxLength(255, { message: 'note must be at most 255 characters' })
  note?: string | null;
}
