import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { providerStates } from '../operations/provider-states.js';
import type { Services } from './services.js';

export interface Lifecycle {
  /** True once shutdown began: readiness fails first, so load balancers stop sending traffic. */
  draining: boolean;
}

/**
 * /healthz (the process is alive), /readyz (it can serve: ledger reachable, providers listed), and
 * /metrics unless it is served on a port of its own (`metrics: false`).
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  services: Services,
  lifecycle: Lifecycle,
  options: { metrics: boolean } = { metrics: true },
): void {
  app.get('/healthz', () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const ledger = await sql`select 1 as ok`
      .execute(services.db)
      .then(() => 'ok' as const)
      .catch(() => 'unreachable' as const);
    const ready = ledger === 'ok' && !lifecycle.draining;
    await reply.code(ready ? 200 : 503).send({
      status: lifecycle.draining ? 'draining' : ready ? 'ready' : 'not-ready',
      ledger,
      // 'degraded': Redis is configured but unreachable; this replica serves on its own state meanwhile.
      sharedState: services.shared.state(),
      providers: Object.fromEntries(
        providerStates(services.providers, services.metrics).map(({ provider, state }) => [provider, state]),
      ),
    });
  });

  if (options.metrics) registerMetricsRoute(app, services);
}

/** Prometheus metrics of this process. */
export function registerMetricsRoute(app: FastifyInstance, services: Pick<Services, 'metrics'>): void {
  app.get('/metrics', async (_request, reply) => {
    await reply.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
  });
}
