import type { ApolloServerPlugin } from '@apollo/server';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { GraphQLContext } from '../../schema/context.js';

/**
 * Every RATE_LIMITED answer carries a Retry-After header, whichever part of the gateway refused:
 * the operation budget before execution, or a resolver's own attempt limit (login, OTP …).
 */
export function retryAfterPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const waits = (response.body.singleResult.errors ?? [])
            .filter((error) => error.extensions?.code === SystemErrorCode.RATE_LIMITED)
            .map((error) => Number(error.extensions?.retryAfterSeconds))
            .filter((seconds) => Number.isFinite(seconds) && seconds > 0);
          if (waits.length > 0) response.http.headers.set('retry-after', String(Math.max(...waits)));
          return Promise.resolve();
        },
      }),
  };
}
