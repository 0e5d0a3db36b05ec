import { Field, ObjectType } from 'type-graphql';
import { TransactionStatus } from '../../domain/transaction.js';
import type { TransactionResolution as DomainResolution } from '../../domain/transaction-resolution.js';

@ObjectType('TransactionResolution', {
  description: 'A decision that settled an UNKNOWN transaction, as the audit trail keeps it.',
})
export class TransactionResolution {
  @Field({
    description: 'Who decided: the operator’s principal, or the reconciler that matched the provider’s list.',
  })
  by!: string;

  @Field({ description: 'When.' })
  at!: Date;

  @Field(() => TransactionStatus, { description: 'The status before (UNKNOWN).' })
  from!: TransactionStatus;

  @Field(() => TransactionStatus, { description: 'The status it was settled to.' })
  to!: TransactionStatus;

  @Field({ description: 'Why.' })
  reason!: string;

  static from(resolution: DomainResolution): TransactionResolution {
    return Object.assign(new TransactionResolution(), { ...resolution, at: new Date(resolution.at) });
  }
}
