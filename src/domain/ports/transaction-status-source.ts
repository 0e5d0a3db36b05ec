import type { TransactionStatus } from '../transaction.js';

/** A provider with a status API: current statuses for provider references, in order (Error where unknown). */
export interface TransactionStatusSource {
  fetchStatuses(providerReferences: readonly string[]): Promise<(TransactionStatus | Error)[]>;
}
