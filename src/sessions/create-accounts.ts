import type { Logger } from 'pino';
import type { SessionConfig } from '../config/session.config.js';
import { DataCipher } from '../crypto/data-cipher.js';
import type { RateLimiter } from '../domain/ports/rate-limiter.js';
import type { SessionRevocations } from '../domain/ports/session-revocations.js';
import type { LedgerDb } from '../ledger/database.js';
import { UserCardsRepository } from '../ledger/user-cards.repository.js';
import { UserSessionStates, UsersRepository } from '../ledger/users.repository.js';
import type { EnayaPayDataSource } from '../providers/enayapay/enayapay.data-source.js';
import { InMemoryRateLimiter } from '../shared-state/in-memory-rate-limiter.js';
import { InProcessSessionRevocations } from '../shared-state/in-process-session-revocations.js';
import { AccountAttemptGuard } from './account-attempts.js';
import { AccountService } from './account.service.js';
import { SessionLifecycle } from './session-lifecycle.js';
import { SessionService } from './session-service.js';

/** Everything end-user accounts need, built once per gateway. */
export interface Accounts {
  sessions: SessionService;
  /** Ends sessions (logout, every session of a user) and opens fresh ones. */
  lifecycle: SessionLifecycle;
  users: UsersRepository;
  cards: UserCardsRepository;
  attempts: AccountAttemptGuard;
  /** Undefined when EnayaPay is not configured: account mutations then answer PROVIDER_NOT_CONFIGURED. */
  service: AccountService | undefined;
}

/**
 * Undefined when sessions are not configured (live mode without SESSION_SIGNING_KEY and EnayaPay).
 * `limiter` counts login, OTP and other account attempts: a RedisRateLimiter when replicas share Redis.
 * `revocations` is where ended sessions are announced (to every replica, when shared through Redis).
 */
export async function createAccounts(
  config: SessionConfig | undefined,
  db: LedgerDb,
  enayapay: EnayaPayDataSource | undefined,
  logger: Logger,
  limiter: RateLimiter = new InMemoryRateLimiter(),
  revocations: SessionRevocations = new InProcessSessionRevocations(new UserSessionStates(db)),
): Promise<Accounts | undefined> {
  if (!config) return undefined;
  const sessions = await SessionService.create(config);
  const cipher = new DataCipher(config.dataEncryptionKey, config.previousDataEncryptionKeys);
  const users = new UsersRepository(db, cipher);
  const cards = new UserCardsRepository(db);
  const lifecycle = new SessionLifecycle(users, sessions, revocations);
  return {
    sessions,
    lifecycle,
    users,
    cards,
    attempts: new AccountAttemptGuard(limiter),
    service: enayapay && new AccountService(enayapay, users, cards, lifecycle, logger),
  };
}
