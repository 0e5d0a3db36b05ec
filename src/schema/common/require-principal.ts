import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { Principal } from '../../domain/principal.js';
import type { GraphQLContext } from '../context.js';

/** The caller, for resolvers already guarded by @Authorized (a second guard costs nothing). */
export function requirePrincipal(context: GraphQLContext): Principal {
  if (!context.principal) {
    throw new GraphQLError('Authentication required', {
      extensions: { code: SystemErrorCode.UNAUTHENTICATED },
    });
  }
  return context.principal;
}
