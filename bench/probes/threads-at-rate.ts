/**
 * `node --import @swc-node/register/esm-register bench/probes/threads-at-rate.ts`: PayGraph's reads at a
 * steady 100 req/s and then saturated (as scenario 1 runs them), in 2 rounds, with what each thread of the
 * gateway did per answered read, from `/proc/<pid>/task/*`: CPU, voluntary context switches (the thread
 * went to sleep: each one is a wake-up later), involuntary ones (the scheduler took its core away) and
 * minor page faults. NODE_FLAGS passes flags to the gateway's node.
 */
import 'reflect-metadata';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { clientToken, gatewayEnv, ledgerDirectory, numeroPayAt } from '../lib/environment.js';
import { createPayment, graphqlRequest } from '../lib/graphql.js';
import { fixedRate, saturate, type LoadResult } from '../lib/load.js';
import { startGatewayProcess, startUpstream, stopAll } from '../lib/processes.js';
import { TRANSACTION_QUERY } from '../scenarios/reads.js';

const ROUNDS = 2;
/** Linux counts utime and stime in clock ticks of 10 ms. */
const MICROSECONDS_PER_TICK = 10_000;

interface ThreadCounts {
  cpuTicks: number;
  voluntary: number;
  involuntary: number;
  minorFaults: number;
}

function threadsOf(pid: number): Map<number, ThreadCounts> {
  const threads = new Map<number, ThreadCounts>();
  for (const tid of readdirSync(`/proc/${pid}/task`).map(Number)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    const switches = (kind: string): number =>
      Number(new RegExp(`^${kind}_ctxt_switches:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    threads.set(tid, {
      minorFaults: Number(fields[7]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      voluntary: switches('voluntary'),
      involuntary: switches('nonvoluntary'),
    });
  }
  return threads;
}

function perRead(pid: number, before: Map<number, ThreadCounts>, load: LoadResult): string {
  const lines = [];
  const mainThread = pid;
  for (const [tid, after] of threadsOf(pid)) {
    const start = before.get(tid) ?? { cpuTicks: 0, voluntary: 0, involuntary: 0, minorFaults: 0 };
    const per = (key: keyof ThreadCounts): number => (after[key] - start[key]) / load.ok;
    if (per('cpuTicks') === 0 && per('voluntary') < 0.01) continue;
    lines.push(
      `  ${tid === mainThread ? 'main thread' : `thread ${tid}`}: ` +
        `${(per('cpuTicks') * MICROSECONDS_PER_TICK).toFixed(0)} µs CPU, ` +
        `${per('voluntary').toFixed(2)} voluntary and ${per('involuntary').toFixed(2)} involuntary switches, ` +
        `${per('minorFaults').toFixed(2)} minor faults`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const upstream = await startUpstream();
  const token = await clientToken('bench-threads');
  const gateway = await startGatewayProcess(gatewayEnv(numeroPayAt(upstream.url)), {
    nodeArgs: (process.env.NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
  });
  const pid = gateway.child.pid ?? 0;
  const payment = await createPayment(gateway.url, token, 'bench-threads');
  const target = {
    name: 'paygraph',
    ...graphqlRequest(gateway.url, token, TRANSACTION_QUERY, { id: payment.id }),
  };
  await saturate(target, 32, 5);
  for (let round = 1; round <= ROUNDS; round += 1) {
    let before = threadsOf(pid);
    const paced = await fixedRate(target, 100, 10);
    console.log(
      `round ${round}, 100 req/s: p50 ${paced.p50.toFixed(2)} ms over ${paced.ok} reads, per read:`,
    );
    console.log(perRead(pid, before, paced));
    before = threadsOf(pid);
    const saturated = await saturate(target, 32, 5);
    console.log(`round ${round}, saturated: ${saturated.rps.toFixed(0)} req/s, per read:`);
    console.log(perRead(pid, before, saturated));
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAll().then(() => rmSync(ledgerDirectory, { recursive: true, force: true })));
