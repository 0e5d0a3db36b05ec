import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import {
  printedToken,
  REPOSITORY,
  spawnGateway,
  waitUntilReady,
  type GatewayProcess,
} from '../server/gateway-process.js';
import { freePort } from '../../helpers/free-port.js';

jest.setTimeout(180_000);

interface Readiness {
  status: string;
  providers: Record<string, string>;
}

describe('the simulators started alone (npm run sandbox)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'paygraph-sandbox-env-'));
  const envFile = join(directory, 'sandbox.env');
  let simulators: ChildProcess | undefined;
  let gateway: GatewayProcess | undefined;

  afterAll(async () => {
    for (const child of [gateway?.child, simulators]) {
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(directory, { recursive: true, force: true });
  });

  it('write a dotenv file that `node --env-file` turns into a working live-mode gateway', async () => {
    simulators = spawn(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'src/sandbox/standalone.ts'],
      {
        cwd: REPOSITORY,
        env: {
          PATH: process.env.PATH ?? '',
          SANDBOX_PORTS: 'ephemeral',
          SANDBOX_ENV_FILE: envFile,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let printed = '';
    await new Promise<void>((resolve, reject) => {
      simulators!.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString('utf8');
        if (printed.includes('SANDBOX_READY')) resolve();
      });
      simulators!.once('exit', (code) => reject(new Error(`the simulators exited (${code}):\n${printed}`)));
    });

    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(envFile, 'utf8');
    const variables = parseEnv(text);
    expect(variables).toMatchObject({
      PAYGRAPH_MODE: 'live',
      AUTH_JWT_SECRET: expect.any(String),
      DATA_ENCRYPTION_KEY: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      SESSION_SIGNING_KEY: expect.stringContaining('-----BEGIN PRIVATE KEY-----\n'),
      NCHL_SIGNING_KEY: expect.stringContaining('-----BEGIN PRIVATE KEY-----\n'),
      ENAYAPAY_BASE_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
    });
    // The file holds secrets: printed nowhere.
    expect(printed).not.toContain(variables.AUTH_JWT_SECRET);
    expect(printed).not.toContain(variables.DATA_ENCRYPTION_KEY);

    gateway = spawnGateway({ SQLITE_PATH: join(directory, 'ledger.sqlite') }, await freePort(), {
      nodeOptions: [`--env-file=${envFile}`],
    });
    await waitUntilReady(gateway);
    const readiness = (await (await fetch(`${gateway.url}/readyz`)).json()) as Readiness;
    expect(readiness.providers).toEqual({
      NUMEROPAY: 'ENABLED',
      NUPEYE: 'ENABLED',
      ENAYAPAY: 'ENABLED',
      DIGIPAY: 'ENABLED',
      NCHL: 'ENABLED',
    });
    // The session key of the file signs what the gateway publishes.
    const jwks = (await (await fetch(`${gateway.url}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    expect(jwks.keys).toHaveLength(1);
  });
});

describe('npm start (sandbox mode), the built gateway', () => {
  it('prints where each provider simulator listens and a token that moves money', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'paygraph-sandbox-start-'));
    const gateway = spawnGateway(
      { PAYGRAPH_MODE: 'sandbox', SQLITE_PATH: join(directory, 'ledger.sqlite'), LOG_LEVEL: 'warn' },
      await freePort(),
      { built: { cwd: REPOSITORY } },
    );
    try {
      await waitUntilReady(gateway);
      const token = await printedToken(gateway);
      const listed = [...gateway.output().matchAll(/^ {2}(\w+) +(http:\/\/127\.0\.0\.1:\d+\S*)$/gm)];
      expect(listed.map(([, name]) => name).sort()).toEqual([
        'digipay',
        'enayapay',
        'nchl',
        'numeropay',
        'nupeye',
      ]);
      for (const [, , baseUrl] of listed) {
        const answer = await fetch(`${new URL(baseUrl!).origin}/_sandbox/requests`);
        expect(answer.status).toBe(200);
      }
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation($input: CreatePaymentInput!) {
            createPayment(input: $input) { transaction { status providerReference } userErrors { code } }
          }`,
          variables: { input: { idempotencyKey: 'start-1', amount: '10.00', currency: 'AUD' } },
        }),
      });
      const body = (await response.json()) as {
        data?: { createPayment: { transaction: { status: string; providerReference: string } } };
      };
      expect(body.data?.createPayment.transaction).toEqual({
        status: 'PENDING',
        providerReference: expect.any(String),
      });
    } finally {
      gateway.child.kill('SIGTERM');
      await gateway.exited;
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
