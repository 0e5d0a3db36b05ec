import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../schema/context.js';
import type { Metrics } from '../observability/metrics.js';

/** Counts and times each operation by name (a bounded label), and logs errors that are not the client's fault. */
export function graphqlObservabilityPlugin(metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: () => {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        didEncounterErrors: ({ contextValue, errors, operationName }) => {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
              contextValue.logger.error(
                { err: error.originalError ?? error, operationName },
                'GraphQL operation failed',
              );
            }
          }
          return Promise.resolve();
        },
        willSendResponse: ({ operationName, errors }) => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.observeGraphql(operationName ?? undefined, errors?.length ? 'error' : 'success', seconds);
          return Promise.resolve();
        },
      });
    },
  };
}
