import type { Rejection } from './rejection.js';
import type { TransactionStatus } from './transaction.js';

/**
 * What a provider answered to a money call, whatever the provider: every provider mapper returns this, so
 * a new provider changes neither the operations nor the schema around it. A refusal is an answer too
 * (FAILED with a rejection); failures to get an answer are thrown as ProviderError instead.
 */
export interface ProviderAnswer {
  /** SUCCEEDED, PENDING (accepted, not final yet) or FAILED (refused). */
  status: TransactionStatus;
  /** The provider's own id for what it did, when it gave one. */
  providerReference?: string | null;
  /** Why it refused, when it did. */
  rejection?: Rejection;
  /** Safe provider details worth keeping with the record (never secrets). */
  details?: Record<string, unknown>;
}
