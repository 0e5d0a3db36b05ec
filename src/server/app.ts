import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { buildPayGraphSchema } from '../schema/build-schema.js';
import { createLoaders } from '../schema/loaders.js';
import { BearerVerifier, InvalidTokenError } from './auth/bearer-verifier.js';
import type { GraphQLContext } from '../schema/context.js';
import { formatError } from './format-error.js';
import { compiledExecution } from './graphql-executor.js';
import { graphqlObservabilityPlugin } from './graphql-observability.plugin.js';
import { registerGraphqlTracing } from './graphql-tracing.js';
import { registerHealthRoutes, type Lifecycle } from './health.js';
import { registerRequestLog } from './request-log.js';
import { securityOptions } from './security/security-options.js';
import { schemaServices } from './schema-services.js';
import type { Services } from './services.js';
import { registerSubscriptionServer } from './subscriptions.js';
import { registerConsole } from './console/console.route.js';
import { registerNchlNotificationRoute } from './webhooks/nchl-notification.js';
import { registerJwksRoute } from '../sessions/jwks.route.js';
import { GraphQLError } from 'graphql';

export interface PayGraphApp {
  app: FastifyInstance;
  apollo: ApolloServer<GraphQLContext>;
  lifecycle: Lifecycle;
  verifier: BearerVerifier;
}

/** The HTTP surface: GraphQL at /graphql (GET never runs mutations), health, readiness and metrics. */
export async function createApp(services: Services): Promise<PayGraphApp> {
  const { config, logger } = services;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: (request) => safeRequestId(request.headers['x-request-id']),
    requestIdHeader: false,
    bodyLimit: config.security.limits.maxBodyBytes,
    forceCloseConnections: 'idle',
    disableRequestLogging: true,
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
  const resolverServices = schemaServices(services);
  const security = securityOptions(config.security, services.shared.rateLimiter);
  const apollo = new ApolloServer<GraphQLContext>({
    ...compiledExecution(await buildPayGraphSchema(), config.security),
    formatError,
    // main.ts drains and exits on SIGTERM/SIGINT; Apollo's own handler would re-raise the signal mid-drain.
    stopOnTerminationSignals: false,
    ...security,
    plugins: [
      ...security.plugins,
      fastifyApolloDrainPlugin(app),
      graphqlObservabilityPlugin(services.metrics),
      requestLog,
      tracing,
      // Federated traces would tell any caller how long each field took: not without usage reporting.
      ApolloServerPluginInlineTraceDisabled(),
      config.production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false }),
    ],
  });
  await apollo.start();

  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    context: (request) => createContext(request, services, resolverServices, verifier),
  });
  registerHealthRoutes(app, services, lifecycle);
  registerConsole(app, services);
  registerJwksRoute(app, sessions);
  registerNchlNotificationRoute(app, {
    nchl: services.providers.nchl,
    progress: services.operations.withdrawalProgress,
    logger,
  });
  registerSubscriptionServer(app, { schema: await buildPayGraphSchema(), services, verifier });
  return { app, apollo, lifecycle, verifier };
}

async function createContext(
  request: FastifyRequest,
  services: Services,
  resolverServices: GraphQLContext['services'],
  verifier: BearerVerifier,
): Promise<GraphQLContext> {
  const header = request.headers.authorization;
  let principal: GraphQLContext['principal'];
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    try {
      principal = await verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(error.message);
      throw error;
    }
  }
  const logger = services.logger.child({
    reqId: request.id,
    ...(principal ? { principal: principal.id } : {}),
  });
  return {
    requestId: request.id,
    principal,
    clientAddress: request.ip,
    logger,
    services: resolverServices,
    loaders: createLoaders(resolverServices),
  };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

function safeRequestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
}
