import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '../../helpers/wait-until.js';

export const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/** The gateway as production runs it: `src/main.ts` in its own Node process, configured by environment. */
export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when the process has exited and all it wrote has been read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  /** Node's own options before the entry, e.g. `--env-file=…`. */
  nodeOptions?: string[];
  /** The built gateway (`dist/main.js` in `cwd`) instead of the TypeScript sources. */
  built?: { cwd: string };
}

/**
 * Starts `node src/main.ts` with only `env` (plus PATH and HOME): no NODE_ENV=test, so the process
 * behaves as a deployed one does.
 */
export function spawnGateway(
  env: Record<string, string>,
  port: number,
  options: SpawnOptions = {},
): GatewayProcess {
  const entry = options.built
    ? ['dist/main.js']
    : ['--import', '@swc-node/register/esm-register', 'src/main.ts'];
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), ...entry], {
    cwd: options.built?.cwd ?? REPOSITORY,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close', not 'exit': it comes after the last of stdout and stderr has been read into `output`.
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Waits until /readyz answers 200; fails with the process output if the process exits first. */
export async function waitUntilReady(gateway: GatewayProcess): Promise<void> {
  let exited = false;
  void gateway.exited.then(() => (exited = true));
  await waitUntil(
    async () => {
      if (exited) throw new Error(`the gateway exited before it was ready:\n${gateway.output()}`);
      return (await probe(`${gateway.url}/readyz`)) === 200;
    },
    'the gateway answers /readyz',
    100_000,
  );
}

/**
 * The operator token a sandbox gateway prints. It is printed after the server listens, so /readyz can
 * answer 200 before it is there: wait for the line itself.
 */
export async function printedToken(gateway: GatewayProcess): Promise<string> {
  const find = () => /Authorization: Bearer (\S+)\n/.exec(gateway.output())?.[1];
  await waitUntil(() => find() !== undefined, 'the sandbox prints its token', 100_000);
  return find()!;
}

/** GET over a new connection (no keep-alive reuse): the status, or the connection error's code. */
export function probe(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const call = request(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    call.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    call.end();
  });
}
