import 'reflect-metadata';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pino from 'pino';
import { ensureSandboxAuthSecret } from '../config/sandbox-auth-secret.js';
import { ensureSandboxSessionSecrets } from '../config/sandbox-session-secrets.js';
import { sandboxProviderEnv, toDotenv } from './sandbox-env.js';
import { STANDALONE_PORTS, startSandbox } from './start-sandbox.js';

/**
 * `npm run sandbox`: every simulator on its fixed loopback port (SANDBOX_PORTS=ephemeral for free ports),
 * for trying clients by hand or pointing live-mode gateways at them. Everything such a gateway needs
 * (mode, the simulators' sandbox credentials, client-token secret, session and encryption keys) is
 * written as dotenv to SANDBOX_ENV_FILE (default ./data/sandbox.env, mode 0600), never printed:
 * `node --env-file=data/sandbox.env dist/main.js`. The secrets are the ones `npm start` keeps beside
 * its ledger in that directory, so `npm run token` signs tokens both accept. SANDBOX_GATEWAY_ORIGIN
 * tells the NCHL simulator where to send its notifications.
 */
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const ephemeral = process.env.SANDBOX_PORTS === 'ephemeral';
const sandbox = await startSandbox({ logger, ports: ephemeral ? {} : STANDALONE_PORTS });
if (process.env.SANDBOX_GATEWAY_ORIGIN) sandbox.connectGateway(process.env.SANDBOX_GATEWAY_ORIGIN);

const envFile = process.env.SANDBOX_ENV_FILE ?? './data/sandbox.env';
const ledgerBeside = { kind: 'sqlite', path: join(dirname(envFile), 'paygraph.sqlite') } as const;
const sessionSecrets = ensureSandboxSessionSecrets(ledgerBeside);
const env = {
  PAYGRAPH_MODE: 'live',
  AUTH_JWT_SECRET: ensureSandboxAuthSecret(ledgerBeside),
  SESSION_SIGNING_KEY: sessionSecrets.signingKeyPem,
  DATA_ENCRYPTION_KEY: sessionSecrets.dataEncryptionKey,
  ...(await sandboxProviderEnv(sandbox.providers)),
};
mkdirSync(dirname(envFile), { recursive: true });
writeFileSync(envFile, toDotenv(env), { mode: 0o600 });
chmodSync(envFile, 0o600);

console.log('PayGraph provider simulators:');
for (const [name, simulator] of Object.entries(sandbox.simulators)) {
  console.log(`  ${name.padEnd(10)} ${simulator.baseUrl}`);
}
console.log(`\nThe environment of a live-mode gateway for these simulators (sandbox secrets): ${envFile}`);
console.log(`  node --env-file=${envFile} dist/main.js`);
console.log('SANDBOX_READY');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void sandbox.stop().then(() => process.exit(0)));
}
