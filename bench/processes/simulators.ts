/**
 * Child process: the NumeroPay and Nupeye simulators on loopback, driven over IPC by bench/run.ts so
 * that their CPU is not the load generator's. Sends {type: 'ready', numeropay, nupeye} once listening.
 */
import 'reflect-metadata';
import { startNumeroPaySandbox } from '../../src/sandbox/numeropay/index.js';
import { NUPEYE_SANDBOX_CUSTOMER, startNupeyeSandbox } from '../../src/sandbox/nupeye/index.js';
import type { SimulatorCommand, SimulatorCounts } from '../lib/simulator-protocol.js';

const numeropay = await startNumeroPaySandbox();
const nupeye = await startNupeyeSandbox();

/** Requests received since the last call, by route; NumeroPay reads also by transaction id. */
function takeCounts(): SimulatorCounts {
  const byRoute: Record<string, number> = {};
  const numeropayReadsById: Record<string, number> = {};
  const userAgents = new Set<string>();
  for (const [name, simulator] of [
    ['numeropay', numeropay.simulator],
    ['nupeye', nupeye.simulator],
  ] as const) {
    for (const entry of simulator.requests.entries) {
      const route = entry.path.replace(/^\/transaction\/[^/]+$/, '/transaction/:id');
      const key = `${name} ${entry.method} ${route}`;
      byRoute[key] = (byRoute[key] ?? 0) + 1;
      if (name === 'numeropay' && route === '/transaction/:id') {
        const id = entry.path.slice('/transaction/'.length);
        numeropayReadsById[id] = (numeropayReadsById[id] ?? 0) + 1;
      }
      const agent = entry.headers['user-agent'];
      userAgents.add(typeof agent === 'string' ? agent.split(' ')[0]! : 'none');
    }
    // Only the log: NumeroPay's reset() would also drop the transactions the benchmark reads.
    simulator.requests.clear();
  }
  return { byRoute, numeropayReadsById, userAgents: [...userAgents] };
}

process.on('message', (command: SimulatorCommand) => {
  switch (command.type) {
    case 'counts':
      process.send!({ type: 'counts', id: command.id, counts: takeCounts() });
      return;
    case 'expire-nupeye-tokens':
      nupeye.simulator.tokens.expireTokens();
      nupeye.simulator.accounts.clearHistory();
      process.send!({ type: 'done', id: command.id });
      return;
  }
});
process.on('disconnect', () => process.exit(0));

process.send!({
  type: 'ready',
  numeropay: numeropay.config,
  nupeye: nupeye.config,
  nupeyeCustomer: NUPEYE_SANDBOX_CUSTOMER,
});
