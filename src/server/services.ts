import type { Logger } from 'pino';
import type { AppConfig } from '../config/app.config.js';
import type { PubSub } from '../domain/ports/pubsub.js';
import type { LedgerDb } from '../ledger/database.js';
import type { Metrics } from '../observability/metrics.js';
import type { LedgerRepositories, Operations } from '../operations/operations.js';
import type { Providers } from '../providers/registry.js';
import type { Accounts } from '../sessions/create-accounts.js';
import type { SharedState } from '../shared-state/create-shared-state.js';
import type { SessionRevocations } from '../domain/ports/session-revocations.js';

/** Long-lived parts of one gateway, built once at start and shared by every request. */
export interface Services {
  config: AppConfig;
  logger: Logger;
  metrics: Metrics;
  db: LedgerDb;
  /** The ledger's repositories: for background jobs, and for tests that look at what was recorded. */
  ledger: LedgerRepositories;
  /** Every use case: what resolvers, webhooks and background jobs call. */
  operations: Operations;
  /** Subscription events. */
  pubsub: PubSub;
  /** What replicas share through Redis (or this process alone holds). */
  shared: SharedState;
  providers: Providers;
  /** End-user accounts and sessions; undefined when sessions are not configured. */
  accounts: Accounts | undefined;
  /** Where ended sessions are announced (their WebSockets are closed); optional until every build sets it. */
  sessionRevocations?: SessionRevocations;
}
