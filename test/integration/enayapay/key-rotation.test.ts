import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { decodeProtectedHeader } from 'jose';
import { generateSigningKeyPem } from '../../../src/config/sandbox-session-secrets.js';
import {
  InquireCardBalanceDocument,
  LoginUserDocument,
  MyAccountDocument,
} from '../../../src/generated/graphql.js';
import { startGateway, type Gateway } from '../../../src/server/gateway.js';
import { LogCapture } from '../../helpers/log-capture.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../helpers/test-database.js';
import { startTestGateway, TEST_JWT_SECRET, type TestGateway } from '../../helpers/test-gateway.js';
import { registeredUser } from './gateway-accounts.js';

const VISA = { pan: '4111111111111111', ipin: 'hT5mR9qW', expiry: '1230' };
const root = new URL('../../../', import.meta.url).pathname;
const run = promisify(execFile);

/** `npm run reencrypt` as an operator runs it: its own process, the ledger and the keyring from the environment. */
async function reencrypt(env: Record<string, string>): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'scripts/reencrypt.ts'],
    { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } },
  );
  return JSON.parse(stdout.trim()) as Record<string, unknown>;
}

/**
 * Rotating both keys: a gateway that signs with a new session key and seals with a new data key, the old
 * ones as *_PREVIOUS, keeps the old sessions and the stored EnayaPay tokens working; the re-encryption
 * command then moves every token to the new data key, after which the old one can go.
 */
describe('key rotation without loss', () => {
  const oldKeys = {
    SESSION_SIGNING_KEY: generateSigningKeyPem(),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  const newKeys = {
    SESSION_SIGNING_KEY: generateSigningKeyPem(),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  let database: TestDatabase | undefined;
  let ledger: Record<string, string>;
  let before: TestGateway;
  const live: Gateway[] = [];

  beforeAll(async () => {
    database = testDatabaseKind === 'postgres' ? await createTestDatabase() : undefined;
    ledger = database?.env ?? {
      SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'paygraph-rotation-')), 'ledger.sqlite'),
    };
    before = await startTestGateway({ ...ledger, ...oldKeys });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(live.map((gateway) => gateway.close()));
    await before?.close();
    await database?.drop();
  });

  /** A live gateway on the same ledger, reaching the first gateway's EnayaPay simulator. */
  async function rotatedGateway(keys: Record<string, string>): Promise<Gateway> {
    const enayapay = before.gateway.sandbox!.providers.enayapay!;
    const gateway = await startGateway({
      env: {
        PAYGRAPH_MODE: 'live',
        ...ledger,
        PORT: '0',
        HOST: '127.0.0.1',
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        ENAYAPAY_BASE_URL: enayapay.baseUrl,
        ENAYAPAY_API_KEY: enayapay.apiKey,
        LOG_LEVEL: 'warn',
        ...keys,
      },
      logDestination: new LogCapture(),
    });
    live.push(gateway);
    return gateway;
  }

  async function graphql<TData, TVariables>(
    gateway: Gateway,
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    token?: string,
  ): Promise<{ status: number; body: ExecutionResult<TData> }> {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return { status: response.status, body: (await response.json()) as ExecutionResult<TData> };
  }

  it('keeps old sessions and stored EnayaPay tokens working, then moves the tokens to the new key', async () => {
    const { phone, token: oldSession } = await registeredUser(before);
    const rotated = await rotatedGateway({
      ...newKeys,
      SESSION_SIGNING_KEY_PREVIOUS: oldKeys.SESSION_SIGNING_KEY,
      DATA_ENCRYPTION_KEY_PREVIOUS: oldKeys.DATA_ENCRYPTION_KEY,
    });

    // The session signed with the old key still works; the token sealed with the old key still opens.
    const me = await graphql(rotated, MyAccountDocument, { first: 1 }, oldSession);
    expect(me.body.errors).toBeUndefined();
    const balance = await graphql(rotated, InquireCardBalanceDocument, { input: VISA }, oldSession);
    expect(balance.body.data!.inquireCardBalance.userErrors).toEqual([]);
    // The JWKS serves both keys; new sessions are signed with the new one.
    const jwks = (await (await fetch(`${rotated.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    const login = await graphql(rotated, LoginUserDocument, { input: { phone, password: 'first-Pass1' } });
    const newSession = login.body.data!.loginUser.session!.token;
    expect(jwks.keys.map((key) => key.kid)).toEqual([
      decodeProtectedHeader(newSession).kid,
      decodeProtectedHeader(oldSession).kid,
    ]);

    // Re-encryption moves every stored token to the new key, once: a second run has nothing to do.
    const keyring = {
      ...ledger,
      DATA_ENCRYPTION_KEY: newKeys.DATA_ENCRYPTION_KEY,
      DATA_ENCRYPTION_KEY_PREVIOUS: oldKeys.DATA_ENCRYPTION_KEY,
    };
    const first = await reencrypt(keyring);
    expect(first).toMatchObject({ examined: 1, resealed: 1, unreadable: 0 });
    expect(await reencrypt(keyring)).toMatchObject({ examined: 1, resealed: 0, unreadable: 0 });

    // The old keys can go: the token opens with the new data key alone, for sessions the new key signed.
    const after = await rotatedGateway(newKeys);
    const stillPaid = await graphql(after, InquireCardBalanceDocument, { input: VISA }, newSession);
    expect(stillPaid.body.data!.inquireCardBalance.userErrors).toEqual([]);
    const retired = await graphql(after, MyAccountDocument, { first: 1 }, oldSession);
    expect(retired.status).toBe(401);
  }, 120_000);
});
