import { clientToken, gatewayEnv, numeroPayAt } from '../lib/environment.js';
import { CREATE_PAYMENT } from '../lib/graphql.js';
import { measuredLoad, type MeasuredRun } from '../lib/measure.js';
import type { Plan } from '../lib/plan.js';
import { startGatewayProcess, startPeer, type Upstream } from '../lib/processes.js';
import { openSqlite } from '../../src/ledger/sqlite-connection.js';

export interface WriteTargetResult {
  key: 'apollo' | 'paygraph';
  label: string;
  saturation: MeasuredRun[];
  storm: (MeasuredRun & { durationMs: number })[];
}

/** What the PayGraph ledger and the upstream hold after the write runs: the guarantees, checked. */
export interface LedgerCheck {
  /** createPayment answers that carried a transaction. */
  answered: number;
  /** Ledger rows, by status. */
  rowsByStatus: Record<string, number>;
  /** Rows still without the provider's reference: never settled (must be 0). */
  unsettled: number;
  /** Idempotency keys recorded (unique by the primary key) and rows sharing one key (must be 0). */
  keys: number;
  duplicateKeys: number;
  /** `POST /transaction` calls the upstream received from PayGraph. */
  providerCalls: number;
  journalMode: string;
}

export interface WriteResults {
  targets: WriteTargetResult[];
  ledger: LedgerCheck;
}

/**
 * Scenario 2: money mutations. `createPayment` with a unique idempotency key per request, at saturation
 * and as a storm of `stormSize` at once (one connection each), against PayGraph (ledger row written
 * and fsynced before NumeroPay's `POST /transaction`, settled after) and the hand-written Apollo server
 * making the same POST with no ledger. Rounds interleaved; the ledger is inspected afterwards.
 */
export async function runWrites(
  upstream: Upstream,
  plan: Plan,
  log: (line: string) => void,
): Promise<WriteResults> {
  const apollo = await startPeer('apollo-peer', upstream.url);
  const env = gatewayEnv(numeroPayAt(upstream.url));
  const paygraph = await startGatewayProcess(env);
  const token = await clientToken('bench-writes');
  let sequence = 0;
  let answered = 0;
  const load =
    (url: string, headers: Record<string, string>) =>
    (connections: number, options: { duration?: number; amount?: number }) => ({
      url,
      connections,
      ...options,
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', ...headers },
          setupRequest: (request: Record<string, unknown>) => ({
            ...request,
            body: JSON.stringify({
              query: CREATE_PAYMENT,
              variables: {
                input: {
                  idempotencyKey: `write-${(sequence += 1)}`,
                  amount: '25.00',
                  currency: 'AUD',
                  description: 'bench',
                },
              },
            }),
          }),
        },
      ],
    });
  const targets = {
    apollo: { url: apollo.url, pid: apollo.pid, build: load(apollo.url, {}) },
    paygraph: {
      url: paygraph.url,
      pid: paygraph.pid,
      build: load(paygraph.url, { authorization: `Bearer ${token}` }),
    },
  };
  const results: Record<'apollo' | 'paygraph', WriteTargetResult> = {
    apollo: {
      key: 'apollo',
      label: 'Apollo Server 5 + Fastify + @apollo/datasource-rest (no ledger)',
      saturation: [],
      storm: [],
    },
    paygraph: {
      key: 'paygraph',
      label: '**PayGraph** (SQLite file, WAL fsynced before every answer, group commit)',
      saturation: [],
      storm: [],
    },
  };
  try {
    await upstream.counts();
    for (const key of ['apollo', 'paygraph'] as const) {
      const warmup = await measuredLoad(
        targets[key].pid,
        targets[key].build(plan.saturationConnections, { duration: plan.warmupSeconds }) as never,
      );
      if (warmup.failed > 0) throw new Error(`${key}: ${warmup.failed} mutations failed warming up`);
      if (key === 'paygraph') answered += warmup.ok;
      log(`warmed up writes ${key} (${warmup.rps.toFixed(0)}/s)`);
    }
    for (let round = 1; round <= plan.rounds; round += 1) {
      for (const key of ['apollo', 'paygraph'] as const) {
        const result = await measuredLoad(
          targets[key].pid,
          targets[key].build(plan.saturationConnections, { duration: plan.seconds }) as never,
        );
        if (key === 'paygraph') answered += result.ok;
        results[key].saturation.push(result);
        log(
          `round ${round} writes ${key}: ${result.rps.toFixed(0)}/s, p99 ${result.p99.toFixed(1)} ms, ${result.failed} failed`,
        );
      }
      for (const key of ['apollo', 'paygraph'] as const) {
        const started = performance.now();
        const result = await measuredLoad(
          targets[key].pid,
          targets[key].build(plan.stormSize, { amount: plan.stormSize }) as never,
        );
        if (key === 'paygraph') answered += result.ok;
        results[key].storm.push({ ...result, durationMs: performance.now() - started });
        log(
          `round ${round} storm ${key}: p50 ${result.p50.toFixed(0)} p99 ${result.p99.toFixed(0)} ms, peak RSS ${result.peakRssMb.toFixed(0)} MB, ${result.failed} failed`,
        );
      }
    }
  } finally {
    await apollo.stop();
    await paygraph.stop();
  }
  const providerCalls = (await upstream.counts()).create;
  return {
    targets: Object.values(results),
    ledger: inspectLedger(env.SQLITE_PATH!, answered, providerCalls),
  };
}

function inspectLedger(path: string, answered: number, providerCalls: number): LedgerCheck {
  const db = openSqlite(path, { readonly: true });
  try {
    const rows = db.prepare('select status, count(*) as n from transactions group by status').all() as {
      status: string;
      n: number;
    }[];
    const keys = db.prepare('select count(*) as n from idempotency_records').get() as { n: number };
    const unsettled = db
      .prepare('select count(*) as n from transactions where provider_reference is null')
      .get() as { n: number };
    const duplicates = db
      .prepare(
        'select count(*) as n from (select principal, idempotency_key from transactions group by 1, 2 having count(*) > 1)',
      )
      .get() as { n: number };
    return {
      answered,
      rowsByStatus: Object.fromEntries(rows.map((row) => [row.status, row.n])),
      unsettled: unsettled.n,
      keys: keys.n,
      duplicateKeys: duplicates.n,
      providerCalls,
      journalMode: String(db.pragma('journal_mode', { simple: true })),
    };
  } finally {
    db.close();
  }
}
