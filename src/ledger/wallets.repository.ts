import type { Provider } from '../domain/provider.js';
import { TransactionStatus } from '../domain/transaction.js';
import {
  WALLET_KIND_BY_PROVIDER,
  type WalletCursor,
  type WalletKey,
  type WalletRow,
} from '../domain/wallet.js';
import type { LedgerDb } from './database.js';

export interface WalletQuery {
  principal: string;
  limit: number;
  after?: WalletCursor;
  /** Only this wallet (for `node(id:)`). */
  only?: WalletKey;
}

/**
 * The wallets a user has used, derived from the ledger: every (provider, account_ref) of a wallet
 * transaction that did not fail, most recently used first. A wallet id that only ever failed (a typo, an
 * unknown wallet) is not listed.
 */
export async function findWalletRows(db: LedgerDb, query: WalletQuery): Promise<WalletRow[]> {
  let select = db
    .selectFrom('transactions')
    .select((eb) => [
      'provider',
      'account_ref',
      eb.fn.max('currency').as('currency'),
      eb.fn.max('created_at').as('last_used_at'),
    ])
    .where('principal', '=', query.principal)
    .where('account_ref', 'is not', null)
    .where('status', '!=', TransactionStatus.FAILED)
    .where((eb) =>
      eb.or(
        [...WALLET_KIND_BY_PROVIDER].map(([provider, kind]) =>
          eb.and([eb('provider', '=', provider), eb('kind', '=', kind)]),
        ),
      ),
    );
  if (query.only) {
    select = select
      .where('provider', '=', query.only.provider)
      .where('account_ref', '=', query.only.walletId);
  }
  let grouped = select.groupBy(['provider', 'account_ref']);
  const after = query.after;
  if (after) {
    grouped = grouped.having((eb) => {
      const lastUsed = eb.fn.max('created_at');
      return eb.or([
        eb(lastUsed, '<', after.lastUsedAt),
        eb.and([
          eb(lastUsed, '=', after.lastUsedAt),
          eb.or([
            eb('provider', '<', after.provider),
            eb.and([eb('provider', '=', after.provider), eb('account_ref', '<', after.walletId)]),
          ]),
        ]),
      ]);
    });
  }
  const rows = await grouped
    .orderBy('last_used_at', 'desc')
    .orderBy('provider', 'desc')
    .orderBy('account_ref', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map((row) => ({
    provider: row.provider as Provider,
    walletId: row.account_ref ?? '',
    currency: row.currency,
    lastUsedAt: row.last_used_at,
  }));
}
