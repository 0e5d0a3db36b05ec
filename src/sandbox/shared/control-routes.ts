import type { FastifyInstance } from 'fastify';
import type { FaultInjector, FaultRule } from './fault-injector.js';
import type { RequestLog } from './request-log.js';

const CONTROL_PREFIX = '/_sandbox/';

/** Paths of the simulator's own control surface: never recorded, never faulted. */
export function isControlPath(url: string): boolean {
  return url.startsWith(CONTROL_PREFIX);
}

interface Controllable {
  requests: RequestLog;
  faults: FaultInjector;
}

/**
 * Lets a test in another process read a simulator's request log and set faults, as in-process tests
 * do through `requests` and `faults`. Method, path and time only: no headers or bodies leave.
 */
export function registerControlRoutes(app: FastifyInstance, simulator: Controllable): void {
  app.get(`${CONTROL_PREFIX}requests`, () =>
    simulator.requests.entries.map(({ method, path, at }) => ({ method, path, at: at.toISOString() })),
  );
  app.delete(`${CONTROL_PREFIX}requests`, () => {
    simulator.requests.clear();
    return { cleared: true };
  });
  app.post<{ Body: FaultRule & { path?: string } }>(`${CONTROL_PREFIX}faults`, (request) => {
    simulator.faults.add({ ...request.body });
    return { added: true };
  });
  app.delete(`${CONTROL_PREFIX}faults`, () => {
    simulator.faults.clear();
    return { cleared: true };
  });
}
