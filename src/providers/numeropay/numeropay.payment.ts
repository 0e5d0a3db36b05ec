import type { TransactionStatus } from '../../domain/transaction.js';

/** A NumeroPay payment in our terms: what the data source returns to resolvers. */
export interface NumeroPayPayment {
  /** NumeroPay's transaction id, e.g. "5CD0RGCKJ". */
  providerReference: string;
  status: TransactionStatus;
  /** Decimal string in major units, e.g. "10.5". */
  amount: string;
  /** ISO 4217, upper case. */
  currency: string;
  description: string | null;
  /** The merchant business name the payer sees. */
  businessName: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateNumeroPayPaymentInput {
  /** Decimal string, greater than zero, at most two decimals. */
  amount: string;
  /** ISO 4217, any case. */
  currency: string;
  description?: string;
}

export interface NumeroPayPaymentFilters {
  /** At most this many payments (NumeroPay's default is 25). */
  limit?: number;
  /** Only payments created at or before this instant (NumeroPay's `from`; default now). */
  createdAtOrBefore?: Date;
  statuses?: readonly TransactionStatus[];
  businessNames?: readonly string[];
}
