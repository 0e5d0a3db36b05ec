import { persistedOperationsPlugin } from '../security/persisted-operations.plugin.js';
import type { ApolloServerOptionsWithSchema, ApolloServerPlugin } from '@apollo/server';
import type { FastifyRequest } from 'fastify';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { GraphQLContext } from '../../schema/context.js';
import { callerKey } from './authenticate.js';
import { createRequestContext, type ContextSource } from './request-context.js';
import type { RequestPipeline } from './request-pipeline.js';
import { ROUTER_SECRET_HEADER } from './schema-exposure.js';

type PipelineOptions = Pick<
  ApolloServerOptionsWithSchema<GraphQLContext>,
  | 'formatError'
  | 'validationRules'
  | 'parseOptions'
  | 'introspection'
  | 'includeStacktraceInErrorResponses'
  | 'hideSchemaDetailsFromClientErrors'
  | 'csrfPrevention'
  | 'allowBatchedHttpRequests'
  | 'persistedQueries'
> & { plugins: ApolloServerPlugin<GraphQLContext>[] };

/** Apollo Server's side of the request pipeline: its options, and the plugin that calls the pipeline. */
export function apolloPipelineOptions(pipeline: RequestPipeline, stackTraces: boolean): PipelineOptions {
  const { persisted } = pipeline;
  return {
    formatError: pipeline.formatError,
    validationRules: pipeline.rules.validationRules,
    parseOptions: pipeline.rules.parseOptions,
    // Introspection is refused by the pipeline's own rule, which WebSocket documents pass as well.
    introspection: true,
    includeStacktraceInErrorResponses: stackTraces,
    // Suggestions are removed by the pipeline's formatError, from every error.
    hideSchemaDetailsFromClientErrors: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Without a manifest, clients cannot register documents either: automatic persisted queries are off.
    persistedQueries: persisted ? { cache: persisted.asCache(), ttl: null } : false,
    plugins: [
      ...(persisted ? [persistedOperationsPlugin(persisted)] : []),
      pipelinePlugin(pipeline),
      rateLimitedStatusPlugin(),
    ],
  };
}

/**
 * The context of an HTTP request: authenticated, and counted against its caller's budget before its
 * document is parsed, so that documents failing to parse or validate are counted too.
 */
export function httpContext(
  pipeline: RequestPipeline,
  contexts: ContextSource,
): (request: FastifyRequest) => Promise<GraphQLContext> {
  return async (request) => {
    const principal = await pipeline.authenticate(request.headers.authorization);
    const refused = await pipeline.countRequest(callerKey(principal, request.ip));
    if (refused) throw refused;
    return createRequestContext(contexts, { requestId: request.id, principal, clientAddress: request.ip });
  };
}

function pipelinePlugin(pipeline: RequestPipeline): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const refused = await pipeline.admit({
            document,
            operation,
            variables: request.variables ?? {},
            caller: callerKey(contextValue.principal, contextValue.clientAddress),
            routerSecret: request.http?.headers.get(ROUTER_SECRET_HEADER),
          });
          if (refused) throw refused;
        },
      }),
  };
}

/**
 * Every RATE_LIMITED answer is HTTP 429 with Retry-After, whichever part of the gateway refused: the
 * pipeline before execution, or a resolver's own attempt limit (login, OTP …) during it.
 */
function rateLimitedStatusPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const limited = (response.body.singleResult.errors ?? []).filter(
            (error) => error.extensions?.code === SystemErrorCode.RATE_LIMITED,
          );
          if (limited.length === 0) return Promise.resolve();
          const waits = limited
            .map((error) => Number(error.extensions?.retryAfterSeconds))
            .filter((seconds) => Number.isFinite(seconds) && seconds > 0);
          response.http.status = 429;
          response.http.headers.set('retry-after', String(waits.length > 0 ? Math.max(...waits) : 1));
          return Promise.resolve();
        },
      }),
  };
}
