import { Field, ObjectType } from 'type-graphql';
import type { WithdrawalOutcome } from '../../operations/withdrawals/withdrawal-outcomes.js';
import { UserError } from '../common/user-error.type.js';
import { Withdrawal } from './withdrawal.type.js';

@ObjectType('WithdrawalPayload', { description: 'Result of a withdrawal mutation.' })
export class WithdrawalPayload {
  @Field(() => Withdrawal, {
    nullable: true,
    description: 'The withdrawal as recorded; null when the input was refused before anything was recorded.',
  })
  withdrawal!: Withdrawal | null;

  @Field(() => Boolean, {
    description: 'True when this answer replays an earlier request with the same idempotency key.',
  })
  replayed!: boolean;

  @Field(() => [UserError], {
    description: 'Expected failures: invalid input, a decline, a wrong OTP, a reused idempotency key.',
  })
  userErrors!: UserError[];

  static of(withdrawal: Withdrawal | null, userErrors: UserError[], replayed = false): WithdrawalPayload {
    return Object.assign(new WithdrawalPayload(), { withdrawal, userErrors, replayed });
  }

  /** Just written: the withdrawal needs no refresh from the provider while the payload is resolved. */
  static fromOutcome(outcome: WithdrawalOutcome): WithdrawalPayload {
    return WithdrawalPayload.of(
      outcome.withdrawal && Withdrawal.fromRecord(outcome.withdrawal, { refreshable: false }),
      outcome.userErrors.map((failure) => UserError.from(failure)),
      outcome.replayed,
    );
  }
}
