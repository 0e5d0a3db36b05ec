/**
 * `npm run bench`: simulators, forwarders and gateways as child processes on loopback, autocannon here,
 * every scenario against its baselines in the same run; writes bench/RESULTS.md. BENCH_QUICK=1 for a
 * short pass while developing (its tables go to the temporary directory instead).
 */
import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { readPlan } from './lib/plan.js';
import { startSimulators, stopAll } from './lib/processes.js';
import { renderResults } from './report.js';
import { runBatching } from './scenarios/batching.js';
import { runLatency } from './scenarios/latency.js';
import { runSessionCheck } from './scenarios/session-check.js';
import { runStartup } from './scenarios/startup.js';
import { runTokenStorm } from './scenarios/token-storm.js';
import { renderTracingCost, runTracingCost } from './scenarios/tracing.js';

const started = Date.now();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main(): Promise<void> {
  if (!existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url))))
    throw new Error('dist/main.js is missing: run `npm run build` (npm run bench does)');
  const plan = readPlan(process.env);
  const loadBefore = loadavg();
  const simulators = await startSimulators();
  log('simulators up');
  const latency = await runLatency(simulators, plan, log);
  const batching = await runBatching(latency.gateways.B2w!, simulators, log);
  await Promise.all(Object.values(latency.gateways).map((gateway) => gateway.stop()));
  const storm = await runTokenStorm(simulators, plan, log);
  await simulators.stop();
  const startup = await runStartup(plan, log);
  await runSessionCheck(plan, log);
  const tracing = renderTracingCost(await runTracingCost(plan, log));
  const markdown = renderResults({
    plan,
    latency,
    batching,
    storm,
    startup,
    loadBefore,
    loadAfter: loadavg(),
    durationSeconds: (Date.now() - started) / 1000,
  });
  // A quick pass proves the harness, not the gateway: its tables stay out of the repository.
  const file = plan.quick
    ? join(tmpdir(), 'paygraph-RESULTS.quick.md')
    : fileURLToPath(new URL('RESULTS.md', import.meta.url));
  // Formatted as `npm run lint` checks it.
  writeFileSync(
    file,
    await format(`${markdown}\n${tracing}`, { parser: 'markdown', printWidth: 110, proseWrap: 'preserve' }),
  );
  log(`wrote ${file}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stopAll().then(() => process.exit(130)));

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
