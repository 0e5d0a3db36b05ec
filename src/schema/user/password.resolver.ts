import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { OTP_VERIFIED_SCOPE } from '../../sessions/session-service.js';
import { requirePrincipal } from '../common/require-principal.js';
import { validateInput } from '../common/validate-input.js';
import { limitAttempt, requireAccounts, toUserErrors } from './account-errors.js';
import { ChangePasswordInput } from './change-password.input.js';
import { ResetPasswordInput } from './reset-password.input.js';
import { UserPayload } from './user.payload.js';
import { User } from './user.type.js';
import { ProviderCalls } from '../common/provider-calls.js';

/** Password changes of the calling user, through the EnayaPay token kept for them. */
@Resolver()
export class PasswordResolver {
  @Authorized(OTP_VERIFIED_SCOPE)
  @ProviderCalls({ ENAYAPAY: 1 })
  @Mutation(() => UserPayload, {
    description:
      'Sets a new password without the current one, for a user who forgot it: needs a session opened by verifyUser (register again to get a new one-time password).',
  })
  async resetPassword(
    @Arg('input', () => ResetPasswordInput, { description: 'The new password.' }) input: ResetPasswordInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPayload> {
    const principal = requirePrincipal(context);
    const { accounts, service } = requireAccounts(context);
    const userErrors = await validateInput(input);
    if (userErrors.length > 0) return UserPayload.of(null, userErrors);
    await limitAttempt(context, accounts, 'password', principal.id);
    const result = await service.resetPassword(principal.id, { newPassword: input.newPassword });
    if (!result.ok) return UserPayload.of(null, toUserErrors(result.userErrors));
    context.logger.info({ principal: principal.id }, 'EnayaPay password reset');
    return UserPayload.of(User.forPrincipal(principal.id), []);
  }

  @Authorized()
  @ProviderCalls({ ENAYAPAY: 1 })
  @Mutation(() => UserPayload, {
    description: "Changes the calling user's password; the current one is required.",
  })
  async changePassword(
    @Arg('input', () => ChangePasswordInput, { description: 'The current and the new password.' })
    input: ChangePasswordInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UserPayload> {
    const principal = requirePrincipal(context);
    const { accounts, service } = requireAccounts(context);
    const userErrors = await validateInput(input);
    if (userErrors.length > 0) return UserPayload.of(null, userErrors);
    await limitAttempt(context, accounts, 'password', principal.id);
    const result = await service.changePassword(principal.id, input);
    if (!result.ok) return UserPayload.of(null, toUserErrors(result.userErrors));
    await accounts.attempts.succeeded('password', principal.id);
    context.logger.info({ principal: principal.id }, 'EnayaPay password changed');
    return UserPayload.of(User.forPrincipal(principal.id), []);
  }
}
