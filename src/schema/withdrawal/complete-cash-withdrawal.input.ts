import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar } from '../common/decimal.scalar.js';
import { IdempotencyKeyField } from '../common/idempotency-key.field.js';

@InputType('CompleteCashWithdrawalInput', {
  description: 'Pays out a requested withdrawal in cash at an ATM, against the customer’s OTP.',
})
export class CompleteCashWithdrawalInput {
  @IdempotencyKeyField()
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The global id of the requested withdrawal.' })
  withdrawalId!: string;

  @Field({ description: 'The OTP the customer received. Used once, never stored or echoed.' })
  otp!: string;

  @Field(() => DecimalScalar, {
    description: 'The amount entered at the ATM: must equal the withdrawal’s amount.',
  })
  amount!: string;

  @Field({ description: 'The ATM acquiring bank code (e.g. "PCBLNPKA"); at most 11 characters.' })
  bankCode!: string;

  @Field({ description: 'The ATM trace number; at most 50 characters.' })
  traceNumber!: string;

  @Field({ description: 'The ATM reference number; at most 50 characters.' })
  referenceNumber!: string;

  @Field({ description: 'The ATM terminal id; at most 50 characters.' })
  terminalId!: string;
}
