import type { GraphQLContext } from '../context.js';
import type { PageArgs } from '../common/connection.js';
import { listTransactionPage } from '../transaction/list-transactions.js';
import type { TransactionConnection } from '../transaction/transaction.connection.js';
import type { Wallet } from './wallet.type.js';

/** One page of a principal's transactions to one wallet, newest first. */
export function listWalletTransactions(
  context: GraphQLContext,
  principal: string,
  wallet: Wallet,
  page: PageArgs,
): Promise<TransactionConnection> {
  return listTransactionPage(context, page, {
    principal,
    provider: wallet.provider,
    kind: wallet.kind,
    accountRef: wallet.walletId,
  });
}
