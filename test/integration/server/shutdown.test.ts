import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/ledger/database.js';
import { startNumeroPaySandbox } from '../../../src/sandbox/numeropay/index.js';
import type { NumeroPaySimulator } from '../../../src/sandbox/numeropay/numeropay.simulator.js';
import { issueClientToken } from '../../../src/server/auth/issue-token.js';
import { waitUntil } from '../../helpers/wait-until.js';
import { probe, spawnGateway, waitUntilReady, type GatewayProcess } from './gateway-process.js';
import { freePort } from '../../helpers/free-port.js';

jest.setTimeout(120_000);

const SECRET = 'shutdown-test-secret-shutdown-test-secret-01';
const PAYMENTS = 5;

const CREATE_PAYMENT = `mutation($input: CreatePaymentInput!) {
  createPayment(input: $input) { transaction { id status providerReference } userErrors { code } }
}`;
const TRANSACTIONS = `{ transactions(first: 50) { edges { node { id status idempotencyKey } } } }`;

interface PaymentAnswer {
  status: number;
  /** The Connection header of the answer. */
  connection: string | null;
  body: {
    data?: {
      createPayment: { transaction: { id: string; status: string; providerReference: string | null } | null };
    };
    errors?: unknown[];
  };
}

describe('the gateway process on SIGTERM and SIGKILL', () => {
  let simulator: NumeroPaySimulator;
  let env: Record<string, string>;
  let directory: string;
  let running: GatewayProcess[] = [];

  beforeAll(async () => {
    const numeropay = await startNumeroPaySandbox();
    simulator = numeropay.simulator;
    const { config } = numeropay;
    env = {
      PAYGRAPH_MODE: 'live',
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: 'info',
      // No readiness drain unless a test asks for one: these tests are about what happens after it.
      SHUTDOWN_DRAIN_MS: '0',
      NUMEROPAY_BASE_URL: config.baseUrl,
      NUMEROPAY_KEY_ID: config.keyId,
      NUMEROPAY_KEY_SECRET: config.keySecret,
      NUMEROPAY_MERCHANT_ID: config.merchantId,
      NUMEROPAY_BUSINESS_NAME: config.businessName,
    };
  });
  afterAll(() => simulator.stop());

  beforeEach(() => {
    simulator.reset();
    directory = mkdtempSync(join(tmpdir(), 'paygraph-shutdown-'));
  });
  afterEach(async () => {
    for (const gateway of running) {
      if (gateway.child.exitCode === null && gateway.child.signalCode === null) gateway.child.kill('SIGKILL');
      await gateway.exited;
    }
    running = [];
    rmSync(directory, { recursive: true, force: true });
  });

  const start = async (sqlitePath: string, extra: Record<string, string> = {}): Promise<GatewayProcess> => {
    const gateway = spawnGateway({ ...env, SQLITE_PATH: sqlitePath, ...extra }, await freePort());
    running.push(gateway);
    await waitUntilReady(gateway);
    return gateway;
  };

  const pay = async (gateway: GatewayProcess, token: string, key: string): Promise<PaymentAnswer> => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: CREATE_PAYMENT,
        variables: { input: { idempotencyKey: key, amount: '25.00', currency: 'AUD' } },
      }),
    });
    return {
      status: response.status,
      connection: response.headers.get('connection'),
      body: (await response.json()) as PaymentAnswer['body'],
    };
  };

  /** Waits until the simulator has received `count` payment requests (they are then held). */
  const providerReceived = (count: number) =>
    waitUntil(
      () => simulator.requests.count('/transaction', 'POST') >= count,
      `${count} payments reached the provider`,
    );

  /** Holds every payment at the provider until the returned function is called. */
  const holdPayments = (): (() => void) => {
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    simulator.faults.add({ kind: 'delay', method: 'POST', path: '/transaction', until: held });
    return answer;
  };

  const ledgerRows = async (sqlitePath: string) => {
    const db = openDatabase({ kind: 'sqlite', path: sqlitePath });
    try {
      return await db.selectFrom('transactions').selectAll().orderBy('idempotency_key').execute();
    } finally {
      await db.destroy();
    }
  };

  it('drains on SIGTERM: no new work, every in-flight payment completes and is settled, exit 0', async () => {
    const sqlitePath = join(directory, 'ledger.sqlite');
    const gateway = await start(sqlitePath);
    const token = await issueClientToken({ jwtSecret: SECRET }, 'drain-user', []);
    const answer = holdPayments();

    let completed = 0;
    const payments = Array.from({ length: PAYMENTS }, (_, index) =>
      pay(gateway, token, `drain-${index}`).finally(() => (completed += 1)),
    );
    await providerReceived(PAYMENTS);

    gateway.child.kill('SIGTERM');
    // New work is turned away while the payments are still held at the provider.
    let refused: number | string = 200;
    while (refused === 200) refused = await probe(`${gateway.url}/readyz`);
    expect([503, 'ECONNREFUSED', 'ECONNRESET']).toContain(refused);
    expect(completed).toBe(0);
    answer();

    const answers = await Promise.all(payments);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      // The client keeps its connections open; the gateway closes each after its answer so exit need not
      // wait for keep-alive timeouts.
      expect(answer.connection).toBe('close');
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.createPayment.transaction?.providerReference).toEqual(expect.any(String));
    }
    const exit = await gateway.exited;
    expect({ exit, output: exit.code === 0 ? '' : gateway.output() }).toEqual({
      exit: { code: 0, signal: null },
      output: '',
    });

    const rows = await ledgerRows(sqlitePath);
    expect(rows).toHaveLength(PAYMENTS);
    const byId = new Map(answers.map((answer) => [answer.body.data!.createPayment.transaction!.id, answer]));
    for (const row of rows) {
      expect(row.provider_reference).not.toBeNull();
      expect(row.error_code).toBeNull();
      expect(simulator.transactions.get(row.provider_reference!, false)).toBeDefined();
      const answered = [...byId.values()].find(
        (answer) => answer.body.data!.createPayment.transaction!.providerReference === row.provider_reference,
      );
      expect(row.status).toBe(answered?.body.data!.createPayment.transaction!.status);
    }
    expect(simulator.requests.count('/transaction', 'POST')).toBe(PAYMENTS);
  });

  it('drains like Kubernetes expects: /readyz 503 while /graphql still serves, then the listener closes', async () => {
    // A drain that cannot end by itself during the test: a second SIGTERM ends it.
    const gateway = await start(join(directory, 'ledger.sqlite'), { SHUTDOWN_DRAIN_MS: '600000' });
    const token = await issueClientToken({ jwtSecret: SECRET }, 'k8s-user', []);
    const release = holdPayments();
    let paid = false;
    const inFlight = pay(gateway, token, 'k8s-in-flight').finally(() => (paid = true));
    await providerReceived(1);

    gateway.child.kill('SIGTERM');
    while ((await probe(`${gateway.url}/readyz`)) === 200);
    const readiness = await fetch(`${gateway.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ status: 'draining' });
    const query = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: TRANSACTIONS }),
    });
    expect(query.status).toBe(200);
    expect(((await query.json()) as { errors?: unknown }).errors).toBeUndefined();

    gateway.child.kill('SIGTERM');
    let listening: number | string = 503;
    while (listening === 503) listening = await probe(`${gateway.url}/readyz`);
    // Closed: refused, or reset when the connection was accepted just before the listener closed.
    expect(['ECONNREFUSED', 'ECONNRESET']).toContain(listening);
    expect(paid).toBe(false);
    release();

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body.data?.createPayment.transaction?.providerReference).toEqual(expect.any(String));
    const exit = await gateway.exited;
    expect({ exit, output: exit.code === 0 ? '' : gateway.output() }).toEqual({
      exit: { code: 0, signal: null },
      output: '',
    });
  });

  it('ends the drain by itself after SHUTDOWN_DRAIN_MS and exits 0', async () => {
    const gateway = await start(join(directory, 'ledger.sqlite'), { SHUTDOWN_DRAIN_MS: '300' });
    gateway.child.kill('SIGTERM');
    const exit = await gateway.exited;
    expect({ exit, output: exit.code === 0 ? '' : gateway.output() }).toEqual({
      exit: { code: 0, signal: null },
      output: '',
    });
    expect(gateway.output()).toContain('"drainMs":300');
  });

  it('loses nothing on SIGKILL: the rows stay SENDING and are still listed after a restart', async () => {
    const sqlitePath = join(directory, 'ledger.sqlite');
    const first = await start(sqlitePath);
    const token = await issueClientToken({ jwtSecret: SECRET }, 'crash-user', []);
    const answer = holdPayments();

    const payments = Array.from({ length: PAYMENTS }, (_, index) =>
      pay(first, token, `crash-${index}`).catch((error: unknown) => error),
    );
    await providerReceived(PAYMENTS);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    answer();
    // Each caller saw its connection drop (fetch errors come from another realm: compare by name).
    for (const outcome of await Promise.all(payments)) expect(outcome).toMatchObject({ name: 'TypeError' });

    const rows = await ledgerRows(sqlitePath);
    expect(rows.map((row) => [row.idempotency_key, row.status, row.provider_reference])).toEqual(
      Array.from({ length: PAYMENTS }, (_, index) => [`crash-${index}`, 'SENDING', null]),
    );

    simulator.faults.clear();
    const second = await start(sqlitePath);
    const response = await fetch(`${second.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: TRANSACTIONS }),
    });
    const { data, errors } = (await response.json()) as {
      data?: { transactions: { edges: { node: { id: string; status: string; idempotencyKey: string } }[] } };
      errors?: unknown[];
    };
    expect(errors).toBeUndefined();
    const listed = data!.transactions.edges.map((edge) => edge.node);
    expect(listed.map((node) => node.idempotencyKey).sort()).toEqual(rows.map((row) => row.idempotency_key));
    for (const node of listed) expect(['SENDING', 'UNKNOWN']).toContain(node.status);
    // Nothing was re-sent to the provider on restart.
    expect(simulator.requests.count('/transaction', 'POST')).toBe(PAYMENTS);

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('exits 0 on SIGTERM in sandbox mode too, after stopping its simulators', async () => {
    const gateway = spawnGateway(
      { PAYGRAPH_MODE: 'sandbox', SQLITE_PATH: join(directory, 'sandbox.sqlite'), LOG_LEVEL: 'warn' },
      await freePort(),
    );
    running.push(gateway);
    await waitUntilReady(gateway);
    gateway.child.kill('SIGTERM');
    const exit = await gateway.exited;
    expect({ exit, output: exit.code === 0 ? '' : gateway.output() }).toEqual({
      exit: { code: 0, signal: null },
      output: '',
    });
  });
});
