import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.type.js';

@ObjectType('LogoutPayload', { description: 'Result of logout.' })
export class LogoutPayload {
  @Field({
    description:
      'True once the session has ended: every replica refuses its token from now on and closes its WebSockets.',
  })
  ended!: boolean;

  @Field(() => [UserError], {
    description: 'Expected failures; none today (a session that has already ended is refused before this).',
  })
  userErrors!: UserError[];

  static of(ended: boolean, userErrors: UserError[]): LogoutPayload {
    return Object.assign(new LogoutPayload(), { ended, userErrors });
  }
}
