import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { waitUntil } from '../../helpers/wait-until.js';

const root = new URL('../../../', import.meta.url).pathname;
const tsEntry = (file: string) => ['--import', '@swc-node/register/esm-register', file];

export interface RunningProcess {
  child: ChildProcess;
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `node <entry>` from the repository with `env`, keeping its output for failure messages. */
export function startProcess(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, tsEntry(entry), {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return {
    child,
    output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/**
 * Waits until `check` holds; a check that throws (a replica not listening yet) counts as not yet. With
 * `of`, a process that exits first fails the wait at once, with what it printed.
 */
export function waitFor(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 120_000,
  of?: RunningProcess,
) {
  return waitUntil(
    () => {
      if (of && (of.child.exitCode !== null || of.child.signalCode !== null)) {
        throw new Error(`${what}: the process exited first:\n${of.output.join('').slice(-4_000)}`);
      }
      return Promise.resolve()
        .then(check)
        .catch(() => false);
    },
    what,
    timeoutMs,
  );
}

/** The five simulators in a process of their own; returns the variables live-mode gateways need. */
export async function startSimulatorProcess(gatewayOrigin: string) {
  const envFile = join(mkdtempSync(join(tmpdir(), 'paygraph-sandbox-')), 'sandbox.env');
  const simulators = startProcess('src/sandbox/standalone.ts', {
    SANDBOX_PORTS: 'ephemeral',
    SANDBOX_ENV_FILE: envFile,
    SANDBOX_GATEWAY_ORIGIN: gatewayOrigin,
    LOG_LEVEL: 'warn',
  });
  await waitFor(
    () => simulators.output.join('').includes('SANDBOX_READY'),
    'the simulators',
    undefined,
    simulators,
  );
  const providerEnv = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
  return { simulators, providerEnv };
}

/** Secrets every replica shares: the client-token secret, the session key and the data key. */
export function sharedSecrets(): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    SESSION_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
}

/** Counts of a simulator's recorded requests by path, read over its control route. */
export async function simulatorRequests(baseUrl: string): Promise<{ method: string; path: string }[]> {
  const response = await fetch(`${new URL(baseUrl).origin}/_sandbox/requests`);
  return (await response.json()) as { method: string; path: string }[];
}

export async function clearSimulatorRequests(baseUrl: string): Promise<void> {
  await fetch(`${new URL(baseUrl).origin}/_sandbox/requests`, { method: 'DELETE' });
}
