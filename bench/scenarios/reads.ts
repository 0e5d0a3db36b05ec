import { clientToken, gatewayEnv, numeroPayAt } from '../lib/environment.js';
import { createPayment, graphqlRequest } from '../lib/graphql.js';
import { saturate, type Target } from '../lib/load.js';
import { fixedRate, measuredSaturation, withCpu, type CpuRun, type MeasuredRun } from '../lib/measure.js';
import type { Plan } from '../lib/plan.js';
import {
  rssMb,
  startGatewayProcess,
  startPeer,
  type GatewayProcess,
  type PeerProcess,
  type Upstream,
} from '../lib/processes.js';
import { median } from '../lib/stats.js';

/** One way of reading the same NumeroPay transaction. */
export interface ReadTarget {
  key: string;
  label: string;
}

/** The peers every figure is compared with. */
export const FORWARDER = 'forwarder';
export const APOLLO = 'apollo';
export const PAYGRAPH = 'paygraph';

const PEERS: readonly ReadTarget[] = [
  { key: 'upstream', label: 'upstream called directly' },
  { key: FORWARDER, label: 'bare Node forwarder (node:http + undici Pool)' },
  { key: 'mercurius', label: 'mercurius + graphql-jit + undici' },
  { key: APOLLO, label: 'Apollo Server 5 + Fastify + @apollo/datasource-rest' },
  { key: PAYGRAPH, label: '**PayGraph** (LOG_LEVEL=info, the default)' },
];

export interface ReadResult {
  target: ReadTarget;
  /** At the fixed rate, with the CPU each request cost the target's process at that rate. */
  fixed: CpuRun[];
  saturation: MeasuredRun[];
  /** Gateways only: live mode, time from spawn until /readyz answered. */
  startup?: { wallMs: number; cpuMs: number };
  idleRssMb?: number;
}

export interface ReadResults {
  results: ReadResult[];
  /** The PayGraph gateway, kept for the scenarios that follow. */
  paygraph: GatewayProcess;
  paygraphTarget: Target;
}

export const TRANSACTION_QUERY = `query TransactionStatus($id: ID!) { transaction(id: $id) { id status } }`;

/**
 * Scenario 1: the same `GET /transaction/{id}` on the stub, called directly, through the bare forwarder,
 * through the GraphQL peers and through PayGraph, rounds interleaved (each target once per round, then
 * again) so that drift on a shared machine hits all alike. `compare` adds other PayGraph builds
 * (BENCH_COMPARE) to the same rounds: a lever measured before and after in one run.
 */
export async function runReads(
  upstream: Upstream,
  plan: Plan,
  compare: { label: string; root: string }[],
  log: (line: string) => void,
): Promise<ReadResults> {
  const peers: Record<string, PeerProcess> = {
    [FORWARDER]: await startPeer('forwarder', upstream.url),
    mercurius: await startPeer('mercurius-peer', upstream.url),
    [APOLLO]: await startPeer('apollo-peer', upstream.url),
  };
  const gateways: Record<string, GatewayProcess> = {};
  const targetsToRun: ReadTarget[] = [...PEERS];
  gateways[PAYGRAPH] = await startGatewayProcess(gatewayEnv(numeroPayAt(upstream.url)));
  for (const [index, variant] of compare.entries()) {
    const key = `compare${index + 1}`;
    gateways[key] = await startGatewayProcess(gatewayEnv(numeroPayAt(upstream.url)), { root: variant.root });
    targetsToRun.push({ key, label: `PayGraph, ${variant.label}` });
  }
  try {
    const token = await clientToken('bench-reads');
    const targets: Record<string, Target> = {};
    const pids: Record<string, number> = { upstream: upstream.pid };
    let reference = '';
    for (const [key, gateway] of Object.entries(gateways)) {
      const payment = await createPayment(gateway.url, token, `reads-${key}`);
      reference = payment.reference;
      targets[key] = {
        name: key,
        ...graphqlRequest(gateway.url, token, TRANSACTION_QUERY, { id: payment.id }),
      };
      pids[key] = gateway.pid;
    }
    targets.upstream = {
      name: 'upstream',
      url: `${upstream.url}/transaction/${reference}`,
      method: 'GET',
      headers: { authorization: 'Bearer bench-direct' },
    };
    targets[FORWARDER] = {
      name: FORWARDER,
      url: `${peers[FORWARDER]!.url}/transaction/${reference}`,
      method: 'GET',
    };
    for (const key of ['mercurius', APOLLO]) {
      targets[key] = {
        name: key,
        url: `${peers[key]!.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: TRANSACTION_QUERY, variables: { id: reference } }),
      };
      pids[key] = peers[key]!.pid;
    }
    pids[FORWARDER] = peers[FORWARDER]!.pid;

    for (const target of targetsToRun) {
      await expectPendingStatus(targets[target.key]!);
      const warmup = await saturate(targets[target.key]!, plan.saturationConnections, plan.warmupSeconds);
      if (warmup.failed > 0) throw new Error(`${target.key}: ${warmup.failed} requests failed warming up`);
      log(`warmed up ${target.key} (${warmup.rps.toFixed(0)} req/s)`);
    }
    const idle: Record<string, number> = {};
    for (const [key, gateway] of Object.entries(gateways)) idle[key] = rssMb(gateway.pid);

    const results = new Map<string, ReadResult>(
      targetsToRun.map((target) => [target.key, { target, fixed: [], saturation: [] }]),
    );
    for (let round = 1; round <= plan.rounds; round += 1) {
      for (const target of targetsToRun) {
        const result = await withCpu(pids[target.key]!, () =>
          fixedRate(targets[target.key]!, plan.fixedRate, plan.seconds),
        );
        results.get(target.key)!.fixed.push(result);
        log(
          `round ${round} fixed ${target.key}: p50 ${result.p50.toFixed(2)} p99 ${result.p99.toFixed(2)} ms, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/req`,
        );
      }
      for (const target of targetsToRun) {
        const result = await measuredSaturation(
          pids[target.key]!,
          targets[target.key]!,
          plan.saturationConnections,
          plan.seconds,
        );
        results.get(target.key)!.saturation.push(result);
        log(
          `round ${round} saturation ${target.key}: ${result.rps.toFixed(0)} req/s, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/req, ${result.failed} failed`,
        );
      }
    }
    for (const [key, gateway] of Object.entries(gateways)) {
      const result = results.get(key)!;
      result.startup = { wallMs: gateway.startToReadyMs, cpuMs: gateway.cpuToReadyMs };
      result.idleRssMb = idle[key];
    }
    return {
      results: [...results.values()],
      paygraph: gateways[PAYGRAPH]!,
      paygraphTarget: targets[PAYGRAPH]!,
    };
  } finally {
    await Promise.all(Object.values(peers).map((peer) => peer.stop()));
    await Promise.all(
      Object.entries(gateways)
        .filter(([key]) => key !== PAYGRAPH)
        .map(([, gateway]) => gateway.stop()),
    );
  }
}

/** Every target must answer the transaction, still PENDING at the upstream, before it is measured. */
async function expectPendingStatus(target: Target): Promise<void> {
  const response = await fetch(target.url, {
    method: target.method,
    headers: target.headers,
    body: target.body,
  });
  const text = await response.text();
  if (response.status !== 200 || !/"(status|state)":\s*("PENDING"|0)/.test(text))
    throw new Error(`${target.name} answered ${response.status}: ${text.slice(0, 300)}`);
}

/** The median over rounds of one figure. */
export const medianOf = <T>(runs: T[], pick: (run: T) => number): number => median(runs.map(pick));
