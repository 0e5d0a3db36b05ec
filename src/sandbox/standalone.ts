import 'reflect-metadata';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import { sandboxProviderEnv } from './sandbox-env.js';
import { STANDALONE_PORTS, startSandbox } from './start-sandbox.js';

/**
 * `npm run sandbox`: every simulator on its fixed loopback port (SANDBOX_PORTS=ephemeral for free ports),
 * for trying clients by hand or pointing live-mode gateways at them. The variables a gateway needs are
 * written to SANDBOX_ENV_FILE (default ./data/sandbox.env, mode 0600), never printed. SANDBOX_GATEWAY_ORIGIN
 * tells the NCHL simulator where to send its notifications.
 */
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const ephemeral = process.env.SANDBOX_PORTS === 'ephemeral';
const sandbox = await startSandbox({ logger, ports: ephemeral ? {} : STANDALONE_PORTS });
if (process.env.SANDBOX_GATEWAY_ORIGIN) sandbox.connectGateway(process.env.SANDBOX_GATEWAY_ORIGIN);

const envFile = process.env.SANDBOX_ENV_FILE ?? './data/sandbox.env';
const env = sandboxProviderEnv(sandbox.providers);
mkdirSync(dirname(envFile), { recursive: true });
writeFileSync(envFile, `${JSON.stringify(env, null, 2)}\n`, { mode: 0o600 });
chmodSync(envFile, 0o600);

console.log('PayGraph provider simulators:');
for (const [name, simulator] of Object.entries(sandbox.simulators)) {
  console.log(`  ${name.padEnd(10)} ${simulator.baseUrl}`);
}
console.log(`\nThe variables of a live-mode gateway for these simulators (sandbox credentials): ${envFile}`);
console.log('SANDBOX_READY');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void sandbox.stop().then(() => process.exit(0)));
}
