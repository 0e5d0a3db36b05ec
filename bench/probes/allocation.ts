/**
 * `node --import @swc-node/register/esm-register bench/probes/allocation.ts`: how many bytes one read
 * allocates in PayGraph, in the hand-written Apollo server and in mercurius, and where. Each target runs
 * with bench/processes/allocation-sampler.mjs preloaded, is warmed up, then answers the same
 * `transaction(id) { id status }` REQUESTS times (4 in flight) while V8 samples every allocation, freed
 * or not. Prints bytes per request by package and PayGraph's top allocating functions. Allocation drives
 * how often the young generation is scavenged, and the scavenges are among the slowest answers at
 * 100 req/s; bytes are counted, not timed, so a busy host does not move them.
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { clientToken, gatewayEnv, ledgerDirectory, numeroPayAt } from '../lib/environment.js';
import { createPayment, graphqlRequest } from '../lib/graphql.js';
import { allocationsOf, type Allocations, type HeapProfile } from '../lib/heap-profile.js';
import type { Target } from '../lib/load.js';
import { askProbe, startGatewayProcess, startPeer, startUpstream, stopAll } from '../lib/processes.js';
import { TRANSACTION_QUERY } from '../scenarios/reads.js';

const REQUESTS = Number(process.env.ALLOCATION_REQUESTS ?? 4000);
const WARMUP = 2000;
const IN_FLIGHT = 4;
const SAMPLER = fileURLToPath(new URL('../processes/allocation-sampler.mjs', import.meta.url));

async function send(target: Target, count: number): Promise<void> {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections: IN_FLIGHT });
  let left = count;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      const response = await pool.request({
        path: url.pathname,
        method: target.method,
        headers: target.headers,
        body: target.body,
      });
      const text = await response.body.text();
      if (response.statusCode !== 200 || text.includes('"errors"'))
        throw new Error(`${target.name}: ${response.statusCode} ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  await pool.close();
}

async function profiled(
  target: Target,
  child: ChildProcess,
  stop: () => Promise<void>,
): Promise<Allocations> {
  await send(target, WARMUP);
  await askProbe(child, { type: 'start-sampling' }, 'sampling');
  await send(target, REQUESTS);
  const { profile } = await askProbe<{ profile: HeapProfile }>(
    child,
    { type: 'stop-sampling' },
    'allocations',
  );
  await stop();
  return allocationsOf(profile);
}

const kb = (bytes: number) => (bytes / REQUESTS / 1024).toFixed(1);

async function main(): Promise<void> {
  const upstream = await startUpstream();
  const results: Record<string, Allocations> = {};
  try {
    const token = await clientToken('bench-allocation');
    const gateway = await startGatewayProcess(gatewayEnv(numeroPayAt(upstream.url)), {
      nodeArgs: ['--import', SAMPLER],
      ipc: true,
    });
    const payment = await createPayment(gateway.url, token, 'allocation');
    results.paygraph = await profiled(
      { name: 'paygraph', ...graphqlRequest(gateway.url, token, TRANSACTION_QUERY, { id: payment.id }) },
      gateway.child,
      gateway.stop,
    );
    for (const script of ['apollo-peer', 'mercurius-peer']) {
      const peer = await startPeer(script, upstream.url, { nodeArgs: ['--import', SAMPLER] });
      const target: Target = {
        name: script,
        url: `${peer.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: TRANSACTION_QUERY, variables: { id: payment.reference } }),
      };
      results[script] = await profiled(target, peer.child, peer.stop);
    }
  } finally {
    await stopAll();
    rmSync(ledgerDirectory, { recursive: true, force: true });
  }
  console.log(`KB allocated per read, over ${REQUESTS} reads after ${WARMUP} to warm up:`);
  for (const [name, result] of Object.entries(results)) {
    console.log(`\n${name}: ${kb(result.totalBytes)} KB/request`);
    for (const share of result.byPackage.slice(0, 12))
      console.log(`  ${kb(share.bytes).padStart(7)}  ${share.name}`);
  }
  console.log('\nPayGraph, top functions:');
  for (const share of results.paygraph!.byFunction.slice(0, 40))
    console.log(`  ${kb(share.bytes).padStart(7)}  ${share.name}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
