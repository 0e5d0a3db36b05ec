import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import { schemaCompilersOnFirstUse } from '../http/schema-compilers-on-first-use.js';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { buildPayGraphSchema } from '../schema/build-schema.js';
import { BearerVerifier } from './auth/bearer-verifier.js';
import type { GraphQLContext } from '../schema/context.js';
import { compiledExecution } from './graphql-executor.js';
import { graphqlObservabilityPlugin } from './graphql-observability.plugin.js';
import { registerGraphqlTracing } from './graphql-tracing.js';
import { registerHealthRoutes, type Lifecycle } from './health.js';
import { registerRequestLog } from './request-log.js';
import { createMetricsApp } from './metrics-server.js';
import { apolloPipelineOptions, httpContext } from './pipeline/apollo-adapter.js';
import { RequestPipeline } from './pipeline/request-pipeline.js';
import { PersistedOperations } from './security/persisted-operations.js';
import { schemaServices } from './schema-services.js';
import type { Services } from './services.js';
import { registerSubscriptionServer } from './subscriptions.js';
import { registerConsole } from './console/console.route.js';
import { registerNchlNotificationRoute } from './webhooks/nchl-notification.js';
import { registerJwksRoute } from '../sessions/jwks.route.js';

export interface PayGraphApp {
  app: FastifyInstance;
  apollo: ApolloServer<GraphQLContext>;
  lifecycle: Lifecycle;
  verifier: BearerVerifier;
  /** /metrics on its own port (METRICS_PORT), when configured; not yet listening. */
  metricsApp: FastifyInstance | undefined;
}

/**
 * The HTTP surface: GraphQL at /graphql over HTTP (GET never runs mutations) and WebSocket, both through
 * one request pipeline; health, readiness and metrics.
 */
export async function createApp(services: Services): Promise<PayGraphApp> {
  const { config, logger } = services;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: (request) => safeRequestId(request.headers['x-request-id']),
    requestIdHeader: false,
    bodyLimit: config.security.limits.maxBodyBytes,
    forceCloseConnections: 'idle',
    schemaController: schemaCompilersOnFirstUse,
    // One line per request, written by registerRequestLog, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const requestLog = registerRequestLog(app, '/graphql');
  const tracing = registerGraphqlTracing(app, '/graphql');
  const lifecycle: Lifecycle = { draining: false };
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // While draining, connections close after their answer: shutdown need not wait out keep-alive timeouts.
    if (lifecycle.draining) reply.header('connection', 'close');
    done(null, payload);
  });
  await app.register(cors, { origin: config.corsOrigins, credentials: false });

  const verifier = new BearerVerifier(config.auth);
  const sessions = services.accounts?.sessions;
  if (sessions) verifier.addSessionKeys(sessions.keys, services.sessionRevocations);
  app.addHook('onClose', () => services.sessionRevocations.close());
  const { security } = config;
  const persisted = security.persistedOperationsManifest
    ? PersistedOperations.load(security.persistedOperationsManifest)
    : undefined;
  services.metrics.boundOperationLabels({
    capacity: security.metricsOperationNames,
    knownNames: persisted?.operationNames(),
  });
  const schema = await buildPayGraphSchema();
  const pipeline = new RequestPipeline({
    schema,
    config: security,
    limiter: services.shared.rateLimiter,
    verifier,
    persisted,
  });
  const pipelineOptions = apolloPipelineOptions(pipeline, security.stackTraces);
  const apollo = new ApolloServer<GraphQLContext>({
    ...compiledExecution(schema, security),
    // main.ts drains and exits on SIGTERM/SIGINT; Apollo's own handler would re-raise the signal mid-drain.
    stopOnTerminationSignals: false,
    ...pipelineOptions,
    plugins: [
      ...pipelineOptions.plugins,
      fastifyApolloDrainPlugin(app),
      graphqlObservabilityPlugin(services.metrics),
      requestLog,
      tracing,
      // Federated traces would tell any caller how long each field took: not without usage reporting.
      ApolloServerPluginInlineTraceDisabled(),
      // No field declares a cache hint, so Apollo's cache-control plugin only ever answers no-store, at the
      // cost of a hook on every field resolved (a measurable share of the largest pages): said once here.
      ApolloServerPluginCacheControlDisabled(),
      noStoreResponses,
      config.production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  await apollo.start();

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    context: httpContext(pipeline, { logger, services: schemaServices(services) }),
  });
  const metricsApp = config.metricsPort === undefined ? undefined : createMetricsApp(services);
  registerHealthRoutes(app, services, lifecycle, { metrics: !metricsApp });
  registerConsole(app, services);
  registerJwksRoute(app, sessions);
  registerNchlNotificationRoute(app, {
    nchl: services.providers.nchl,
    progress: services.operations.withdrawalProgress,
    logger,
  });
  registerSubscriptionServer(app, {
    pipeline,
    services,
    sessionRevocations: services.sessionRevocations,
  });
  return { app, apollo, lifecycle, verifier, metricsApp };
}

/** Answers carry personal and payment data: no cache keeps them. */
const noStoreResponses: ApolloServerPlugin<GraphQLContext> = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse: ({ response }) => {
        if (!response.http.headers.has('cache-control'))
          response.http.headers.set('cache-control', 'no-store');
        return Promise.resolve();
      },
    }),
};

function safeRequestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
}
