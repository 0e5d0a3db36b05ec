import { Directive, Field, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../domain/global-id.js';
import { Provider } from '../../domain/provider.js';
import { TransactionKind, TransactionStatus } from '../../domain/transaction.js';
import type { TransactionRecord } from '../../domain/transaction.js';
import { Money } from '../common/money.type.js';
import { Node } from '../common/node.interface.js';
import '../common/enums.js';

@Directive('@key(fields: "id")')
@ObjectType('Transaction', {
  implements: Node,
  description: 'A movement of money through one provider, as recorded in the ledger.',
})
export class Transaction extends Node {
  @Field(() => Provider, { description: 'The provider that carried the transaction.' })
  provider!: Provider;

  @Field(() => TransactionKind, { description: 'What the transaction did.' })
  kind!: TransactionKind;

  @Field(() => Money, { description: 'The amount moved.' })
  amount!: Money;

  @Field(() => TransactionStatus, {
    description:
      'Where the transaction stands; refreshed from the provider when it has a status API and the status is not final.',
  })
  status!: TransactionStatus;

  @Field(() => String, {
    nullable: true,
    description: "The provider's own id for the transaction, once known.",
  })
  providerReference!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The account the money moved to at the provider: a mobile number or a wallet id.',
  })
  accountRef!: string | null;

  @Field(() => String, { nullable: true, description: 'Free text given when the transaction was made.' })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the transaction failed or is unknown, as a stable code: the provider’s refusal (DECLINED, WRONG_CREDENTIALS, NOT_REGISTERED, ACCOUNT_NOT_FOUND, INVALID_PHONE, INVALID_AMOUNT, INVALID_REQUEST) or a failure of the call (PROVIDER_UNAVAILABLE, PROVIDER_TIMEOUT, PROVIDER_AUTH_FAILED, PROVIDER_BAD_RESPONSE, INTERRUPTED …).',
  })
  failureCode!: string | null;

  @Field({ description: 'The idempotency key the transaction was created with.' })
  idempotencyKey!: string;

  @Field({ description: 'When the transaction was recorded, before the provider was called.' })
  createdAt!: Date;

  @Field({ description: 'When the transaction last changed.' })
  updatedAt!: Date;

  /** The ledger record behind this object, for field resolvers. */
  record!: TransactionRecord;

  static fromRecord(record: TransactionRecord): Transaction {
    return Object.assign(new Transaction(), {
      id: toGlobalId('Transaction', record.id),
      provider: record.provider,
      kind: record.kind,
      amount: Money.of(record.amount, record.currency),
      status: record.status,
      providerReference: record.providerReference,
      accountRef: record.accountRef,
      description: record.description,
      failureCode: record.errorCode,
      idempotencyKey: record.idempotencyKey,
      createdAt: new Date(record.createdAt),
      updatedAt: new Date(record.updatedAt),
      record,
    });
  }
}
