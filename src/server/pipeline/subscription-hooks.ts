import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  type ExecutionArgs,
  type GraphQLFormattedError,
} from 'graphql';
import type { ServerOptions, SubscribePayload } from 'graphql-ws';
import { SystemErrorCode } from '../../domain/error-codes.js';
import { callerKey } from './authenticate.js';
import { badInput, refusedDocument, unauthenticated } from './errors.js';
import type { LiveSockets } from './live-sockets.js';
import { createRequestContext, type ContextSource } from './request-context.js';
import type { RequestPipeline } from './request-pipeline.js';
import { SocketClose } from './socket-close.js';
import type { SocketConnection } from './socket-connection.js';

export interface SocketExtra {
  connection: SocketConnection;
  request: IncomingMessage;
}

type ConnectionParams = Record<string, unknown> | undefined;

/**
 * graphql-ws's side of the request pipeline. `connection_init` is authenticated like an HTTP request
 * (the token in the `authorization` parameter, or the upgrade request's header): an invalid token
 * closes the socket (4403); a valid one is held until it expires (4401). A socket without a token is
 * accepted but may not subscribe: every subscription needs a principal, so each `subscribe` is
 * refused UNAUTHENTICATED before its document is read. Each `subscribe` then counts as one operation
 * of its caller (the same budget as HTTP), passes the same document rules, allowlist and admission,
 * and the limits on open subscriptions; every error is masked by the same formatError.
 */
export function subscriptionHooks(deps: {
  pipeline: RequestPipeline;
  contexts: ContextSource;
  live: LiveSockets;
}): ServerOptions<ConnectionParams, SocketExtra> {
  const { pipeline, contexts, live } = deps;
  const clientErrors = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      // `extensions.http` tells Apollo a status; a WebSocket has none.
      const json = error.toJSON();
      const { http: _http, ...extensions } = json.extensions ?? {};
      const formatted = pipeline.formatError({ ...json, extensions }, error);
      if (formatted.extensions?.code === SystemErrorCode.INTERNAL_SERVER_ERROR)
        contexts.logger.error({ err: error.originalError ?? error }, 'GraphQL subscription failed');
      return formatted;
    });

  return {
    schema: pipeline.schema,

    onConnect: async ({ connectionParams, extra }) => {
      const { connection, request } = extra;
      let principal;
      try {
        principal = await pipeline.authenticate(
          connectionParams?.authorization ?? request.headers.authorization,
        );
      } catch (error) {
        if (error instanceof GraphQLError && error.extensions.code === SystemErrorCode.UNAUTHENTICATED)
          return false;
        throw error;
      }
      if (!connection.isOpen) return false;
      if (!live.join(connection, principal)) {
        connection.closeFor(SocketClose.tooManyConnections);
        return false;
      }
      if (principal) connection.closeAt(principal.expiresAt, SocketClose.tokenExpired);
      return true;
    },

    onSubscribe: async ({ extra }, id, payload) => {
      const { connection } = extra;
      const { principal } = connection;
      if (!principal) return [unauthenticated('Subscriptions need a bearer token, sent at connection_init')];
      if (principal.expiresAt <= Date.now()) {
        connection.closeFor(SocketClose.tokenExpired);
        return [unauthenticated('The bearer token is invalid or expired')];
      }
      // Reserved before anything is awaited: messages of one socket are handled concurrently.
      const full = live.subscriptionLimitReached(connection);
      if (full) return [tooManySubscriptions(full)];
      connection.subscriptions.add(id);
      const admitted = await admitSubscription(
        pipeline,
        payload,
        callerKey(principal, connection.clientAddress),
      );
      if (Array.isArray(admitted)) {
        connection.subscriptions.delete(id);
        return admitted;
      }
      return {
        ...admitted,
        contextValue: createRequestContext(contexts, {
          requestId: randomUUID(),
          principal,
          clientAddress: connection.clientAddress,
        }),
      };
    },

    // The subscription's listener is registered by now: a debug line says it is live.
    onOperation: (_ctx, id) => {
      contexts.logger.debug({ operationId: id }, 'subscription started');
    },

    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: clientErrors(result.errors) } : undefined,

    onError: ({ extra }, id, _payload, errors) => {
      extra.connection.subscriptions.delete(id);
      return clientErrors(errors);
    },

    onComplete: ({ extra }, id) => {
      extra.connection.subscriptions.delete(id);
    },
  };
}

/**
 * What HTTP requests pass in Apollo Server, for one subscribe message: counted against the caller's
 * budget, parsed and validated under the same rules, a subscription, variables coerced, then admitted.
 */
async function admitSubscription(
  pipeline: RequestPipeline,
  payload: SubscribePayload,
  caller: string,
): Promise<ExecutionArgs | GraphQLError[]> {
  const counted = await pipeline.countRequest(caller);
  if (counted) return [counted];
  const source = documentSource(pipeline, payload);
  if (source instanceof GraphQLError) return [source];
  const parsed = pipeline.parseAndValidate(source);
  if ('errors' in parsed) return parsed.errors;
  const { document } = parsed;
  const operation = getOperationAST(document, payload.operationName);
  if (!operation)
    return [refusedDocument('Unable to identify the operation', 'OPERATION_RESOLUTION_FAILURE')];
  if (operation.operation !== 'subscription') {
    return [
      refusedDocument(
        'Only subscriptions are served over WebSocket; send queries and mutations over HTTP',
        'BAD_REQUEST',
      ),
    ];
  }
  const { schema } = pipeline;
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (variables.errors) return variables.errors.map((error) => badInput(error.message));
  const refused = await pipeline.admit({ document, operation, variables: variables.coerced, caller });
  if (refused) return [refused];
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

/** The subscription's document: sent as text, or named by a persisted document's id or APQ hash. */
function documentSource(pipeline: RequestPipeline, payload: SubscribePayload): string | GraphQLError {
  const found = pipeline.persisted?.lookup({
    query: payload.query,
    documentId: (payload as { documentId?: unknown }).documentId,
    extensions: payload.extensions ?? undefined,
  });
  if (!found || found.kind === 'sent') {
    return payload.query || refusedDocument('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND');
  }
  if (found.kind === 'listed') return found.document;
  return refusedDocument(found.refusal.message, found.refusal.code);
}

function tooManySubscriptions(limit: 'connection' | 'principal'): GraphQLError {
  const holder = limit === 'connection' ? 'on this connection' : 'for this principal';
  return new GraphQLError(`Too many subscriptions open ${holder}; complete one first`, {
    extensions: { code: SystemErrorCode.RATE_LIMITED },
  });
}
