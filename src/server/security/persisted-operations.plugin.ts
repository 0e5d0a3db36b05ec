import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../../schema/context.js';
import type { PersistedDocuments, PersistedRequest } from './persisted-lookup.js';

/**
 * Runs only the manifest's documents over Apollo Server: a `documentId` or APQ hash is replaced by the listed
 * text before Apollo reads it, an unknown one ends in Apollo's own PERSISTED_QUERY_NOT_FOUND, and any
 * document that is not listed is refused with PERSISTED_QUERY_NOT_IN_LIST before it runs.
 */
export function persistedOperationsPlugin(
  operations: PersistedDocuments,
): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart({ request }) {
      const found = operations.lookup(persistedRequestOf(request));
      let refusal: GraphQLError | undefined;
      if (found.kind === 'listed') {
        request.query = found.document;
      } else if (found.kind === 'refused' && found.refusal.code === 'PERSISTED_QUERY_NOT_FOUND') {
        // Apollo's persisted-query path answers the miss (its cache is the manifest, read-only).
        request.query = undefined;
        request.extensions = { ...request.extensions, persistedQuery: { version: 1, sha256Hash: '' } };
      } else if (found.kind === 'refused') {
        const { code, message, status } = found.refusal;
        refusal = new GraphQLError(message, { extensions: { code, http: { status } } });
      }
      return Promise.resolve({
        didResolveOperation({ document }) {
          if (refusal) return Promise.reject(refusal);
          if (operations.allows(document)) return Promise.resolve();
          return Promise.reject(
            new GraphQLError('This gateway runs only its persisted operations', {
              extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
            }),
          );
        },
      });
    },
  };
}

/** `documentId` is not part of Apollo's request: it is read from the JSON body, or the query string of a GET. */
function persistedRequestOf(request: GraphQLRequest): PersistedRequest {
  const body = request.http?.body;
  const fromBody =
    typeof body === 'object' && body !== null ? (body as { documentId?: unknown }).documentId : undefined;
  const documentId =
    fromBody ??
    (request.http?.method === 'GET'
      ? (new URLSearchParams(request.http.search).get('documentId') ?? undefined)
      : undefined);
  return { query: request.query, documentId, extensions: request.extensions };
}
