import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { EndAllSessionsInput } from './end-all-sessions.input.js';
import { EndAllSessionsPayload } from './end-all-sessions.payload.js';
import { LogoutPayload } from './logout.payload.js';
import { requireSession } from './require-session.js';
import { Session } from './session.type.js';

/** Ending PayGraph sessions before they expire, on every replica; no provider is called. */
@Resolver()
export class SessionResolver {
  @Authorized()
  @Mutation(() => LogoutPayload, {
    description:
      'Ends the session this request is sent with: its token is refused from now on, on every replica, and its WebSockets close. Needs a PayGraph session (FORBIDDEN for client tokens).',
  })
  async logout(@Ctx() context: GraphQLContext): Promise<LogoutPayload> {
    const { principal, session, accounts } = requireSession(context);
    await accounts.lifecycle.end(principal.id, session, new Date(principal.expiresAt));
    context.logger.info({ principal: principal.id }, 'session ended');
    return LogoutPayload.of(true, []);
  }

  @Authorized()
  @Mutation(() => EndAllSessionsPayload, {
    description:
      'Ends every session of the calling user, on every device and replica (their WebSockets close), e.g. after a lost phone. Needs a PayGraph session (FORBIDDEN for client tokens).',
  })
  async endAllSessions(
    @Arg('input', () => EndAllSessionsInput, {
      nullable: true,
      description: 'Whether the caller gets a fresh session; yes when omitted.',
    })
    input: EndAllSessionsInput | null,
    @Ctx() context: GraphQLContext,
  ): Promise<EndAllSessionsPayload> {
    const { principal, accounts } = requireSession(context);
    const openNewSession = input?.openNewSession ?? true;
    const session = openNewSession
      ? await accounts.lifecycle.renew(principal)
      : (await accounts.lifecycle.endAll(principal.id), null);
    context.logger.info({ principal: principal.id }, 'every session of the user ended');
    return EndAllSessionsPayload.of(session && Session.of(session), []);
  }
}
