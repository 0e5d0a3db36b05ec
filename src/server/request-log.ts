import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLContext } from '../schema/context.js';
import { requestTraceFields } from './graphql-tracing.js';

/** Probes asked every few seconds by orchestrators and Prometheus: logged at debug. */
const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/** What the GraphQL layer learnt about a request, for its log line. */
interface GraphqlSummary {
  operation?: string;
  operationType?: string;
  principal?: string;
  errorCodes?: string[];
  failed?: boolean;
}

/** Two requests in flight with the same id (a reused X-Request-Id): neither is attributed. */
const AMBIGUOUS = Symbol('ambiguous');

/**
 * One log line per request, in place of Fastify's two: method, route, status, duration and outcome, and
 * for GraphQL the operation name and type, the caller and the error codes; never the query string,
 * headers, document or variables. Probes are logged at debug. A request whose connection closed before
 * its answer was sent is logged then, as aborted. Returns the Apollo plugin that tells the line about the
 * operation (matched by request id).
 */
export function registerRequestLog(
  app: FastifyInstance,
  graphqlPath: string,
): ApolloServerPlugin<GraphQLContext> {
  const graphql = new Map<string, GraphqlSummary | typeof AMBIGUOUS>();
  const logged = new WeakSet<FastifyRequest>();
  const logOnce = (request: FastifyRequest, reply: FastifyReply, aborted: boolean) => {
    if (logged.has(request)) return;
    logged.add(request);
    const summary = graphql.get(request.id);
    if (request.routeOptions.url === graphqlPath) graphql.delete(request.id);
    logRequest(request, reply, aborted, summary === AMBIGUOUS ? undefined : summary);
  };
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url === graphqlPath)
      graphql.set(request.id, graphql.has(request.id) ? AMBIGUOUS : {});
    // The connection closed before the answer was sent: the client left (the work may still finish).
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) logOnce(request, reply, true);
    });
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    logOnce(request, reply, false);
    done();
  });
  return {
    requestDidStart: ({ contextValue }) => {
      const summary = graphql.get(contextValue.requestId);
      if (!summary || summary === AMBIGUOUS) return Promise.resolve();
      summary.principal = contextValue.principal?.id;
      return Promise.resolve({
        didResolveOperation: ({ operation, operationName }) => {
          summary.operation = operationName?.slice(0, 100);
          summary.operationType = operation?.operation;
          return Promise.resolve();
        },
        willSendResponse: ({ errors }) => {
          summary.failed = Boolean(errors?.length);
          if (errors?.length) summary.errorCodes = errorCodes(errors);
          return Promise.resolve();
        },
      });
    },
  };
}

function logRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  aborted: boolean,
  graphql: GraphqlSummary | undefined,
): void {
  const path = routeOf(request);
  const outcome = aborted ? 'aborted' : (graphql?.failed ?? reply.statusCode >= 400) ? 'error' : 'success';
  const line = {
    method: request.method,
    path,
    ...(aborted ? {} : { statusCode: reply.statusCode }),
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
    outcome,
    ...(graphql?.operationType ? { operationType: graphql.operationType } : {}),
    ...(graphql?.operation ? { operation: graphql.operation } : {}),
    ...(graphql?.principal ? { principal: graphql.principal } : {}),
    ...(graphql?.errorCodes ? { errorCodes: graphql.errorCodes } : {}),
    ...requestTraceFields(request),
  };
  if (PROBE_PATHS.has(path)) request.log.debug(line, 'request completed');
  else request.log.info(line, aborted ? 'request aborted' : 'request completed');
}

/** The route's pattern when one matched (no ids, no query string); otherwise the path, shortened. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0]!.slice(0, 200);
}

function errorCodes(errors: readonly { extensions?: Record<string, unknown> }[]): string[] {
  const codes = new Set<string>();
  for (const error of errors) {
    const code = error.extensions?.code;
    codes.add(typeof code === 'string' ? code.slice(0, 64) : 'INTERNAL_SERVER_ERROR');
  }
  return [...codes];
}
