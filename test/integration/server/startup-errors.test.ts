import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnGateway } from './gateway-process.js';
import { freePort } from '../../helpers/free-port.js';
import { describePostgres } from '../../helpers/test-database.js';

jest.setTimeout(90_000);

const SECRET = 'startup-errors-secret-startup-errors-secret-0';
const LIVE = { PAYGRAPH_MODE: 'live', AUTH_JWT_SECRET: SECRET };

/** Runs the gateway with `env` until it exits; answers its exit code and output. */
async function failedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const gateway = spawnGateway(env, await freePort());
  const { code } = await gateway.exited;
  return { code, output: gateway.output() };
}

describe('a gateway process that cannot start', () => {
  it('exits 1 naming the missing variable of a partly configured provider, printing no value', async () => {
    const { code, output } = await failedStart({
      ...LIVE,
      SQLITE_PATH: ':memory:',
      NUMEROPAY_BASE_URL: 'https://api.numeropay.example',
      NUMEROPAY_KEY_ID: 'sandbox.KeyId-Sx61mark',
      NUMEROPAY_KEY_SECRET: 'KeySecret-Sx61mark',
      NUMEROPAY_BUSINESS_NAME: 'Business-Sx61mark',
    });
    expect(code).toBe(1);
    expect(output).toContain('Configuration error: NUMEROPAY_MERCHANT_ID is required');
    expect(output).not.toContain('Sx61mark');
    expect(output).not.toContain(SECRET);
  });

  it('refuses NODE_ENV=production without PAYGRAPH_MODE instead of running the simulators', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'paygraph-production-'));
    try {
      const { code, output } = await failedStart({
        NODE_ENV: 'production',
        SQLITE_PATH: join(directory, 'ledger.sqlite'),
      });
      expect(code).toBe(1);
      expect(output).toContain('Configuration error: PAYGRAPH_MODE is required with NODE_ENV=production');
      expect(output).not.toMatch(/Bearer|PayGraph \(sandbox\)|Provider simulators/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('names DATABASE_URL and "host unreachable" for a port nothing listens on, without the password', async () => {
    const closed = await freePort();
    const { code, output } = await failedStart({
      ...LIVE,
      DATABASE_URL: `postgres://paygraph:Pg-Pass-Wd42mark@127.0.0.1:${closed}/paygraph`,
    });
    expect(code).toBe(1);
    expect(output).toContain('PayGraph failed to start: DATABASE_URL: the PostgreSQL host is unreachable');
    expect(output).not.toContain('Wd42mark');
    expect(output).not.toContain(SECRET);
  });
});

/**
 * Against a real PostgreSQL server that checks passwords (CI starts one with scram-sha-256 for TCP
 * connections): TEST_DATABASE_URL names it with a user allowed to create databases.
 */
const serverUrl = process.env.TEST_DATABASE_URL;

describePostgres('PostgreSQL problems at start-up', () => {
  const withUrl = (change: (url: URL) => void): string => {
    const url = new URL(serverUrl!);
    change(url);
    return url.toString();
  };

  it('names DATABASE_URL and "authentication failed" for a wrong password, printing neither', async () => {
    const { code, output } = await failedStart({
      ...LIVE,
      DATABASE_URL: withUrl((url) => (url.password = 'wrong-Pw61mark')),
    });
    expect(code).toBe(1);
    expect(output).toContain('PayGraph failed to start: DATABASE_URL: authentication failed');
    expect(output).not.toContain('Pw61mark');
  });

  it('names DATABASE_URL and "database does not exist" for a missing database, without its name', async () => {
    const { code, output } = await failedStart({
      ...LIVE,
      DATABASE_URL: withUrl((url) => (url.pathname = '/paygraph_missing_Db83mark')),
    });
    expect(code).toBe(1);
    expect(output).toContain('PayGraph failed to start: DATABASE_URL: the database does not exist');
    expect(output).not.toContain('Db83mark');
  });
});

describe('SQLite path problems at start-up', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'paygraph-sqlite-path-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it.each<[string, (root: string) => string, string]>([
    [
      'a parent of the path is a file',
      (root) => {
        writeFileSync(join(root, 'plain-file'), 'not a directory');
        return join(root, 'plain-file', 'ledger-Sq11mark.sqlite');
      },
      'a parent of the path is not a directory',
    ],
    [
      'the path is a directory',
      (root) => {
        mkdirSync(join(root, 'ledger-Sq12mark.sqlite'));
        return join(root, 'ledger-Sq12mark.sqlite');
      },
      'the path is a directory',
    ],
    [
      'the file is not a database',
      (root) => {
        writeFileSync(join(root, 'ledger-Sq13mark.sqlite'), 'x'.repeat(4096));
        return join(root, 'ledger-Sq13mark.sqlite');
      },
      'the file at the path is not a SQLite database',
    ],
  ])('names SQLITE_PATH and the cause when %s, without the path', async (_case, makePath, cause) => {
    const { code, output } = await failedStart({ ...LIVE, SQLITE_PATH: makePath(directory) });
    expect(code).toBe(1);
    expect(output).toContain(`PayGraph failed to start: SQLITE_PATH: ${cause}`);
    expect(output).not.toMatch(/Sq1\dmark/);
    expect(output).not.toContain(directory);
  });
});
