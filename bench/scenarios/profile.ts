import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagesOf, type PackageShare } from '../lib/cpu-profile.js';
import { clientToken, gatewayEnv, numeroPayAt } from '../lib/environment.js';
import { createPayment, graphqlRequest } from '../lib/graphql.js';
import { runLoad, saturate } from '../lib/load.js';
import type { Plan } from '../lib/plan.js';
import { startGatewayProcess, type Upstream } from '../lib/processes.js';
import { TRANSACTION_QUERY } from './reads.js';

export interface ProfileResult {
  /** What ran while sampling. */
  workload: string;
  requestsPerSecond: number;
  packages: PackageShare[];
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * The PayGraph read gateway of scenario 1 under `node --cpu-prof`, saturated after a warm-up; only the
 * samples of the saturated seconds are aggregated, by package. Then the same for createPayment.
 */
export async function runProfile(
  upstream: Upstream,
  plan: Plan,
  log: (line: string) => void,
): Promise<ProfileResult[]> {
  const results: ProfileResult[] = [];
  const token = await clientToken('bench-profile');
  for (const workload of ['reads: transaction(id) { id status }', 'writes: createPayment'] as const) {
    const directory = mkdtempSync(join(tmpdir(), 'paygraph-cpuprof-'));
    const gateway = await startGatewayProcess(gatewayEnv(numeroPayAt(upstream.url)), {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${directory}`],
    });
    try {
      let sequence = 0;
      const payment = await createPayment(gateway.url, token, 'profile');
      const target = workload.startsWith('reads')
        ? { name: 'profile', ...graphqlRequest(gateway.url, token, TRANSACTION_QUERY, { id: payment.id }) }
        : undefined;
      const run = (seconds: number) =>
        target
          ? saturate(target, plan.saturationConnections, seconds)
          : runLoad({
              url: gateway.url,
              connections: plan.saturationConnections,
              duration: seconds,
              requests: [
                {
                  method: 'POST',
                  path: '/graphql',
                  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
                  setupRequest: (request) => ({
                    ...request,
                    body: JSON.stringify({
                      query:
                        'mutation Pay($input: CreatePaymentInput!) { createPayment(input: $input) { transaction { id status } userErrors { code } } }',
                      variables: {
                        input: {
                          idempotencyKey: `profile-${(sequence += 1)}`,
                          amount: '25.00',
                          currency: 'AUD',
                        },
                      },
                    }),
                  }),
                },
              ],
            });
      await run(plan.warmupSeconds);
      const from = monotonicUs();
      const load = await run(plan.profileSeconds);
      const to = monotonicUs();
      await gateway.stop();
      const file = readdirSync(directory).find((name) => name.endsWith('.cpuprofile'));
      if (!file) throw new Error('the gateway wrote no CPU profile');
      results.push({
        workload,
        requestsPerSecond: load.rps,
        packages: packagesOf(join(directory, file), from, to),
      });
      log(
        `profiled ${workload}: ${results
          .at(-1)!
          .packages.slice(0, 5)
          .map((p) => `${p.name} ${p.percent.toFixed(1)}%`)
          .join(', ')}`,
      );
    } finally {
      await gateway.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  }
  return results;
}
