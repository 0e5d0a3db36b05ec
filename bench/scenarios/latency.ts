import { NumeroPayTokenMinter } from '../../src/providers/numeropay/numeropay.auth.js';
import { clientToken, gatewayEnv } from '../lib/environment.js';
import { createPayment, graphqlRequest, TRANSACTION_STATUS } from '../lib/graphql.js';
import { fixedRate, saturate, type LoadResult, type Target } from '../lib/load.js';
import type { Plan } from '../lib/plan.js';
import {
  peakRssDuring,
  rssMb,
  startForwarder,
  startGatewayProcess,
  type GatewayProcess,
  type Simulators,
} from '../lib/processes.js';
import { median } from '../lib/stats.js';

/** One way of reading the same NumeroPay transaction. */
export interface TargetSpec {
  key: string;
  label: string;
}

export const TARGETS: readonly TargetSpec[] = [
  { key: 'B0', label: 'B0 direct to the simulator' },
  { key: 'B1', label: 'B1 Node forwarder, got' },
  { key: 'B1u', label: 'B1 Node forwarder, undici' },
  { key: 'B2', label: 'B2 PayGraph, got, LOG_LEVEL=info (default)' },
  { key: 'B2w', label: 'B2 PayGraph, got, LOG_LEVEL=warn' },
  { key: 'B2u', label: 'B2 PayGraph, undici, LOG_LEVEL=warn' },
];

const GATEWAYS: Record<string, Record<string, string>> = {
  B2: { LOG_LEVEL: 'info', PROVIDER_HTTP_CLIENT: 'got' },
  B2w: { LOG_LEVEL: 'warn', PROVIDER_HTTP_CLIENT: 'got' },
  B2u: { LOG_LEVEL: 'warn', PROVIDER_HTTP_CLIENT: 'undici' },
};

export interface TargetResult {
  spec: TargetSpec;
  fixed: LoadResult[];
  saturation: LoadResult[];
  /** Gateways only. */
  memory?: { idleAfterStartMb: number; idleAfterWarmupMb: number; peakUnderLoadMb: number };
  /** Gateways only: live mode, simulators in their own process. */
  startup?: { wallMs: number; cpuMs: number };
}

export interface LatencyResults {
  targets: TargetResult[];
  /** Which HTTP library the simulator saw per target (User-Agent), to prove the switch took effect. */
  agents: Record<string, string[]>;
  /** The gateway of B2w, kept for the batching scenario. */
  gateways: Record<string, GatewayProcess>;
}

/**
 * Scenarios 1, 4 (memory) and 5: the same `GET /transaction/{id}` direct, forwarded and through
 * GraphQL, rounds interleaved (B0, B1, …, B0, B1, …) so that drift on a shared machine hits all alike.
 */
export async function runLatency(
  simulators: Simulators,
  plan: Plan,
  log: (line: string) => void,
): Promise<LatencyResults> {
  const gateways: Record<string, GatewayProcess> = {};
  const idleAfterStart: Record<string, number> = {};
  for (const [key, overrides] of Object.entries(GATEWAYS)) {
    gateways[key] = await startGatewayProcess(gatewayEnv(simulators, overrides));
    idleAfterStart[key] = rssMb(gateways[key].pid);
  }
  const forwarders = {
    B1: await startForwarder(simulators.numeropay, 'got'),
    B1u: await startForwarder(simulators.numeropay, 'undici'),
  };
  try {
    const token = await clientToken('bench-latency');
    const targets: Record<string, Target> = {};
    let reference = '';
    for (const [key, gateway] of Object.entries(gateways)) {
      const payment = await createPayment(gateway.url, token, `latency-${key}`);
      reference = payment.reference;
      targets[key] = {
        name: key,
        ...graphqlRequest(gateway.url, token, TRANSACTION_STATUS, { id: payment.id }),
      };
    }
    const minted = await new NumeroPayTokenMinter(simulators.numeropay).acquire();
    targets.B0 = {
      name: 'B0',
      url: `${simulators.numeropay.baseUrl}/transaction/${reference}`,
      method: 'GET',
      headers: { authorization: `Bearer ${minted.credential.token}` },
    };
    targets.B1 = { name: 'B1', url: `${forwarders.B1.url}/transaction/${reference}`, method: 'GET' };
    targets.B1u = { name: 'B1u', url: `${forwarders.B1u.url}/transaction/${reference}`, method: 'GET' };

    const agents: Record<string, string[]> = {};
    const idleAfterWarmup: Record<string, number> = {};
    for (const spec of TARGETS) {
      // Requests the previous target had accepted finish after its run: let them land before counting.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await simulators.counts();
      const warmup = await saturate(targets[spec.key]!, plan.saturationConnections, plan.warmupSeconds);
      if (warmup.failed > 0)
        throw new Error(`${spec.key}: ${warmup.failed} requests failed while warming up`);
      agents[spec.key] = (await simulators.counts()).userAgents;
      log(`warmed up ${spec.key}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const key of Object.keys(gateways)) idleAfterWarmup[key] = rssMb(gateways[key]!.pid);

    const results = new Map<string, TargetResult>(
      TARGETS.map((spec) => [spec.key, { spec, fixed: [], saturation: [] }]),
    );
    const peaks: Record<string, number> = {};
    for (let round = 1; round <= plan.rounds; round += 1) {
      for (const spec of TARGETS) {
        const result = await fixedRate(targets[spec.key]!, plan.fixedRate, plan.seconds);
        results.get(spec.key)!.fixed.push(result);
        log(`round ${round} fixed ${spec.key}: p50 ${result.p50.toFixed(2)} p99 ${result.p99.toFixed(2)} ms`);
      }
      for (const spec of TARGETS) {
        const gateway = gateways[spec.key];
        const run = () => saturate(targets[spec.key]!, plan.saturationConnections, plan.seconds);
        const [result, peak] = gateway ? await peakRssDuring([gateway.pid], run) : [await run(), Number.NaN];
        if (gateway) peaks[spec.key] = Math.max(peaks[spec.key] ?? 0, peak);
        results.get(spec.key)!.saturation.push(result);
        log(`round ${round} saturation ${spec.key}: ${result.rps.toFixed(0)} req/s, ${result.failed} failed`);
        await simulators.counts(); // keeps the simulators' request logs small
      }
    }
    for (const key of Object.keys(gateways)) {
      results.get(key)!.memory = {
        idleAfterStartMb: idleAfterStart[key]!,
        idleAfterWarmupMb: idleAfterWarmup[key]!,
        peakUnderLoadMb: peaks[key]!,
      };
      results.get(key)!.startup = {
        wallMs: gateways[key]!.startToReadyMs,
        cpuMs: gateways[key]!.cpuToReadyMs,
      };
    }
    return { targets: [...results.values()], agents, gateways };
  } finally {
    await Promise.all(Object.values(forwarders).map((forwarder) => forwarder.stop()));
  }
}

export const medianOf = (results: LoadResult[], pick: (result: LoadResult) => number): number =>
  median(results.map(pick));
