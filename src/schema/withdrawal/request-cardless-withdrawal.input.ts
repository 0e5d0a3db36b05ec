import { Field, InputType } from 'type-graphql';
import { DecimalScalar } from '../common/decimal.scalar.js';
import { IdempotencyKeyField } from '../common/idempotency-key.field.js';

@InputType('RequestCardlessWithdrawalInput', {
  description: 'A cardless cash withdrawal to request from an account (NCHL NPI).',
})
export class RequestCardlessWithdrawalInput {
  @IdempotencyKeyField()
  idempotencyKey!: string;

  @Field(() => DecimalScalar, {
    description: 'Amount in Nepali rupees (NPR): whole rupees, a multiple of 1000.',
  })
  amount!: string;

  @Field({ description: 'The customer’s 10-digit mobile number (98XXXXXXXX), to which the OTP is sent.' })
  mobileNumber!: string;

  @Field({
    description:
      'Name of the account to debit (for a wallet, the wallet pool account); at most 50 characters.',
  })
  accountName!: string;

  @Field({ description: 'Number of the account to debit; at most 20 characters.' })
  accountNumber!: string;

  @Field({ description: 'Branch of the account to debit; at most 3 characters.' })
  branchId!: string;

  @Field({
    description: 'Bank of the account to debit, as NCHL numbers banks (e.g. "1000"); at most 10 characters.',
  })
  bankId!: string;

  @Field({ description: 'Remarks for the withdrawal; 1 to 36 characters.' })
  remarks!: string;
}
