import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { GraphQLContext } from '../../server/context.js';
import { toConnection, type PageArgs } from '../common/connection.js';
import type { TransactionConnection } from '../transaction/transaction.connection.js';
import { parseTransactionCursor, transactionCursor } from '../transaction/transaction-cursor.js';
import { Transaction } from '../transaction/transaction.type.js';
import type { Wallet } from './wallet.type.js';

/** One page of a principal's transactions to one wallet, newest first. */
export async function listWalletTransactions(
  context: GraphQLContext,
  principal: string,
  wallet: Wallet,
  page: PageArgs,
): Promise<TransactionConnection> {
  const first = Math.min(Math.max(page.first, 1), 100);
  const after = page.after ? parseTransactionCursor(page.after) : undefined;
  if (page.after && !after) {
    throw new GraphQLError('The `after` cursor is not valid', {
      extensions: { code: SystemErrorCode.BAD_USER_INPUT, argumentName: 'after' },
    });
  }
  const rows = await context.services.transactions.list(
    { principal, provider: wallet.provider, kind: wallet.kind, accountRef: wallet.walletId },
    first + 1,
    after,
  );
  return toConnection(rows, first, transactionCursor, Transaction.fromRecord, Boolean(after));
}
