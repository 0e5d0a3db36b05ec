/**
 * Fields whose resolution may call a provider, as `Type.field` → calls per resolution. Every mutation
 * is assumed to make one call (they move money or act on a provider account), so only queries and
 * object fields are listed here. A test checks that every entry still names a field of the schema.
 */
export const PROVIDER_CALL_COSTS: Readonly<Record<string, number>> = {
  /** NumeroPay payments refresh their live status from the provider when read. */
  'Transaction.status': 1,
  /** DigiPay charges for a prospective top-up. */
  'Query.walletTopupQuote': 1,
};

/**
 * Fields below which nothing reaches a provider, though the same types elsewhere may: a wallet's
 * transactions are DigiPay top-ups and Nupeye transfers, and neither provider has a status API.
 */
export const NO_PROVIDER_CALLS_BELOW: ReadonlySet<string> = new Set(['Wallet.transactions']);

/** Calls made by each field of the mutation root. */
export const MUTATION_PROVIDER_CALLS = 1;

/** Page-size arguments multiply the cost of a field's selection, clamped like the resolvers clamp them. */
export const PAGE_SIZE_ARGUMENTS = ['first', 'last'] as const;
export const MAX_PAGE_SIZE = 100;
