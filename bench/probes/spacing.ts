/**
 * `node --import @swc-node/register/esm-register bench/probes/spacing.ts`: the same PayGraph read timed one
 * in flight back to back (a closed loop on one connection) and spaced 10 ms apart (scenario 1's 100 req/s),
 * with the CPU the gateway's main thread spent per answered read, in 3 interleaved rounds of three placements:
 * - `shared`: the scheduler places every process, as in `npm run bench`;
 * - `pinned`: every thread of the gateway on CPU 1, this probe (the load) and the upstream on CPU 0;
 * - `spinning`: shared, with a SCHED_IDLE process spinning on each CPU, so that no vCPU ever halts while the
 *   gateway sleeps (the spinner yields to any other runnable thread at once).
 * If the cost of a spaced read came from the other processes running on the gateway's core, or from the vCPU
 * halting between requests, `pinned` or `spinning` would bring it down to the back-to-back cost.
 */
import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { clientToken, gatewayEnv, ledgerDirectory, numeroPayAt } from '../lib/environment.js';
import { createPayment, graphqlRequest } from '../lib/graphql.js';
import { fixedRate, saturate, type LoadResult, type Target } from '../lib/load.js';
import { startGatewayProcess, startUpstream, stopAll } from '../lib/processes.js';
import { TRANSACTION_QUERY } from '../scenarios/reads.js';

const ROUNDS = 3;
const SECONDS = 10;
/** Linux counts utime and stime in clock ticks of 10 ms. */
const MICROSECONDS_PER_TICK = 10_000;
const PLACEMENTS = ['shared', 'pinned', 'spinning'] as const;
type Placement = (typeof PLACEMENTS)[number];

function mainThreadTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function pinAllThreads(pid: number, cpus: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

function startSpinners(): ChildProcess[] {
  return ['0', '1'].map((cpu) =>
    spawn('taskset', ['-c', cpu, 'chrt', '--idle', '0', process.execPath, '-e', 'for (;;) {}'], {
      stdio: 'ignore',
    }),
  );
}

interface Pids {
  gateway: number;
  upstream: number;
}

async function placed<T>(placement: Placement, pids: Pids, run: () => Promise<T>): Promise<T> {
  const spinners = placement === 'spinning' ? startSpinners() : [];
  if (placement === 'pinned') {
    pinAllThreads(pids.gateway, '1');
    pinAllThreads(pids.upstream, '0');
    pinAllThreads(process.pid, '0');
  }
  try {
    return await run();
  } finally {
    for (const spinner of spinners) spinner.kill('SIGKILL');
    for (const pid of [pids.gateway, pids.upstream, process.pid]) pinAllThreads(pid, '0,1');
  }
}

async function measured(gatewayPid: number, run: () => Promise<LoadResult>): Promise<string> {
  const before = mainThreadTicks(gatewayPid);
  const load = await run();
  const cpu = ((mainThreadTicks(gatewayPid) - before) * MICROSECONDS_PER_TICK) / load.ok;
  return (
    `p50 ${load.p50.toFixed(2)} / p99 ${load.p99.toFixed(2)} ms, ${load.rps.toFixed(0)} req/s, ` +
    `main thread ${cpu.toFixed(0)} µs/read`
  );
}

async function main(): Promise<void> {
  const upstream = await startUpstream();
  const token = await clientToken('bench-spacing');
  const gateway = await startGatewayProcess(gatewayEnv(numeroPayAt(upstream.url)), {});
  const pids = { gateway: gateway.child.pid ?? 0, upstream: upstream.pid };
  const payment = await createPayment(gateway.url, token, 'bench-spacing');
  const target: Target = {
    name: 'paygraph',
    ...graphqlRequest(gateway.url, token, TRANSACTION_QUERY, { id: payment.id }),
  };
  await saturate(target, 32, 5);
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const placement of PLACEMENTS) {
      const backToBack = await placed(placement, pids, () =>
        measured(pids.gateway, () => saturate(target, 1, SECONDS)),
      );
      const spaced = await placed(placement, pids, () =>
        measured(pids.gateway, () => fixedRate(target, 100, SECONDS)),
      );
      console.log(`round ${round}, ${placement}:\n  back to back: ${backToBack}\n  100 req/s:    ${spaced}`);
    }
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAll().then(() => rmSync(ledgerDirectory, { recursive: true, force: true })));
