import { MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { TransactionStatus } from '../../domain/transaction.js';

/** What an operator found at the provider about a transaction whose answer was lost. */
export enum UnknownTransactionOutcome {
  SUCCEEDED = TransactionStatus.SUCCEEDED,
  FAILED = TransactionStatus.FAILED,
}

registerEnumType(UnknownTransactionOutcome, {
  name: 'UnknownTransactionOutcome',
  description: 'What the provider says became of an UNKNOWN transaction.',
  valuesConfig: {
    SUCCEEDED: { description: 'The provider carried it out.' },
    FAILED: { description: 'The provider did not carry it out; nothing moved.' },
  },
});

@InputType('ResolveUnknownTransactionInput', {
  description: 'An operator’s settlement of an UNKNOWN transaction, after checking with the provider.',
})
export class ResolveUnknownTransactionInput {
  @Field(() => ID, { description: 'The global id of the UNKNOWN transaction.' })
  transactionId!: string;

  @Field(() => UnknownTransactionOutcome, { description: 'What the provider says became of it.' })
  outcome!: UnknownTransactionOutcome;

  @Field({
    description: 'Why: what was checked, and where (kept in the audit trail); at most 500 characters.',
  })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason!: string;
}
