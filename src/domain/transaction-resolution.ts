import type { TransactionStatus } from './transaction.js';

/** One decision that settled an UNKNOWN transaction: who, when, from, to and why. */
export interface TransactionResolution {
  /** The operator principal, or "reconciler" for the provider's list matched exactly. */
  by: string;
  at: string;
  from: TransactionStatus;
  to: TransactionStatus;
  reason: string;
}
