import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import type { AccountResult, SessionGrant } from '../../sessions/account.service.js';
import { OTP_VERIFIED_SCOPE } from '../../sessions/session-service.js';
import { requirePrincipal } from '../common/require-principal.js';
import { validateInput } from '../common/validate-input.js';
import { limitAttempt, requireAccounts, toUserErrors } from './account-errors.js';
import { ChangePasswordInput } from './change-password.input.js';
import { ResetPasswordInput } from './reset-password.input.js';
import { Session } from './session.type.js';
import { UserPayload } from './user.payload.js';
import { User } from './user.type.js';
import { ProviderCalls } from '../common/provider-calls.js';

/**
 * Password changes of the calling user, through the EnayaPay token kept for them. Either one ends every
 * earlier session of the user; the payload carries the caller's fresh one.
 */
@Resolver()
export class PasswordResolver {
  @Authorized(OTP_VERIFIED_SCOPE)
  @ProviderCalls({ ENAYAPAY: 1 })
  @Mutation(() => UserPayload, {
    description:
      'Sets a new password without the current one, for a user who forgot it: needs a session opened by verifyUser (proof of the phone). Ends every earlier session of the user; the payload carries a fresh one.',
  })
  async resetPassword(
    @Arg('input', () => ResetPasswordInput, { description: 'The new password.' }) input: ResetPasswordInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPayload> {
    const principal = requirePrincipal(context);
    const { accounts, service } = requireAccounts(context);
    const userErrors = await validateInput(input);
    if (userErrors.length > 0) return UserPayload.of(null, null, userErrors);
    await limitAttempt(context, accounts, 'password', principal.id);
    const result = await service.resetPassword(principal, { newPassword: input.newPassword });
    if (result.ok) context.logger.info({ principal: principal.id }, 'EnayaPay password reset');
    return payloadOf(result);
  }

  @Authorized()
  @ProviderCalls({ ENAYAPAY: 1 })
  @Mutation(() => UserPayload, {
    description:
      "Changes the calling user's password; the current one is required. Ends every earlier session of the user; the payload carries a fresh one.",
  })
  async changePassword(
    @Arg('input', () => ChangePasswordInput, { description: 'The current and the new password.' })
    input: ChangePasswordInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPayload> {
    const principal = requirePrincipal(context);
    const { accounts, service } = requireAccounts(context);
    const userErrors = await validateInput(input);
    if (userErrors.length > 0) return UserPayload.of(null, null, userErrors);
    await limitAttempt(context, accounts, 'password', principal.id);
    const result = await service.changePassword(principal, input);
    if (!result.ok) return payloadOf(result);
    await accounts.attempts.succeeded('password', principal.id);
    context.logger.info({ principal: principal.id }, 'EnayaPay password changed');
    return payloadOf(result);
  }
}

function payloadOf(result: AccountResult<SessionGrant>): UserPayload {
  if (!result.ok) return UserPayload.of(null, null, toUserErrors(result.userErrors));
  const { user, session } = result.value;
  return UserPayload.of(User.forPrincipal(user.principal), Session.of(session), []);
}
