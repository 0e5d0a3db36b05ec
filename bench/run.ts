/**
 * `npm run bench`: the upstream stub, the peers, the gateways and the simulators as child processes on
 * loopback, autocannon here, every scenario against its baselines in the same run; writes
 * bench/RESULTS.md. BENCH_QUICK=1 for a short pass while developing (its tables go to the temporary
 * directory instead); BENCH_ONLY=reads,writes,… runs only those scenarios (a partial pass, also not
 * written to the repository); BENCH_COMPARE="label=/path/to/other/checkout,…" adds other builds of
 * PayGraph to the read rounds, to measure a lever before and after in one run.
 */
import 'reflect-metadata';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { ledgerDirectory } from './lib/environment.js';
import { readPlan } from './lib/plan.js';
import { startSimulators, startUpstream, stopAll } from './lib/processes.js';
import { renderResults, type RunResults } from './report.js';
import { runBatching } from './scenarios/batching.js';
import { runEventLoopProbe } from './scenarios/event-loop-probe.js';
import { runProfile } from './scenarios/profile.js';
import { runReads } from './scenarios/reads.js';
import { runSessionCheck } from './scenarios/session-check.js';
import { runStartup } from './scenarios/startup.js';
import { runTokenStorm } from './scenarios/token-storm.js';
import { runWrites } from './scenarios/writes.js';
import { renderTracingCost, runTracingCost } from './scenarios/tracing.js';

const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const SCENARIOS = [
  'reads',
  'profile',
  'writes',
  'probe',
  'batching',
  'storm',
  'startup',
  'session',
  'tracing',
] as const;

function readCompare(raw: string | undefined): { label: string; root: string }[] {
  return (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [label, root] = entry.split('=');
      if (!label || !root || !existsSync(join(root, 'dist/main.js')))
        throw new Error(`BENCH_COMPARE: "${entry}" must be label=<directory with dist/main.js>`);
      return { label, root };
    });
}

async function main(): Promise<void> {
  if (!existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url))))
    throw new Error('dist/main.js is missing: run `npm run build` (npm run bench does)');
  const plan = readPlan(process.env);
  const only = new Set(process.env.BENCH_ONLY?.split(',').map((name) => name.trim()) ?? SCENARIOS);
  const compare = readCompare(process.env.BENCH_COMPARE);
  const loadBefore = loadavg();
  const results: Partial<RunResults> = { plan, loadBefore };

  const upstream = await startUpstream();
  log(`upstream stub on ${upstream.url}`);
  if (only.has('reads')) {
    const reads = await runReads(upstream, plan, compare, log);
    results.reads = reads.results;
    await reads.paygraph.stop();
  }
  if (only.has('profile')) results.profile = await runProfile(upstream, plan, log);
  if (only.has('writes')) results.writes = await runWrites(upstream, plan, log);
  if (only.has('probe')) results.probe = await runEventLoopProbe(upstream, plan, log);
  await upstream.stop();
  if (only.has('batching') || only.has('storm')) {
    const simulators = await startSimulators();
    log('simulators up');
    if (only.has('batching')) results.batching = await runBatching(simulators, log);
    if (only.has('storm')) results.storm = await runTokenStorm(simulators, plan, log);
    await simulators.stop();
  }
  if (only.has('startup')) results.startup = await runStartup(plan, log);
  if (only.has('session')) await runSessionCheck(plan, log);
  const tracing = only.has('tracing') ? renderTracingCost(await runTracingCost(plan, log)) : '';
  results.loadAfter = loadavg();
  results.durationSeconds = (Date.now() - started) / 1000;

  const partial = SCENARIOS.some((name) => !only.has(name));
  const markdown = `${renderResults(results, { partial })}\n${tracing}`;
  // A quick or partial pass proves the harness, not the gateway: its tables stay out of the repository.
  const file =
    plan.quick || partial
      ? join(tmpdir(), 'paygraph-RESULTS.partial.md')
      : fileURLToPath(new URL('RESULTS.md', import.meta.url));
  // Formatted as `npm run lint` checks it.
  writeFileSync(file, await format(markdown, { parser: 'markdown', printWidth: 110, proseWrap: 'preserve' }));
  writeFileSync(join(tmpdir(), 'paygraph-bench-results.json'), JSON.stringify(results, null, 2));
  log(`wrote ${file}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stopAll().then(() => process.exit(130)));

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(() => stopAll().then(() => rmSync(ledgerDirectory, { recursive: true, force: true })));
