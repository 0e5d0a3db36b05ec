import { Field, ObjectType } from 'type-graphql';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import type { UserFailure } from '../../domain/user-failure.js';

@ObjectType('UserError', {
  description: 'An expected business failure of a mutation: bad input, a decline, a wrong OTP …',
})
export class UserError {
  @Field(() => UserErrorCode, { description: 'Stable machine-readable code.' })
  code!: UserErrorCode;

  @Field({ description: 'What went wrong, for people.' })
  message!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, e.g. ["input", "amount"]; null when no field is.',
  })
  field!: string[] | null;

  static of(code: UserErrorCode, message: string, field?: string[]): UserError {
    return Object.assign(new UserError(), { code, message, field: field ?? null });
  }

  static from(failure: UserFailure): UserError {
    return UserError.of(failure.code, failure.message, failure.field && [...failure.field]);
  }
}
