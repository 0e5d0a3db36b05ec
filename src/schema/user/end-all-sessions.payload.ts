import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.type.js';
import { Session } from './session.type.js';

@ObjectType('EndAllSessionsPayload', { description: 'Result of endAllSessions.' })
export class EndAllSessionsPayload {
  @Field(() => Session, {
    nullable: true,
    description:
      "The caller's fresh session (the only one of the user now); null when openNewSession was false.",
  })
  session!: Session | null;

  @Field(() => [UserError], {
    description: 'Expected failures; none today (a session that has already ended is refused before this).',
  })
  userErrors!: UserError[];

  static of(session: Session | null, userErrors: UserError[]): EndAllSessionsPayload {
    return Object.assign(new EndAllSessionsPayload(), { session, userErrors });
  }
}
