import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';

/**
 * The refusals of the request pipeline, the same over HTTP and WebSocket. `extensions.http` tells Apollo
 * the status and headers; the WebSocket side drops it.
 */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: SystemErrorCode.UNAUTHENTICATED, http: { status: 401 } },
  });
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests; try again in ${retryAfterSeconds} seconds`, {
    extensions: {
      code: SystemErrorCode.RATE_LIMITED,
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/** A document refused before execution for what it asks (a limit, the allowlist, the schema's exposure). */
export function refusedDocument(message: string, code = 'GRAPHQL_VALIDATION_FAILED'): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** An argument or variable value refused before execution. */
export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: SystemErrorCode.BAD_USER_INPUT, http: { status: 400 } },
  });
}
