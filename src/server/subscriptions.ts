import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createLoaders } from '../schema/loaders.js';
import type { BearerVerifier } from './auth/bearer-verifier.js';
import type { Principal } from '../domain/principal.js';
import { operationLimitRules } from './security/operation-limits.js';
import type { GraphQLContext } from '../schema/context.js';
import { schemaServices } from './schema-services.js';
import type { Services } from './services.js';

export interface SubscriptionServerOptions {
  schema: GraphQLSchema;
  services: Services;
  verifier: BearerVerifier;
  /** Same path as queries and mutations: WebSocket upgrades to it speak graphql-ws. */
  path?: string;
}

/**
 * GraphQL subscriptions over graphql-ws on the gateway's own port and path. The bearer token comes in the
 * connection parameters (`authorization: "Bearer …"`) or, failing that, the upgrade request's header;
 * a connection with an invalid token is refused (graphql-ws closes it with 4403). Only subscriptions are
 * served here, under the same operation limits as HTTP: queries and mutations go through Apollo, with its
 * rate limits and provider-call budget. Closed with the app.
 */
export function registerSubscriptionServer(app: FastifyInstance, options: SubscriptionServerOptions): void {
  const path = options.path ?? '/graphql';
  const { services, verifier } = options;
  const resolverServices = schemaServices(services);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const principals = new WeakMap<object, Principal | undefined>();
  const limits = operationLimitRules(services.config.security.limits);
  const rules = [...specifiedRules, ...limits.validationRules];

  const server = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization;
        if (authorization === undefined) return true;
        const token = bearer(authorization);
        if (!token) return false;
        try {
          principals.set(ctx.extra, await verifier.verify(token));
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (_ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, limits.parseOptions);
        } catch (error) {
          return [
            error instanceof GraphQLError ? error : new GraphQLError('The operation could not be parsed'),
          ];
        }
        const errors = validate(options.schema, document, rules);
        if (errors.length > 0) return errors;
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return [
            new GraphQLError(
              'Only subscriptions are served over WebSocket; send queries and mutations over HTTP',
            ),
          ];
        }
        return {
          schema: options.schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
        };
      },
      context: (ctx): GraphQLContext => {
        const principal = principals.get(ctx.extra);
        const requestId = randomUUID();
        return {
          requestId,
          principal,
          clientAddress: ctx.extra.request.socket.remoteAddress ?? '',
          logger: services.logger.child({
            reqId: requestId,
            ...(principal ? { principal: principal.id } : {}),
          }),
          services: resolverServices,
          loaders: createLoaders(resolverServices),
        };
      },
    },
    sockets,
  );

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== path) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  };
  app.server.on('upgrade', onUpgrade);
  // preClose: open WebSockets would otherwise keep the HTTP server from closing.
  app.addHook('preClose', async () => {
    app.server.off('upgrade', onUpgrade);
    // Clients are asked to close (1001); one that does not answer is cut off rather than waited for.
    const cutOff = setTimeout(() => sockets.clients.forEach((client) => client.terminate()), 1000);
    try {
      await server.dispose();
    } finally {
      clearTimeout(cutOff);
    }
  });
}

/** The token of "Bearer <token>", or undefined when absent or not of that form. */
function bearer(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^Bearer\s+(\S+)$/i.exec(value)?.[1];
}
