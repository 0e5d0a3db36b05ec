import { Field, ObjectType } from 'type-graphql';
import type { MoneyMovementOutcome } from '../../operations/transactions/money-movement.js';
import { UserError } from '../common/user-error.type.js';
import { Transaction } from './transaction.type.js';

@ObjectType('TransactionPayload', { description: 'Result of a mutation that moves money.' })
export class TransactionPayload {
  @Field(() => Transaction, {
    nullable: true,
    description:
      'The transaction, as recorded; null when the input was refused before anything was recorded.',
  })
  transaction!: Transaction | null;

  @Field(() => Boolean, {
    description: 'True when this answer replays an earlier request with the same idempotency key.',
  })
  replayed!: boolean;

  @Field(() => [UserError], {
    description: 'Expected failures: invalid input, a decline, a reused idempotency key.',
  })
  userErrors!: UserError[];

  static of(transaction: Transaction | null, userErrors: UserError[], replayed = false): TransactionPayload {
    return Object.assign(new TransactionPayload(), { transaction, userErrors, replayed });
  }

  static fromOutcome(outcome: MoneyMovementOutcome): TransactionPayload {
    return TransactionPayload.of(
      outcome.transaction && Transaction.fromRecord(outcome.transaction),
      outcome.userErrors.map((failure) => UserError.from(failure)),
      outcome.replayed,
    );
  }
}
