import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import { type TransactionFilter as LedgerTransactionFilter } from '../../domain/transaction.js';
import type { GraphQLContext } from '../context.js';
import { toConnection, type PageArgs } from '../common/connection.js';
import type { TransactionConnection } from './transaction.connection.js';
import { parseTransactionCursor, transactionCursor } from './transaction-cursor.js';
import type { TransactionFilter } from './transaction-filter.input.js';
import { Transaction } from './transaction.type.js';

/** One page of a principal's transactions from the ledger, filtered as the GraphQL filter says. */
export function listTransactions(
  context: GraphQLContext,
  principal: string,
  page: PageArgs,
  filter: TransactionFilter | null,
): Promise<TransactionConnection> {
  return listTransactionPage(context, page, {
    principal,
    provider: filter?.provider,
    kind: filter?.kind,
    status: filter?.status,
    createdAfter: filter?.createdAfter?.toISOString(),
    createdBefore: filter?.createdBefore?.toISOString(),
  });
}

/** One page of the ledger's transactions matching `filter`, newest first, as a connection. */
export async function listTransactionPage(
  context: GraphQLContext,
  page: PageArgs,
  filter: LedgerTransactionFilter,
): Promise<TransactionConnection> {
  const first = Math.min(Math.max(page.first, 1), 100);
  const after = page.after ? parseTransactionCursor(page.after) : undefined;
  if (page.after && !after) {
    throw new GraphQLError('The `after` cursor is not valid', {
      extensions: { code: SystemErrorCode.BAD_USER_INPUT, argumentName: 'after' },
    });
  }
  const rows = await context.services.operations.transactions.list(filter, first + 1, after);
  return toConnection(rows, first, transactionCursor, Transaction.fromRecord, Boolean(after));
}
