import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { GraphQLContext } from '../context.js';
import { toConnection, type PageArgs } from '../common/connection.js';
import type { WalletConnection } from './wallet.connection.js';
import { parseWalletCursor, walletCursor } from './wallet-cursor.js';
import { WALLET_KIND_BY_PROVIDER } from '../../domain/wallet.js';
import { type WalletRow } from '../../domain/wallet.js';
import { parseWalletLocalId, Wallet } from './wallet.type.js';
import { type WalletKey } from '../../domain/wallet.js';

/** One page of the wallets a principal has used, most recently used first. */
export async function listWallets(
  context: GraphQLContext,
  principal: string,
  page: PageArgs,
): Promise<WalletConnection> {
  const first = Math.min(Math.max(page.first, 1), 100);
  const after = page.after ? parseWalletCursor(page.after) : undefined;
  if (page.after && !after) {
    throw new GraphQLError('The `after` cursor is not valid', {
      extensions: { code: SystemErrorCode.BAD_USER_INPUT, argumentName: 'after' },
    });
  }
  const rows = await context.services.operations.walletQueries.list(principal, first + 1, after);
  return toConnection(rows, first, walletCursor, walletFromRow, Boolean(after));
}

/** One wallet of the principal, or undefined when they never used it. */
export async function findWallet(
  context: GraphQLContext,
  principal: string,
  key: WalletKey,
): Promise<Wallet | undefined> {
  const row = await context.services.operations.walletQueries.find(principal, key);
  return row && walletFromRow(row);
}

function walletFromRow(row: WalletRow): Wallet {
  const kind = WALLET_KIND_BY_PROVIDER.get(row.provider);
  if (!kind) throw new Error(`no wallet kind for ${row.provider}`);
  return Wallet.of(row, kind, row.currency, row.lastUsedAt);
}

/** `node(id:)` for a Wallet: only the caller's own wallets resolve. */
export async function fetchWalletNode(localId: string, context: GraphQLContext): Promise<Wallet | undefined> {
  const key = parseWalletLocalId(localId);
  const principal = context.principal?.id;
  return key && principal ? findWallet(context, principal, key) : undefined;
}
