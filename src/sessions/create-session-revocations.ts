import type { Logger } from 'pino';
import type { SessionRegistry } from '../domain/ports/session-revocations.js';
import type { LedgerDb } from '../ledger/database.js';
import { UserSessionStates } from '../ledger/users.repository.js';
import { InProcessSessionRevocations } from '../shared-state/in-process-session-revocations.js';
import { loadRedisState } from '../shared-state/load-redis-state.js';

/**
 * Where this gateway announces and checks ended sessions: shared through Redis when REDIS_URL is set
 * (with connections of its own, one of them in subscriber mode), in this process otherwise; the ledger
 * is the source of truth either way.
 */
export async function createSessionRevocations(
  redisUrl: string | undefined,
  db: LedgerDb,
  logger: Logger,
): Promise<SessionRegistry> {
  const source = new UserSessionStates(db);
  if (!redisUrl) return new InProcessSessionRevocations(source, { onListenerError: listenerError(logger) });
  const { connectRedis, RedisSessionRevocations } = await loadRedisState();
  // Not awaited: until the connections are up, the ledger answers every check.
  return RedisSessionRevocations.start(
    connectRedis(redisUrl, logger),
    connectRedis(redisUrl, logger),
    source,
    logger,
  );
}

function listenerError(logger: Logger): (error: unknown) => void {
  return (error) => logger.error({ err: error }, 'a session revocation listener failed');
}
