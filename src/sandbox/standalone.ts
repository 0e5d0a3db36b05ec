import 'reflect-metadata';
import { createLogger } from '../server/logger.js';
import { STANDALONE_PORTS, startSandbox } from './start-sandbox.js';

/** `npm run sandbox`: every simulator on its fixed loopback port, for trying clients against them by hand. */
const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
const sandbox = await startSandbox({ logger, ports: STANDALONE_PORTS });
console.log('PayGraph provider simulators:');
for (const [name, simulator] of Object.entries(sandbox.simulators)) {
  console.log(`  ${name.padEnd(10)} ${simulator.baseUrl}`);
}
console.log('\nCredentials the gateway would use (sandbox only):');
console.log(JSON.stringify(sandbox.providers, null, 2));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void sandbox.stop().then(() => process.exit(0)));
}
