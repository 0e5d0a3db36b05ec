import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.type.js';
import { Session } from './session.type.js';
import { User } from './user.type.js';

@ObjectType('UserPayload', {
  description:
    'Result of resetPassword and changePassword. A new password ends every earlier session of the user, the calling one included: carry on with `session`.',
})
export class UserPayload {
  @Field(() => User, { nullable: true, description: 'The user; null when userErrors is not empty.' })
  user!: User | null;

  @Field(() => Session, {
    nullable: true,
    description:
      "The caller's fresh session, replacing the one the request was sent with; null when userErrors is not empty.",
  })
  session!: Session | null;

  @Field(() => [UserError], {
    description:
      'Expected failures: invalid input, WRONG_PASSWORD, SESSION_EXPIRED, NOT_VERIFIED, NOT_REGISTERED, PROVIDER_UNAVAILABLE.',
  })
  userErrors!: UserError[];

  static of(user: User | null, session: Session | null, userErrors: UserError[]): UserPayload {
    return Object.assign(new UserPayload(), { user, session, userErrors });
  }
}
