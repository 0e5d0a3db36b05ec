import { WalletCursor } from '../../domain/wallet.js';
import { decodeCursor, encodeCursor } from '../common/connection.js';

export function walletCursor(cursor: WalletCursor): string {
  return encodeCursor(cursor);
}

export function parseWalletCursor(cursor: string): WalletCursor | undefined {
  return decodeCursor(
    cursor,
    (value): value is WalletCursor =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as WalletCursor).lastUsedAt === 'string' &&
      typeof (value as WalletCursor).provider === 'string' &&
      typeof (value as WalletCursor).walletId === 'string',
  );
}
