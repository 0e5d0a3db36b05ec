import type { ApolloServerPlugin } from '@apollo/server';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { defaultFieldResolver, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { OperationLabels } from '../observability/operation-labels.js';
import { activeTracer } from '../observability/tracing.js';
import type { GraphQLContext } from '../schema/context.js';

/** Distinct operation names that get a span name of their own; the rest are `other`. */
const OPERATION_NAMES = 50;

/** The span of each GraphQL request over HTTP, by request. */
const operationSpans = new WeakMap<FastifyRequest, Span>();
const ours = new WeakSet<Span>();

/**
 * Traces GraphQL over HTTP when tracing is on (nothing is registered otherwise): one SERVER span per
 * request on `path`, the child of the client's W3C `traceparent` when it sent one, named after the
 * operation (`mutation rechargeMobile`; names past the first 50 are `other`); and one span per
 * provider-backed resolver (every mutation, and each field that declares provider calls), under which
 * provider calls and ledger writes nest. The document and its variables are never recorded. Returns the
 * Apollo plugin that names the spans; register this before the GraphQL route.
 */
export function registerGraphqlTracing(
  app: FastifyInstance,
  path: string,
): ApolloServerPlugin<GraphQLContext> {
  if (!activeTracer()) return {};
  app.addHook('onRoute', (route) => {
    if (route.url === path) route.handler = tracedHandler(route.handler, path);
  });
  app.addHook('onResponse', (request, reply, done) => {
    endOperationSpan(request, reply.statusCode);
    done();
  });
  return operationNamingPlugin(new OperationLabels(OPERATION_NAMES));
}

/** `trace_id` and `span_id` of the request's GraphQL span, for its log line. */
export function requestTraceFields(
  request: FastifyRequest,
): { trace_id: string; span_id: string } | undefined {
  const span = operationSpans.get(request);
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

function tracedHandler(handler: RouteHandlerMethod, path: string): RouteHandlerMethod {
  return function (this: FastifyInstance, request, reply) {
    const tracer = activeTracer();
    if (!tracer) return handler.call(this, request, reply);
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      `${request.method} ${path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': path } },
      parent,
    );
    operationSpans.set(request, span);
    ours.add(span);
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) endOperationSpan(request, undefined);
    });
    return context.with(trace.setSpan(parent, span), () => handler.call(this, request, reply));
  };
}

function endOperationSpan(request: FastifyRequest, status: number | undefined): void {
  const span = operationSpans.get(request);
  if (!span || !ours.delete(span)) return;
  if (status === undefined) {
    span.setAttribute('error.type', 'aborted');
    span.setStatus({ code: SpanStatusCode.ERROR });
  } else {
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

function operationNamingPlugin(names: OperationLabels): ApolloServerPlugin<GraphQLContext> {
  return {
    serverWillStart: () =>
      Promise.resolve({
        schemaDidLoadOrUpdate: ({ apiSchema }) => traceProviderBackedResolvers(apiSchema),
      }),
    requestDidStart: () => {
      const span = trace.getActiveSpan();
      if (!span || !ours.has(span)) return Promise.resolve();
      return Promise.resolve({
        didResolveOperation: ({ operation, operationName }) => {
          if (!operation) return Promise.resolve();
          const name = names.labelOf(operationName);
          span.updateName(`${operation.operation} ${name}`);
          span.setAttributes({
            'graphql.operation.type': operation.operation,
            'graphql.operation.name': name,
          });
          return Promise.resolve();
        },
        willSendResponse: ({ errors }) => {
          const codes = errorCodes(errors);
          span.setAttribute('paygraph.graphql.outcome', errors?.length ? 'error' : 'success');
          if (codes.length > 0) span.setAttribute('paygraph.graphql.error_codes', codes);
          if (errors?.length) span.setStatus({ code: SpanStatusCode.ERROR });
          return Promise.resolve();
        },
      });
    },
  };
}

/** The `extensions.code` of each error, once: a bounded set (our codes and Apollo's), never a message. */
function errorCodes(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): string[] {
  const codes = new Set<string>();
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    codes.add(typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'other');
  }
  return [...codes];
}

const TRACED = Symbol('paygraph.traced-resolver');

/** Wraps, once, the resolvers of mutations and of fields that declare provider calls. */
function traceProviderBackedResolvers(schema: GraphQLSchema): void {
  const mutation = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const providerBacked = type === mutation || field.extensions.providerCalls !== undefined;
      if (providerBacked) traceResolver(type.name, field);
    }
  }
}

function traceResolver(typeName: string, field: GraphQLField<unknown, unknown>): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  if ((resolve as { [TRACED]?: boolean })[TRACED]) return;
  const name = `resolve ${typeName}.${field.name}`;
  const attributes = { 'graphql.field.name': field.name, 'graphql.field.parent_type': typeName };
  const traced: typeof resolve = function (this: unknown, ...args) {
    const tracer = activeTracer();
    if (!tracer) return resolve.apply(this, args);
    return tracer.startActiveSpan(name, { attributes }, (span) => {
      try {
        const result: unknown = resolve.apply(this, args);
        if (!(result instanceof Promise)) {
          span.end();
          return result;
        }
        return result.then(
          (value: unknown) => {
            span.end();
            return value;
          },
          (error: unknown) => {
            failResolver(span, error);
            throw error;
          },
        );
      } catch (error) {
        failResolver(span, error);
        throw error;
      }
    });
  };
  Object.assign(traced, { [TRACED]: true });
  field.resolve = traced;
}

function failResolver(span: Span, error: unknown): void {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  span.setAttribute(
    'error.type',
    typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'error',
  );
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
