import type { FastifyInstance } from 'fastify';
import type { SessionService } from './session-service.js';

/** Publishes the session verification key, so replicas and other services can check PayGraph sessions. */
export function registerJwksRoute(app: FastifyInstance, sessions: SessionService | undefined): void {
  app.get('/.well-known/jwks.json', async (_request, reply) => {
    if (!sessions) return reply.code(404).send({ error: 'this gateway issues no sessions' });
    return reply.header('cache-control', 'public, max-age=300').send(sessions.jwks);
  });
}
