import { GraphQLError } from 'graphql';
import { SystemErrorCode } from '../../domain/error-codes.js';
import type { WithdrawalStatus } from '../../domain/withdrawal.js';
import type { WithdrawalRecord } from '../../domain/withdrawal.js';
import { type WithdrawalCursor } from '../../domain/withdrawal.js';
import type { GraphQLContext } from '../context.js';
import { decodeCursor, encodeCursor, toConnection, type PageArgs } from '../common/connection.js';
import type { WithdrawalConnection } from './withdrawal.connection.js';
import { Withdrawal } from './withdrawal.type.js';

/** One page of a principal's withdrawals from the ledger, newest first. */
export function listWithdrawals(
  context: GraphQLContext,
  principal: string,
  page: PageArgs,
  status: WithdrawalStatus | null,
): Promise<WithdrawalConnection> {
  return withdrawalPage(page, (limit, after) =>
    context.services.operations.withdrawals.list({ principal, status: status ?? undefined }, limit, after),
  );
}

/** One page of the withdrawals whose cash-out an operator must look at, newest first. */
export function listCashOutExceptions(
  context: GraphQLContext,
  page: PageArgs,
): Promise<WithdrawalConnection> {
  return withdrawalPage(page, (limit, after) =>
    context.services.operations.withdrawals.cashOutExceptions(limit, after),
  );
}

async function withdrawalPage(
  page: PageArgs,
  read: (limit: number, after?: WithdrawalCursor) => Promise<WithdrawalRecord[]>,
): Promise<WithdrawalConnection> {
  const first = Math.min(Math.max(page.first, 1), 100);
  const after = page.after ? decodeCursor(page.after, isCursor) : undefined;
  if (page.after && !after) {
    throw new GraphQLError('The `after` cursor is not valid', {
      extensions: { code: SystemErrorCode.BAD_USER_INPUT, argumentName: 'after' },
    });
  }
  const rows = await read(first + 1, after);
  return toConnection(rows, first, cursorOf, (record) => Withdrawal.fromRecord(record), Boolean(after));
}

function cursorOf(record: WithdrawalRecord): string {
  return encodeCursor({ createdAt: record.createdAt, id: record.id });
}

function isCursor(value: unknown): value is WithdrawalCursor {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as WithdrawalCursor).createdAt === 'string' &&
    typeof (value as WithdrawalCursor).id === 'string'
  );
}
