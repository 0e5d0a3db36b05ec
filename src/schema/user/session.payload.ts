import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.type.js';
import { Session } from './session.type.js';
import { User } from './user.type.js';

@ObjectType('SessionPayload', {
  description: 'Result of verifyUser and loginUser: a session for the user, or why there is none.',
})
export class SessionPayload {
  @Field(() => Session, {
    nullable: true,
    description: 'The new session; null when userErrors is not empty.',
  })
  session!: Session | null;

  @Field(() => User, {
    nullable: true,
    description: 'The user the session belongs to; null when userErrors is not empty.',
  })
  user!: User | null;

  @Field(() => [UserError], {
    description:
      'Expected failures: invalid input, WRONG_OTP, WRONG_PASSWORD, NOT_REGISTERED, NOT_VERIFIED (loginUser before the phone was confirmed), PROVIDER_UNAVAILABLE.',
  })
  userErrors!: UserError[];

  static of(session: Session | null, user: User | null, userErrors: UserError[]): SessionPayload {
    return Object.assign(new SessionPayload(), { session, user, userErrors });
  }
}
