/**
 * `VARIANTS='default=;young32=--min-semi-space-size=32' node --import @swc-node/register/esm-register
 * bench/probes/gc-at-rate.ts`: PayGraph's reads at a steady 100 req/s (as scenario 1 measures them) under
 * different V8 flags, interleaved in 3 rounds, each with the garbage collections the gateway ran meanwhile
 * (bench/processes/gc-counter.mjs): how many scavenges and full collections, and their pauses.
 * VARIANTS is `label=flags;…`; SECONDS_PER_RUN (20) is the length of each run.
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clientToken, gatewayEnv, ledgerDirectory, numeroPayAt } from '../lib/environment.js';
import { createPayment, graphqlRequest } from '../lib/graphql.js';
import { fixedRate, saturate } from '../lib/load.js';
import { askProbe, startGatewayProcess, startUpstream, stopAll } from '../lib/processes.js';
import { TRANSACTION_QUERY } from '../scenarios/reads.js';

const COUNTER = fileURLToPath(new URL('../processes/gc-counter.mjs', import.meta.url));
const ROUNDS = 3;
const seconds = Number(process.env.SECONDS_PER_RUN ?? 20);
const variants = (process.env.VARIANTS ?? 'default=').split(';').map((variant) => {
  const at = variant.indexOf('=');
  const flags = variant.slice(at + 1).trim();
  return { label: variant.slice(0, at), flags: flags ? flags.split(/\s+/) : [] };
});

/** The collections since the previous call. */
async function collectionsOf(gateway: ChildProcess): Promise<[string, number][]> {
  const answer = await askProbe<{ collections: [string, number][] }>(
    gateway,
    { type: 'collections' },
    'collections',
  );
  return answer.collections;
}

function summary(collections: [string, number][]): string {
  const byKind = new Map<string, number[]>();
  for (const [kind, ms] of collections) {
    const pauses = byKind.get(kind) ?? [];
    pauses.push(ms);
    byKind.set(kind, pauses);
  }
  return [...byKind]
    .map(([kind, pauses]) => {
      const total = pauses.reduce((sum, ms) => sum + ms, 0);
      return `${kind} ${pauses.length}× (${total.toFixed(1)} ms, longest ${Math.max(...pauses).toFixed(1)})`;
    })
    .join(', ');
}

async function main(): Promise<void> {
  const upstream = await startUpstream();
  const token = await clientToken('bench-gc');
  const runs = [];
  for (const variant of variants) {
    const gateway = await startGatewayProcess(gatewayEnv(numeroPayAt(upstream.url)), {
      nodeArgs: [...variant.flags, '--import', COUNTER],
      ipc: true,
    });
    const payment = await createPayment(gateway.url, token, `gc-${variant.label}`);
    const target = {
      name: variant.label,
      ...graphqlRequest(gateway.url, token, TRANSACTION_QUERY, { id: payment.id }),
    };
    await saturate(target, 32, 5);
    runs.push({ variant, gateway, target });
  }
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const { variant, gateway, target } of runs) {
      await collectionsOf(gateway.child);
      const load = await fixedRate(target, 100, seconds);
      const collections = await collectionsOf(gateway.child);
      console.log(
        `round ${round} ${variant.label}: p50 ${load.p50.toFixed(2)} p99 ${load.p99.toFixed(2)} ms over ${load.ok} reads; ${summary(collections)}`,
      );
    }
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAll().then(() => rmSync(ledgerDirectory, { recursive: true, force: true })));
