import type { Plan } from '../lib/plan.js';
import { rssMb, startGatewayProcess } from '../lib/processes.js';
import { median } from '../lib/stats.js';

export interface StartupResults {
  startToReadyMs: number[];
  cpuToReadyMs: number[];
  idleRssMb: number;
}

/** Scenario 4: `node dist/main.js` in sandbox mode (simulators in-process) until /readyz answers 200. */
export async function runStartup(plan: Plan, log: (line: string) => void): Promise<StartupResults> {
  const times: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < plan.startups; run += 1) {
    const gateway = await startGatewayProcess({
      PAYGRAPH_MODE: 'sandbox',
      SQLITE_PATH: ':memory:',
      LOG_LEVEL: 'warn',
    });
    times.push(gateway.startToReadyMs);
    cpu.push(gateway.cpuToReadyMs);
    await new Promise((resolve) => setTimeout(resolve, 500));
    rss.push(rssMb(gateway.pid));
    await gateway.stop();
    log(
      `start-up ${run + 1}: ready after ${gateway.startToReadyMs.toFixed(0)} ms, ${gateway.cpuToReadyMs} ms CPU`,
    );
  }
  return { startToReadyMs: times, cpuToReadyMs: cpu, idleRssMb: median(rss) };
}
