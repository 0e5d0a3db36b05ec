import { type TransactionCursor } from '../../domain/transaction.js';
import type { TransactionRecord } from '../../domain/transaction.js';
import { decodeCursor, encodeCursor } from '../common/connection.js';

export function transactionCursor(record: TransactionRecord): string {
  return encodeCursor({ createdAt: record.createdAt, id: record.id });
}

export function parseTransactionCursor(cursor: string): TransactionCursor | undefined {
  return decodeCursor(
    cursor,
    (value): value is TransactionCursor =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as TransactionCursor).createdAt === 'string' &&
      typeof (value as TransactionCursor).id === 'string',
  );
}
