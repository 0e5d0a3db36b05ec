import { describe, expect, it } from '@jest/globals';
import { explainLedgerOpenError } from '../../../src/ledger/ledger-open-errors.js';

const POSTGRES = { kind: 'postgres', url: 'postgres://paygraph:Pw-Zz19mark@db.internal/ledger' } as const;

/** What migrateToLatest throws: its own message, the driver's error as the cause. */
function migrationFailure(cause: unknown): Error {
  return new Error('ledger migration  failed', { cause });
}

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('explaining why the ledger could not be opened', () => {
  it.each<[string, unknown, string]>([
    [
      'a refused connection on every address',
      migrationFailure(
        Object.assign(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]), {
          code: 'ECONNREFUSED',
        }),
      ),
      'DATABASE_URL: the PostgreSQL host is unreachable',
    ],
    [
      'an unknown host name',
      migrationFailure(withCode('getaddrinfo ENOTFOUND db.internal', 'ENOTFOUND')),
      'DATABASE_URL: the PostgreSQL host name cannot be resolved',
    ],
    [
      'a wrong password',
      migrationFailure(withCode('password authentication failed for user "paygraph"', '28P01')),
      'DATABASE_URL: authentication failed (wrong user name or password)',
    ],
    [
      'no password where one is needed',
      migrationFailure(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')),
      'DATABASE_URL: authentication failed (the server wants a password and the URL has none)',
    ],
    [
      'a missing database',
      migrationFailure(withCode('database "ledger" does not exist', '3D000')),
      'DATABASE_URL: the database does not exist on the server',
    ],
    [
      'a failed migration',
      new Error('ledger migration 0002-withdrawals failed', { cause: withCode('syntax error', '42601') }),
      'DATABASE_URL: the ledger migration 0002-withdrawals failed on PostgreSQL',
    ],
  ])('%s', (_case, error, message) => {
    const explained = explainLedgerOpenError(error, POSTGRES);
    expect(explained.message.startsWith(message)).toBe(true);
    expect(explained.message).not.toMatch(/Zz19mark|db\.internal|ledger"|paygraph"/);
    expect(explained.cause).toBe(error);
  });

  it('names SQLITE_PATH for SQLite, without the path', () => {
    const explained = explainLedgerOpenError(withCode('file is not a database', 'SQLITE_NOTADB'), {
      kind: 'sqlite',
      path: '/srv/Sq77mark/ledger.sqlite',
    });
    expect(explained.message).toBe('SQLITE_PATH: the file at the path is not a SQLite database');
  });
});
