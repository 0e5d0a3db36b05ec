/**
 * `node --import @swc-node/register/esm-register bench/probes/phases.ts`: where the time of one read goes
 * inside each target, back to back (one in flight, a closed loop) and spaced 10 ms apart (scenario 1's
 * 100 req/s), in 3 interleaved rounds of PayGraph, the hand-written Apollo server, mercurius and the bare
 * forwarder on the same upstream. `bench/processes/phase-timer.mjs`, preloaded into each, takes the moments
 * of every request from the diagnostics channels Node, Fastify and undici publish, so every target runs
 * unchanged. Each phase is reported as its median, spaced and back to back, and their ratio: a phase that
 * is the same work both ways and several times slower spaced is paying for the state the core lost while
 * the process slept; a phase that grows more than the others is doing something the spacing itself costs.
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clientToken, gatewayEnv, ledgerDirectory, numeroPayAt } from '../lib/environment.js';
import { createPayment, graphqlRequest } from '../lib/graphql.js';
import { fixedRate, saturate, type LoadResult, type Target } from '../lib/load.js';
import { askProbe, startGatewayProcess, startPeer, startUpstream, stopAll } from '../lib/processes.js';
import { median } from '../lib/stats.js';
import { TRANSACTION_QUERY } from '../scenarios/reads.js';

const ROUNDS = 3;
const SECONDS = 10;
const TIMER = fileURLToPath(new URL('../processes/phase-timer.mjs', import.meta.url));
/** The moments phase-timer.mjs takes, in the order a request passes them; a target may lack some. */
const MOMENTS = ['arrival', 'handler', 'created', 'sent', 'answered', 'received', 'handled', 'finished'];
const PHASES: Record<string, string> = {
  'arrival>handler': 'in: routing, hooks, body',
  'handler>created': 'before the upstream call',
  'arrival>created': 'before the upstream call',
  'created>sent': 'upstream request written',
  'sent>answered': 'upstream round trip',
  'answered>received': 'upstream body',
  'received>handled': 'after the upstream call',
  'handled>finished': 'out: reply written',
  'received>finished': 'after the call, reply written',
};
const MODES = ['back to back', 'spaced'] as const;
type Mode = (typeof MODES)[number];
type Moments = Record<string, number>;

interface Measured {
  name: string;
  target: Target;
  child: ChildProcess;
}

async function timed(measured: Measured, mode: Mode): Promise<{ load: LoadResult; rows: Moments[] }> {
  await askProbe(measured.child, { type: 'start-phases' }, 'phases-started');
  const load =
    mode === 'spaced'
      ? await fixedRate(measured.target, 100, SECONDS)
      : await saturate(measured.target, 1, SECONDS);
  const { rows } = await askProbe<{ rows: Moments[] }>(measured.child, { type: 'stop-phases' }, 'phases');
  return { load, rows };
}

/** Each phase's durations (µs) over the requests, keyed `from>to` between the moments a row has. */
function phasesOf(rows: Moments[]): Map<string, number[]> {
  const phases = new Map<string, number[]>();
  for (const row of rows) {
    const present = MOMENTS.filter((moment) => moment in row);
    for (let index = 1; index < present.length; index += 1) {
      const key = `${present[index - 1]}>${present[index]}`;
      const list = phases.get(key) ?? [];
      list.push(row[present[index]!]! - row[present[index - 1]!]!);
      phases.set(key, list);
    }
    const total = phases.get('total') ?? [];
    total.push(row.finished! - row.arrival!);
    phases.set('total', total);
  }
  return phases;
}

async function targets(upstreamUrl: string): Promise<Measured[]> {
  const token = await clientToken('bench-phases');
  const gateway = await startGatewayProcess(gatewayEnv(numeroPayAt(upstreamUrl)), {
    nodeArgs: ['--import', TIMER],
    ipc: true,
  });
  const payment = await createPayment(gateway.url, token, 'bench-phases');
  const measured: Measured[] = [
    {
      name: 'paygraph',
      target: {
        name: 'paygraph',
        ...graphqlRequest(gateway.url, token, TRANSACTION_QUERY, { id: payment.id }),
      },
      child: gateway.child,
    },
  ];
  for (const script of ['apollo-peer', 'mercurius-peer', 'forwarder']) {
    const peer = await startPeer(script, upstreamUrl, { nodeArgs: ['--import', TIMER] });
    const target: Target =
      script === 'forwarder'
        ? { name: script, url: `${peer.url}/transaction/${payment.reference}`, method: 'GET' }
        : {
            name: script,
            url: `${peer.url}/graphql`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: TRANSACTION_QUERY, variables: { id: payment.reference } }),
          };
    measured.push({ name: script, target, child: peer.child });
  }
  return measured;
}

function report(name: string, results: Record<Mode, { load: LoadResult; rows: Moments[] }[]>): void {
  const phases = Object.fromEntries(
    MODES.map((mode) => [mode, results[mode].map(({ rows }) => phasesOf(rows))]),
  ) as Record<Mode, Map<string, number[]>[]>;
  const p50 = (mode: Mode) => results[mode].map(({ load }) => load.p50.toFixed(2)).join(' / ');
  console.log(`\n${name}: client p50 back to back ${p50('back to back')} ms, spaced ${p50('spaced')} ms`);
  console.log('  phase                             back to back µs   spaced µs   × spaced');
  for (const key of phases.spaced[0]!.keys()) {
    const of = (mode: Mode) => median(phases[mode].map((round) => median(round.get(key) ?? [])));
    const label = key === 'total' ? 'total inside the process' : (PHASES[key] ?? key);
    const [warm, cold] = [of('back to back'), of('spaced')];
    console.log(
      `  ${label.padEnd(32)}  ${warm.toFixed(0).padStart(14)}  ${cold.toFixed(0).padStart(10)}  ${(cold / warm).toFixed(1).padStart(9)}`,
    );
  }
}

async function main(): Promise<void> {
  const upstream = await startUpstream();
  const measured = await targets(upstream.url);
  for (const { target } of measured) await saturate(target, 32, 3);
  const results = new Map(
    measured.map(({ name }) => [
      name,
      { 'back to back': [], spaced: [] } as Record<Mode, { load: LoadResult; rows: Moments[] }[]>,
    ]),
  );
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const target of measured)
      for (const mode of MODES) results.get(target.name)![mode].push(await timed(target, mode));
    console.log(`round ${round} done`);
  }
  console.log(
    `Median of ${ROUNDS} rounds' medians, one read in flight; the upstream's own time is in its round trip.`,
  );
  for (const [name, result] of results) report(name, result);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAll().then(() => rmSync(ledgerDirectory, { recursive: true, force: true })));
