import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import type { AccountResult, AccountService, SessionGrant } from '../../sessions/account.service.js';
import { validateInput } from '../common/validate-input.js';
import { limitAttempt, readPhone, requireAccounts, toUserErrors } from './account-errors.js';
import { LoginUserInput } from './login-user.input.js';
import { RegisterUserInput } from './register-user.input.js';
import { RegisterUserPayload } from './register-user.payload.js';
import { SessionPayload } from './session.payload.js';
import { Session } from './session.type.js';
import { User } from './user.type.js';
import { VerifyUserInput } from './verify-user.input.js';
import { ProviderCalls } from '../common/provider-calls.js';

/** Opening an account and a session: no bearer token needed. Attempts are limited per phone and address. */
@Resolver()
export class AccountResolver {
  @ProviderCalls({ ENAYAPAY: 1 })
  @Mutation(() => RegisterUserPayload, {
    description:
      'Registers an EnayaPay account; EnayaPay sends a one-time password to the phone by SMS. Confirm it with verifyUser.',
  })
  async registerUser(
    @Arg('input', () => RegisterUserInput, { description: 'The account to create.' })
    input: RegisterUserInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RegisterUserPayload> {
    const { accounts, service } = requireAccounts(context);
    const userErrors = await validateInput(input);
    const phone = readPhone(input.phone, userErrors);
    if (userErrors.length > 0 || !phone) return RegisterUserPayload.of(null, userErrors);
    await limitAttempt(context, accounts, 'register', phone);
    const result = await service.register({ phone, name: input.name, password: input.password });
    if (!result.ok) return RegisterUserPayload.of(null, toUserErrors(result.userErrors));
    context.logger.info({ principal: result.value.principal }, 'EnayaPay account registered');
    return RegisterUserPayload.of(phone, []);
  }

  @ProviderCalls({ ENAYAPAY: 1 })
  @Mutation(() => SessionPayload, {
    description:
      'Confirms the phone number with the one-time password and opens a session; every earlier session of the user ends. Also how a user whose EnayaPay session expired (SESSION_EXPIRED) gets a new one, with a one-time password EnayaPay sent.',
  })
  async verifyUser(
    @Arg('input', () => VerifyUserInput, { description: 'The phone number and its one-time password.' })
    input: VerifyUserInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SessionPayload> {
    return openSession(context, input, 'verify', (service, phone) =>
      service.verify({ phone, otp: input.otp }),
    );
  }

  @ProviderCalls({ ENAYAPAY: 1 })
  @Mutation(() => SessionPayload, {
    description:
      'Opens a session with the phone number and password, once the phone has been confirmed (NOT_VERIFIED before).',
  })
  async loginUser(
    @Arg('input', () => LoginUserInput, { description: 'The phone number and password.' })
    input: LoginUserInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SessionPayload> {
    return openSession(context, input, 'login', (service, phone) =>
      service.login({ phone, password: input.password }),
    );
  }
}

/**
 * The path both ways into a session share: validate, limit attempts per phone and address, ask
 * EnayaPay through the account service, and clear the attempt counter once it succeeded.
 */
async function openSession(
  context: GraphQLContext,
  input: VerifyUserInput | LoginUserInput,
  attempt: 'verify' | 'login',
  call: (service: AccountService, phone: string) => Promise<AccountResult<SessionGrant>>,
): Promise<SessionPayload> {
  const { accounts, service } = requireAccounts(context);
  const userErrors = await validateInput(input);
  const phone = readPhone(input.phone, userErrors);
  if (userErrors.length > 0 || !phone) return SessionPayload.of(null, null, userErrors);
  await limitAttempt(context, accounts, attempt, phone);
  const result = await call(service, phone);
  if (!result.ok) return SessionPayload.of(null, null, toUserErrors(result.userErrors));
  await accounts.attempts.succeeded(attempt, phone);
  const grant = result.value;
  context.logger.info(
    { principal: grant.user.principal, via: attempt === 'verify' ? 'otp' : 'password' },
    'session issued',
  );
  return SessionPayload.of(Session.of(grant.session), User.forPrincipal(grant.user.principal), []);
}
