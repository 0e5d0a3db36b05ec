import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { Principal, SessionClaims } from '../../domain/principal.js';
import type { Accounts } from '../../sessions/create-accounts.js';
import type { GraphQLContext } from '../context.js';
import { requirePrincipal } from '../common/require-principal.js';

/**
 * The caller's PayGraph session and the accounts that issued it. Client tokens (AUTH_JWT_SECRET or an
 * identity provider) are not sessions of this gateway and cannot be ended here: FORBIDDEN.
 */
export function requireSession(context: GraphQLContext): {
  principal: Principal;
  session: SessionClaims;
  accounts: Accounts;
} {
  const principal = requirePrincipal(context);
  const accounts = context.services.accounts;
  if (!principal.session || !accounts) {
    throw new GraphQLError('Only a session opened by verifyUser or loginUser can be ended here', {
      extensions: { code: SystemErrorCode.FORBIDDEN },
    });
  }
  return { principal, session: principal.session, accounts };
}
