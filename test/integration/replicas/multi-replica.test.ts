import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { issueClientToken } from '../../../src/server/auth/issue-token.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../helpers/test-database.js';
import { completeInput, requestInput, subscribe } from '../nchl/nchl-gateway.js';
import {
  clearSimulatorRequests,
  sharedSecrets,
  simulatorRequests,
  startProcess,
  startSimulatorProcess,
  waitFor,
  type RunningProcess,
} from './replica-processes.js';
import { freePort } from '../../helpers/free-port.js';

const RECHARGE = `
  mutation Recharge($input: RechargeMobileInput!) {
    rechargeMobile(input: $input) { transaction { id status } replayed userErrors { code message } }
  }`;
const REQUEST = `
  mutation Request($input: RequestCardlessWithdrawalInput!) {
    requestCardlessWithdrawal(input: $input) { withdrawal { id transactionUniqueId status } userErrors { code } }
  }`;
const COMPLETE = `
  mutation Complete($input: CompleteCashWithdrawalInput!) {
    completeCashWithdrawal(input: $input) { withdrawal { id status } userErrors { code message } }
  }`;
const COMPLETE_WITH_STATE = `
  mutation Complete($input: CompleteCashWithdrawalInput!) {
    completeCashWithdrawal(input: $input) { withdrawal { id cashOut { state } } userErrors { code message } }
  }`;
const UPDATED = 'subscription Updated($id: ID!) { withdrawalUpdated(id: $id) { id status } }';

interface RechargeResult {
  rechargeMobile: {
    transaction: { id: string; status: string } | null;
    replayed: boolean;
    userErrors: unknown[];
  };
}

/**
 * Three gateway processes behind no load balancer but the test itself, sharing one PostgreSQL ledger and
 * one Redis, with the simulators in a process of their own. Every count comes from the simulators'
 * request logs. Runs where PostgreSQL (TEST_DATABASE_URL) and redis-server are available, as in CI.
 */
const describeReplicas = redisServerAvailable && testDatabaseKind === 'postgres' ? describe : describe.skip;

describeReplicas('three replicas on Redis and PostgreSQL', () => {
  let redis: RedisServer;
  let database: TestDatabase;
  let sandbox: RunningProcess;
  let providerEnv: Record<string, string>;
  const replicas: { url: string; process: RunningProcess; env: Record<string, string> }[] = [];
  const secrets = sharedSecrets();
  const token = (sub: string, scopes: string[] = []) =>
    issueClientToken({ jwtSecret: secrets.AUTH_JWT_SECRET }, sub, scopes);

  async function graphql<T>(url: string, query: string, variables: unknown, bearer: string) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: { message: string }[] };
  }

  function startReplica(index: number) {
    const { env } = replicas[index]!;
    replicas[index]!.process = startProcess('src/main.ts', env);
    return waitFor(
      async () => (await fetch(`${replicas[index]!.url}/readyz`)).status === 200,
      `replica ${index}`,
      undefined,
      replicas[index]!.process,
    );
  }

  beforeAll(async () => {
    redis = await startRedisServer();
    database = await createTestDatabase();
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    ({ simulators: sandbox, providerEnv } = await startSimulatorProcess(`http://127.0.0.1:${ports[1]}`));
    for (const port of ports) {
      replicas.push({
        url: `http://127.0.0.1:${port}`,
        process: undefined as unknown as RunningProcess,
        env: {
          ...providerEnv,
          ...secrets,
          ...database.env,
          PAYGRAPH_MODE: 'live',
          HOST: '127.0.0.1',
          PORT: String(port),
          REDIS_URL: redis.url,
          // Replica C logs at debug: its "subscription started" line says a subscriber listens.
          LOG_LEVEL: port === ports[2] ? 'debug' : 'warn',
          NUPEYE_TIMEOUT_MS: '60000',
        },
      });
    }
    await Promise.all(replicas.map((_replica, index) => startReplica(index)));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.process?.stop()));
    await sandbox?.stop();
    await database?.drop();
    await redis?.stop();
  }, 60_000);

  const recharge = (idempotencyKey: string, amount = '10') => ({
    input: {
      idempotencyKey,
      mobileNumber: '9812345678',
      amount,
      nupeyeUserName: 'sandbox.customer',
      nupeyePassword: 'sandbox-pass-1234',
    },
  });

  it('shares readiness state through Redis', async () => {
    for (const replica of replicas) {
      const ready = (await (await fetch(`${replica.url}/readyz`)).json()) as { sharedState: string };
      expect(ready.sharedState).toBe('shared');
    }
  });

  it('600 recharges over three replicas while the Nupeye token expires: one refresh in total', async () => {
    const nupeye = providerEnv.NUPEYE_BASE_URL!;
    const warmUp = await graphql<RechargeResult>(
      replicas[0]!.url,
      RECHARGE,
      recharge('warm-up'),
      await token('warm-up'),
    );
    expect(warmUp.data?.rechargeMobile.transaction?.status).toBe('SUCCEEDED');
    await fetch(`${new URL(nupeye).origin}/_sandbox/expire-tokens`, { method: 'POST' });
    await clearSimulatorRequests(nupeye);

    const tokens = await Promise.all(Array.from({ length: 600 }, (_, i) => token(`storm-${i}`)));
    const results = await Promise.all(
      tokens.map((bearer, i) =>
        graphql<RechargeResult>(replicas[i % 3]!.url, RECHARGE, recharge(`storm-${i}`), bearer),
      ),
    );
    const statuses = results.map(
      (result) => result.data?.rechargeMobile.transaction?.status ?? result.errors?.[0]?.message,
    );
    expect(statuses.filter((status) => status === 'SUCCEEDED')).toHaveLength(600);
    const log = await simulatorRequests(nupeye);
    expect(log.filter((entry) => entry.path === '/auth/refresh_authentication')).toHaveLength(1);
    expect(log.filter((entry) => entry.path === '/auth/login')).toHaveLength(0);
  }, 240_000);

  it('sends one idempotency key given to all three replicas at once to Nupeye once', async () => {
    const nupeye = providerEnv.NUPEYE_BASE_URL!;
    await clearSimulatorRequests(nupeye);
    const bearer = await token('duplicate-sender');
    const key = `dup-${randomUUID()}`;
    const results = await Promise.all(
      replicas.map((replica) => graphql<RechargeResult>(replica.url, RECHARGE, recharge(key), bearer)),
    );
    const ids = new Set(results.map((result) => result.data?.rechargeMobile.transaction?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeDefined();
    const log = await simulatorRequests(nupeye);
    expect(log.filter((entry) => entry.path === '/recharge_account')).toHaveLength(1);
  }, 60_000);

  it('calls NCHL once for a withdrawal key and once for a cash-out key sent to all three replicas at once', async () => {
    const nchl = providerEnv.NCHL_BASE_URL!;
    const origin = new URL(nchl).origin;
    const slowly = (path: string) =>
      fetch(`${origin}/_sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'delay', delayMs: 1_500, path, times: 1 }),
      });
    await clearSimulatorRequests(nchl);
    const alice = await token('replica-duplicates');
    const operator = await token('replica-duplicates-atm', ['operator']);

    // The first request is held at NCHL, so the other two arrive while it is in flight: they must wait for it.
    await slowly('/api/v1/cardless/create-request');
    const input = requestInput({ mobileNumber: '9841000777' });
    const requests = await Promise.all(
      replicas.map((replica) =>
        graphql<{
          requestCardlessWithdrawal: {
            withdrawal: { id: string; transactionUniqueId: string; status: string };
          };
        }>(replica.url, REQUEST, { input }, alice),
      ),
    );
    const withdrawals = requests.map((result) => result.data!.requestCardlessWithdrawal.withdrawal);
    expect(new Set(withdrawals.map((withdrawal) => withdrawal.id)).size).toBe(1);
    expect(withdrawals.map((withdrawal) => withdrawal.status)).toEqual([
      'REQUESTED',
      'REQUESTED',
      'REQUESTED',
    ]);

    const { otp } = (await (
      await fetch(`${origin}/_sandbox/otp/${encodeURIComponent(withdrawals[0]!.transactionUniqueId)}`)
    ).json()) as { otp: string };
    await slowly('/cardless/withdraw/transaction');
    const cashOut = completeInput(withdrawals[0]!.id, otp);
    const completions = await Promise.all(
      replicas.map((replica) =>
        graphql<{ completeCashWithdrawal: { withdrawal: { id: string; cashOut: { state: string } } } }>(
          replica.url,
          COMPLETE_WITH_STATE,
          { input: cashOut },
          operator,
        ),
      ),
    );
    expect(completions.map((result) => result.data?.completeCashWithdrawal.withdrawal.cashOut.state)).toEqual(
      ['ACCEPTED', 'ACCEPTED', 'ACCEPTED'],
    );
    const log = await simulatorRequests(nchl);
    expect(log.filter((entry) => entry.path.endsWith('/cardless/create-request'))).toHaveLength(1);
    expect(log.filter((entry) => entry.path.endsWith('/cardless/withdraw/transaction'))).toHaveLength(1);
  }, 120_000);

  it('delivers an NCHL notification received by replica B to a subscriber on replica C', async () => {
    const [a, b, c] = replicas;
    const alice = await token('replica-alice');
    const operator = await token('replica-atm', ['operator']);
    const requested = await graphql<{
      requestCardlessWithdrawal: { withdrawal: { id: string; transactionUniqueId: string } };
    }>(a!.url, REQUEST, { input: requestInput() }, alice);
    const withdrawal = requested.data!.requestCardlessWithdrawal.withdrawal;
    const started = () => c!.process.output.join('').split('subscription started').length - 1;
    const before = started();
    const updates = subscribe<{ withdrawalUpdated: { id: string; status: string } }>(c!.url, alice, UPDATED, {
      id: withdrawal.id,
    });
    await waitFor(() => started() > before, 'the subscription to be registered on C', 30_000);
    const otpUrl = `${new URL(providerEnv.NCHL_BASE_URL!).origin}/_sandbox/otp/${encodeURIComponent(withdrawal.transactionUniqueId)}`;
    const { otp } = (await (await fetch(otpUrl)).json()) as { otp: string };
    const completed = await graphql<{ completeCashWithdrawal: { userErrors: unknown[] } }>(
      a!.url,
      COMPLETE,
      { input: completeInput(withdrawal.id, otp) },
      operator,
    );
    expect(completed.data?.completeCashWithdrawal.userErrors).toEqual([]);
    await updates.completed;
    await updates.client.dispose();
    expect(updates.events.at(-1)?.withdrawalUpdated.status).toBe('PAID');
    // The simulator was told to notify replica B only.
    expect(b!.url).not.toBe(c!.url);
  }, 120_000);

  it('loses no ledger row when a replica is killed with recharges in flight', async () => {
    const nupeye = providerEnv.NUPEYE_BASE_URL!;
    const origin = new URL(nupeye).origin;
    await clearSimulatorRequests(nupeye);
    await fetch(`${origin}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'delay',
        method: 'POST',
        path: '/recharge_account',
        // Longer than this file runs: Nupeye never answers these five before the replica is killed.
        delayMs: 600_000,
        times: 5,
      }),
    });
    const victim = replicas[2]!;
    const bearer = await token('killed-in-flight');
    const inFlight = Array.from({ length: 5 }, (_, i) =>
      graphql(victim.url, RECHARGE, recharge(`killed-${i}`), bearer).catch(() => undefined),
    );
    await waitFor(
      async () =>
        (await simulatorRequests(nupeye)).filter((e) => e.path === '/recharge_account').length === 5,
      'the recharges to reach Nupeye',
      30_000,
    );
    await victim.process.stop('SIGKILL');
    await Promise.all(inFlight);

    const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ status: string }>(
        "select status from transactions where principal = 'killed-in-flight' order by idempotency_key",
      );
      expect(rows).toHaveLength(5);
      expect(rows.every((row) => ['SENDING', 'UNKNOWN'].includes(row.status))).toBe(true);
    } finally {
      await client.end();
    }
    // The survivors show them, and a retry of the same key sends nothing new.
    const retried = await graphql<RechargeResult>(replicas[0]!.url, RECHARGE, recharge('killed-0'), bearer);
    expect(retried.data?.rechargeMobile.replayed).toBe(true);
    // A replay answers from the ledger: had it sent anything, the request would be logged before the answer.
    const sent = (await simulatorRequests(nupeye)).filter((e) => e.path === '/recharge_account');
    expect(sent).toHaveLength(5);
  }, 180_000);

  it('keeps serving when Redis stops, reports it degraded, and shares again when Redis returns', async () => {
    const replica = replicas[0]!;
    await redis.stop();
    await waitFor(
      async () =>
        ((await (await fetch(`${replica.url}/readyz`)).json()) as { sharedState: string }).sharedState ===
        'degraded',
      'degraded readiness',
      30_000,
    );
    expect((await fetch(`${replica.url}/readyz`)).status).toBe(200);
    const during = await graphql<RechargeResult>(
      replica.url,
      RECHARGE,
      recharge(`no-redis-${randomUUID()}`),
      await token('no-redis'),
    );
    expect(during.data?.rechargeMobile.transaction?.status).toBe('SUCCEEDED');
    await redis.start();
    await waitFor(
      async () =>
        ((await (await fetch(`${replica.url}/readyz`)).json()) as { sharedState: string }).sharedState ===
        'shared',
      'shared readiness again',
      30_000,
    );
  }, 120_000);
});
