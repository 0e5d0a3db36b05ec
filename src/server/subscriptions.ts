import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { handleProtocols, makeServer } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SessionRevocations } from '../domain/ports/session-revocations.js';
import { schemaServices } from './schema-services.js';
import type { Services } from './services.js';
import { LiveSockets } from './pipeline/live-sockets.js';
import { MessageWindow } from './pipeline/message-window.js';
import type { RequestPipeline } from './pipeline/request-pipeline.js';
import { SocketClose } from './pipeline/socket-close.js';
import { SocketConnection } from './pipeline/socket-connection.js';
import { subscriptionHooks, type SocketExtra } from './pipeline/subscription-hooks.js';

export interface SubscriptionServerOptions {
  pipeline: RequestPipeline;
  services: Services;
  /** Announces ended sessions; their sockets are closed (4401). Absent: sockets end with their token. */
  sessionRevocations?: SessionRevocations;
  /** Same path as queries and mutations: WebSocket upgrades to it speak graphql-ws. */
  path?: string;
}

/** A socket that answers no ping for this long is cut off. */
const KEEPALIVE_MS = 12_000;

/**
 * GraphQL subscriptions over graphql-ws on the gateway's own port and path, through the request
 * pipeline (subscription-hooks.ts). Each connection's messages are counted as they arrive, before
 * graphql-ws reads them: past the limit the socket is closed (4429) and whatever it still sends is
 * dropped unread. Closed with the app: clients are asked to go (1001), and cut off if they do not.
 */
export function registerSubscriptionServer(app: FastifyInstance, options: SubscriptionServerOptions): void {
  const path = options.path ?? '/graphql';
  const { services } = options;
  const { metrics, logger } = services;
  const limits = services.config.security.subscriptions;
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    handleProtocols,
  });
  const live = new LiveSockets(limits);
  const contexts = { logger, services: schemaServices(services) };
  const graphqlWs = makeServer(subscriptionHooks({ pipeline: options.pipeline, contexts, live }));
  const connections = new Set<SocketConnection>();

  const serve = (socket: WebSocket, request: IncomingMessage) => {
    const connection = new SocketConnection(socket, request.socket.remoteAddress ?? '', (code) =>
      metrics.countWebSocketClose(code),
    );
    connections.add(connection);
    const window = new MessageWindow(limits.messagesPerConnection);
    let handle: ((data: string) => Promise<void>) | undefined;
    const closed = graphqlWs.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => connection.close(code ?? 1000, reason ?? ''),
        onMessage: (callback) => {
          handle = callback;
        },
      },
      { connection, request } satisfies SocketExtra,
    );
    socket.on('message', (data: Buffer) => {
      if (!connection.isOpen || !handle) return metrics.countWebSocketMessage('dropped');
      if (!window.take()) {
        metrics.countWebSocketMessage('dropped');
        return connection.closeFor(SocketClose.tooManyMessages);
      }
      metrics.countWebSocketMessage('processed');
      handle(data.toString('utf8')).catch((error: unknown) => {
        logger.error({ err: error }, 'WebSocket message could not be handled');
        connection.closeFor(SocketClose.internalError);
      });
    });
    socket.on('error', (error) => logger.warn({ err: error }, 'WebSocket connection failed'));
    const keepalive = startKeepalive(socket);
    socket.once('close', (code, reason) => {
      clearInterval(keepalive);
      connection.dispose();
      connections.delete(connection);
      live.leave(connection);
      void closed(code, reason.toString('utf8'));
    });
  };
  sockets.on('connection', serve);

  const stopRevocations = options.sessionRevocations?.subscribe((revocation) => live.revoke(revocation));
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
    stopRevocations?.();
    for (const connection of connections) connection.closeFor(SocketClose.goingAway);
    // One that does not answer is cut off rather than waited for.
    const cutOff = setTimeout(() => sockets.clients.forEach((client) => client.terminate()), 1000);
    try {
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    } finally {
      clearTimeout(cutOff);
    }
  });
}

/** Pings the client every KEEPALIVE_MS and cuts it off when the previous ping went unanswered. */
function startKeepalive(socket: WebSocket): NodeJS.Timeout {
  let answered = true;
  socket.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) return socket.terminate();
    answered = false;
    socket.ping();
  }, KEEPALIVE_MS);
  timer.unref();
  return timer;
}
