import { Field, InputType } from 'type-graphql';
import { Provider } from '../../domain/provider.js';
import { TransactionKind, TransactionStatus } from '../../domain/transaction.js';

@InputType('TransactionFilter', { description: 'Narrows the transactions listed.' })
export class TransactionFilter {
  @Field(() => Provider, { nullable: true, description: 'Only transactions of this provider.' })
  provider?: Provider;

  @Field(() => TransactionKind, { nullable: true, description: 'Only transactions of this kind.' })
  kind?: TransactionKind;

  @Field(() => TransactionStatus, {
    nullable: true,
    description: 'Only transactions in this status (as recorded).',
  })
  status?: TransactionStatus;

  @Field({ nullable: true, description: 'Only transactions recorded at or after this time.' })
  createdAfter?: Date;

  @Field({ nullable: true, description: 'Only transactions recorded before this time.' })
  createdBefore?: Date;
}
