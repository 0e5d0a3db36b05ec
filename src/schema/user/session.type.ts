import { Field, ObjectType } from 'type-graphql';
import type { IssuedSession } from '../../sessions/session-service.js';

@ObjectType('Session', {
  description:
    'A PayGraph session for an end user. Send the token as `Authorization: Bearer <token>`; it is valid on every replica that shares the signing key until `expiresAt`, or until it is ended earlier (logout, endAllSessions, or a verification or password change of the user).',
})
export class Session {
  @Field({
    description:
      'The session token: a JWT signed by the gateway (ES256), verifiable with /.well-known/jwks.json.',
  })
  token!: string;

  @Field({ description: 'How to send the token: always "Bearer".' })
  tokenType!: string;

  @Field({ description: 'When the session ends; log in again after it.' })
  expiresAt!: Date;

  static of(session: IssuedSession): Session {
    return Object.assign(new Session(), {
      token: session.token,
      tokenType: 'Bearer',
      expiresAt: session.expiresAt,
    });
  }
}
