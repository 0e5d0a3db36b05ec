import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { GraphQLContext } from '../context.js';

/** @Authorized() needs a verified principal; @Authorized('scope', …) needs every listed scope too. */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, scopes) => {
  if (!context.principal) {
    throw new GraphQLError('Authentication required', {
      extensions: { code: SystemErrorCode.UNAUTHENTICATED },
    });
  }
  const missing = scopes.filter((scope) => !context.principal!.scopes.includes(scope));
  if (missing.length > 0) {
    throw new GraphQLError(`This operation needs the scope: ${missing.join(', ')}`, {
      extensions: { code: SystemErrorCode.FORBIDDEN },
    });
  }
  return true;
};
