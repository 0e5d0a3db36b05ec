import type { WalletCursor, WalletKey, WalletRow } from '../../domain/wallet.js';
import type { LedgerDb } from '../../ledger/database.js';
import { findWalletRows } from '../../ledger/wallets.repository.js';

/** The wallets a user has used, derived from the ledger. */
export class WalletQueries {
  constructor(private readonly db: LedgerDb) {}

  /** Most recently used first; `limit + 1` rows tell whether a next page exists. */
  list(principal: string, limit: number, after?: WalletCursor): Promise<WalletRow[]> {
    return findWalletRows(this.db, { principal, limit, after });
  }

  async find(principal: string, key: WalletKey): Promise<WalletRow | undefined> {
    const [row] = await findWalletRows(this.db, { principal, limit: 1, only: key });
    return row;
  }
}
