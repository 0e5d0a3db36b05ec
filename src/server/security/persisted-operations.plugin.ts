import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../../schema/context.js';
import type { PersistedDocuments, PersistedRequest } from './persisted-lookup.js';

/**
 * Resolves persisted documents over Apollo Server: a `documentId` or APQ hash is replaced by the listed
 * text before Apollo reads it, an unknown one ends in Apollo's own PERSISTED_QUERY_NOT_FOUND, a malformed
 * request is refused. Whether a document sent as text is listed is the request pipeline's check, the same
 * for HTTP and WebSocket.
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
        didResolveOperation() {
          return refusal ? Promise.reject(refusal) : Promise.resolve();
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
