import { schemaCompilersOnFirstUse } from '../http/schema-compilers-on-first-use.js';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import { registerMetricsRoute } from './health.js';

/**
 * /metrics on a port of its own (METRICS_PORT; always in production), so that what the gateway
 * measures is reachable by the scraper on an internal network and never on the API's public port.
 */
export function createMetricsApp(services: Pick<Services, 'metrics' | 'logger'>): FastifyInstance {
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    // Scrapes come every few seconds: one log line each would drown the rest.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    schemaController: schemaCompilersOnFirstUse,
  });
  registerMetricsRoute(app, services);
  return app;
}
