import { clientToken, gatewayEnv } from '../lib/environment.js';
import { createPayment, graphql } from '../lib/graphql.js';
import { startGatewayProcess, type Simulators } from '../lib/processes.js';
import { median } from '../lib/stats.js';

export interface BatchQueryResult {
  name: string;
  /** `status` fields asked for in the query. */
  statusFields: number;
  distinctIds: number;
  /** NumeroPay `GET /transaction/{id}` calls the query caused. */
  upstreamCalls: number;
  /** The most times one id was fetched within the query. */
  maxFetchesOfOneId: number;
  latencyMs: number;
}

interface Listed {
  transactions: { edges: { node: { id: string; status: string } }[] };
}

const LIST = (first: number, aliases: readonly string[]) => `query Batch {
  transactions(first: ${first}) { edges { node { id status } } }
  ${aliases.map((id, index) => `again${index}: transaction(id: "${id}") { id status }`).join('\n  ')}
}`;

/**
 * Scenario 3: one query listing 100 transactions with their live NumeroPay status, and one that lists
 * 90 and asks again for 10 of them by id (the same reference twice in one request).
 */
export async function runBatching(
  simulators: Simulators,
  log: (line: string) => void,
): Promise<BatchQueryResult[]> {
  const { numeropay } = simulators;
  // On the strict simulator, which counts NumeroPay reads per transaction id.
  const gateway = await startGatewayProcess(
    gatewayEnv({
      NUMEROPAY_BASE_URL: numeropay.baseUrl,
      NUMEROPAY_KEY_ID: numeropay.keyId,
      NUMEROPAY_KEY_SECRET: numeropay.keySecret,
      NUMEROPAY_MERCHANT_ID: numeropay.merchantId,
      NUMEROPAY_BUSINESS_NAME: numeropay.businessName,
    }),
  );
  try {
    return await measureBatches(gateway.url, simulators, log);
  } finally {
    await gateway.stop();
  }
}

async function measureBatches(
  url: string,
  simulators: Simulators,
  log: (line: string) => void,
): Promise<BatchQueryResult[]> {
  const token = await clientToken('bench-batching');
  for (let start = 0; start < 100; start += 10) {
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => createPayment(url, token, `batch-${start + index}`)),
    );
  }
  const listed = await graphql<Listed>(url, token, LIST(100, []));
  const repeated = listed.transactions.edges.slice(0, 10).map((edge) => edge.node.id);
  const queries = [
    { name: '100 listed', first: 100, aliases: [] as string[] },
    { name: '90 listed + 10 of them again by id', first: 90, aliases: repeated },
  ];
  const results: BatchQueryResult[] = [];
  for (const query of queries) {
    const times: number[] = [];
    let counts = await simulators.counts();
    for (let run = 0; run < 5; run += 1) {
      await simulators.counts();
      const started = performance.now();
      await graphql<Listed>(url, token, LIST(query.first, query.aliases));
      times.push(performance.now() - started);
      counts = await simulators.counts();
    }
    const fetches = Object.values(counts.numeropayReadsById);
    const result: BatchQueryResult = {
      name: query.name,
      statusFields: query.first + query.aliases.length,
      distinctIds: query.first,
      upstreamCalls: counts.byRoute['numeropay GET /transaction/:id'] ?? 0,
      maxFetchesOfOneId: Math.max(0, ...fetches),
      latencyMs: median(times),
    };
    log(`batching ${query.name}: ${result.upstreamCalls} upstream calls, ${result.latencyMs.toFixed(1)} ms`);
    results.push(result);
  }
  return results;
}
