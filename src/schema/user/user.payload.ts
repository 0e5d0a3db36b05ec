import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.type.js';
import { User } from './user.type.js';

@ObjectType({ description: 'Result of resetPassword and changePassword.' })
export class UserPayload {
  @Field(() => User, { nullable: true, description: 'The user; null when userErrors is not empty.' })
  user!: User | null;

  @Field(() => [UserError], {
    description:
      'Expected failures: invalid input, WRONG_PASSWORD, SESSION_EXPIRED, NOT_REGISTERED, PROVIDER_UNAVAILABLE.',
  })
  userErrors!: UserError[];

  static of(user: User | null, userErrors: UserError[]): UserPayload {
    return Object.assign(new UserPayload(), { user, userErrors });
  }
}
