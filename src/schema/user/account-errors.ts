import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import { Provider } from '../../domain/provider.js';
import { UserErrorCode } from '../../domain/user-error-codes.js';
import { TooManyAttemptsError, type AccountAction } from '../../sessions/account-attempts.js';
import type { GraphQLContext } from '../context.js';
import type { AccountService, AccountUserError } from '../../sessions/account.service.js';
import type { Accounts } from '../../sessions/create-accounts.js';
import { requireProvider } from '../common/require-provider.js';
import { UserError } from '../common/user-error.type.js';
import { normalizeSudanPhone } from './phone-number.js';

/** The account service, or PROVIDER_NOT_CONFIGURED when this gateway runs without EnayaPay or sessions. */
export function requireAccounts(context: GraphQLContext): { accounts: Accounts; service: AccountService } {
  const accounts = context.services.accounts;
  const service = requireProvider(accounts?.service, Provider.ENAYAPAY);
  return { accounts: accounts!, service };
}

/** Counts one attempt against the per-subject and per-address limits; RATE_LIMITED beyond them. */
export async function limitAttempt(
  context: GraphQLContext,
  accounts: Accounts,
  action: AccountAction,
  subject: string,
): Promise<void> {
  try {
    await accounts.attempts.attempt(action, subject, context.clientAddress);
  } catch (error) {
    if (!(error instanceof TooManyAttemptsError)) throw error;
    throw new GraphQLError(error.message, {
      extensions: { code: SystemErrorCode.RATE_LIMITED, retryAfterSeconds: error.retryAfterSeconds },
    });
  }
}

/** The phone in EnayaPay's form, or undefined with an INVALID_PHONE userError added. */
export function readPhone(input: string, userErrors: UserError[]): string | undefined {
  const phone = normalizeSudanPhone(input);
  if (!phone) {
    userErrors.push(
      UserError.of(
        UserErrorCode.INVALID_PHONE,
        'phone must be a Sudanese mobile number, e.g. 249912345678 or 0912345678',
        ['input', 'phone'],
      ),
    );
  }
  return phone;
}

export function toUserErrors(errors: readonly AccountUserError[]): UserError[] {
  return errors.map((error) =>
    UserError.of(error.code, error.message, error.field ? ['input', error.field] : undefined),
  );
}
