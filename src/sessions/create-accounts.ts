import type { Logger } from 'pino';
import type { SessionConfig } from '../config/session.config.js';
import { DataCipher } from '../crypto/data-cipher.js';
import type { LedgerDb } from '../ledger/database.js';
import { UserCardsRepository } from '../ledger/user-cards.repository.js';
import { UsersRepository } from '../ledger/users.repository.js';
import type { EnayaPayDataSource } from '../providers/enayapay/enayapay.data-source.js';
import { AccountAttemptGuard } from './account-attempts.js';
import { InMemoryRateLimiter } from '../shared-state/in-memory-rate-limiter.js';
import type { RateLimiter } from '../domain/ports/rate-limiter.js';
import { AccountService } from './account.service.js';
import { SessionService } from './session-service.js';

/** Everything end-user accounts need, built once per gateway. */
export interface Accounts {
  sessions: SessionService;
  users: UsersRepository;
  cards: UserCardsRepository;
  attempts: AccountAttemptGuard;
  /** Undefined when EnayaPay is not configured: account mutations then answer PROVIDER_NOT_CONFIGURED. */
  service: AccountService | undefined;
}

/**
 * Undefined when sessions are not configured (live mode without SESSION_SIGNING_KEY and EnayaPay).
 * `limiter` counts login, OTP and other account attempts: a RedisRateLimiter when replicas share Redis.
 */
export async function createAccounts(
  config: SessionConfig | undefined,
  db: LedgerDb,
  enayapay: EnayaPayDataSource | undefined,
  logger: Logger,
  limiter: RateLimiter = new InMemoryRateLimiter(),
): Promise<Accounts | undefined> {
  if (!config) return undefined;
  const sessions = await SessionService.create(config);
  const users = new UsersRepository(db, new DataCipher(config.dataEncryptionKey));
  const cards = new UserCardsRepository(db);
  return {
    sessions,
    users,
    cards,
    attempts: new AccountAttemptGuard(limiter),
    service: enayapay && new AccountService(enayapay, users, cards, sessions, logger),
  };
}
