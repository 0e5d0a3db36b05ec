import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DatabaseConfig } from '../config/database.config.js';

/** The ledger could not be opened or migrated; the message names the variable and the cause, never a value. */
export class LedgerOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerOpenError';
  }
}

/** Turns whatever opening or migrating the ledger threw into a LedgerOpenError an operator can act on. */
export function explainLedgerOpenError(error: unknown, database: DatabaseConfig): LedgerOpenError {
  const cause =
    database.kind === 'postgres' ? postgresCause(causes(error)) : sqliteCause(causes(error), database.path);
  const variable = database.kind === 'postgres' ? 'DATABASE_URL' : 'SQLITE_PATH';
  return new LedgerOpenError(`${variable}: ${cause}`, { cause: error });
}

interface ErrorFacts {
  code?: string;
  message: string;
}

/** The error, its causes and, for errors that aggregate several attempts (one per address), theirs. */
function causes(error: unknown): ErrorFacts[] {
  const found: ErrorFacts[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 5) return;
    const { code, message, cause, errors } = value as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    found.push({
      code: typeof code === 'string' ? code : undefined,
      message: typeof message === 'string' ? message : '',
    });
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return found;
}

/** SQLSTATE and socket codes → what they mean for the operator. */
const POSTGRES_CAUSES: Record<string, string> = {
  '28P01': 'authentication failed (wrong user name or password)',
  '28000': 'authentication failed (the server refuses this user, or the user does not exist)',
  '3D000': 'the database does not exist on the server',
  '42501': 'the user lacks the privileges to create the ledger tables',
  '53300': 'the server has no free connection slots',
  '57P03': 'the server is starting up or shutting down',
  ECONNREFUSED:
    'the PostgreSQL host is unreachable (connection refused: is the server running on that port?)',
  ENOTFOUND: 'the PostgreSQL host name cannot be resolved',
  EAI_AGAIN: 'the PostgreSQL host name cannot be resolved (DNS unavailable)',
  ETIMEDOUT: 'the PostgreSQL host is unreachable (connection timed out)',
  EHOSTUNREACH: 'the PostgreSQL host is unreachable (no route to host)',
  ENETUNREACH: 'the PostgreSQL host is unreachable (network unreachable)',
  ECONNRESET: 'the PostgreSQL server closed the connection (TLS required, or not a PostgreSQL server?)',
};

function postgresCause(found: ErrorFacts[]): string {
  for (const { code } of found) if (code && POSTGRES_CAUSES[code]) return POSTGRES_CAUSES[code];
  // node-postgres reports a server that wants a password the URL does not carry before any SQLSTATE.
  if (found.some(({ message }) => /SASL|password must be a string/i.test(message)))
    return 'authentication failed (the server wants a password and the URL has none)';
  if (found.some(({ message }) => /server does not support SSL/i.test(message)))
    return 'the server does not support TLS, which the URL requires';
  if (found.some(({ message }) => /self[- ]signed|certificate/i.test(message)))
    return 'the TLS certificate of the server is not trusted';
  const migration = found.find(({ message }) => /^ledger migration \S+ failed/.test(message));
  if (migration) return `${migration.message.replace(/^ledger /, 'the ledger ')} on PostgreSQL`;
  return `PostgreSQL cannot be used as the ledger (${found.find(({ code }) => code)?.code ?? 'unknown error'})`;
}

function sqliteCause(found: ErrorFacts[], path: string): string {
  const codes = new Set(found.map(({ code }) => code));
  // mkdir answers EEXIST (recursive) or ENOTDIR where a file stands in the directory path.
  if (codes.has('ENOTDIR') || codes.has('EEXIST')) return 'a parent of the path is not a directory';
  if (codes.has('EACCES') || codes.has('EPERM') || codes.has('EROFS'))
    return 'the ledger directory cannot be created (path not writable)';
  if (codes.has('SQLITE_CANTOPEN')) return cantOpen(path);
  if (codes.has('SQLITE_READONLY') || [...codes].some((code) => code?.startsWith('SQLITE_READONLY')))
    return 'the ledger file is read-only (path not writable)';
  if (codes.has('SQLITE_NOTADB')) return 'the file at the path is not a SQLite database';
  if (codes.has('SQLITE_CORRUPT')) return 'the ledger file is corrupt';
  if (codes.has('SQLITE_BUSY')) return 'the ledger file is locked by another process';
  if (codes.has('SQLITE_FULL') || codes.has('ENOSPC')) return 'the disk holding the ledger is full';
  const migration = found.find(({ message }) => /^ledger migration \S+ failed/.test(message));
  if (migration) return migration.message.replace(/^ledger /, 'the ledger ');
  return `the ledger file cannot be used (${found.find(({ code }) => code)?.code ?? 'unknown error'})`;
}

/** SQLite says only "unable to open database file": find out which of the usual reasons it is. */
function cantOpen(path: string): string {
  if (isDirectory(path)) return 'the path is a directory, not a file';
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch {
    return 'the ledger directory is not writable (path not writable)';
  }
  return 'the ledger file cannot be opened (path not writable or not a file)';
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
