import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/helpers/free-port.js';
import type { SimulatorCommand, SimulatorCounts, SimulatorMessage } from './simulator-protocol.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** TypeScript children (simulators, forwarder) run through the same loader as `npm run dev`. */
const TS_LOADER = ['--import', '@swc-node/register/esm-register'];

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux, 100 ticks/s). */
export function cpuMs(pid: number): number {
  // Fields after the parenthesised command name: state is 3rd, utime 14th, stime 15th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Samples the RSS of processes every 100 ms while `during` runs; answers the highest. */
export async function peakRssDuring<T>(pids: number[], during: () => Promise<T>): Promise<[T, number]> {
  const sample = () => Math.max(...pids.map(rssMb));
  let peak = sample();
  const timer = setInterval(() => (peak = Math.max(peak, sample())), 100);
  try {
    const result = await during();
    return [result, Math.max(peak, sample())];
  } finally {
    clearInterval(timer);
  }
}

/** Every child started, so that a failed or interrupted run leaves none behind. */
const children = new Set<ChildProcess>();

function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child)));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface Simulators {
  numeropay: Extract<SimulatorMessage, { type: 'ready' }>['numeropay'];
  nupeye: Extract<SimulatorMessage, { type: 'ready' }>['nupeye'];
  nupeyeCustomer: Extract<SimulatorMessage, { type: 'ready' }>['nupeyeCustomer'];
  pid: number;
  /** Requests the simulators received since the previous call. */
  counts(): Promise<SimulatorCounts>;
  /** Makes every Nupeye token lapse now, as if Nupeye's clock had passed their expiry. */
  expireNupeyeTokens(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimulators(): Promise<Simulators> {
  const child = track(
    fork(`${ROOT}bench/processes/simulators.ts`, [], {
      cwd: ROOT,
      execArgv: TS_LOADER,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  let nextId = 0;
  const pending = new Map<number, (message: SimulatorMessage) => void>();
  const ready = new Promise<Extract<SimulatorMessage, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulators exited (${code})`)));
    child.on('message', (message: SimulatorMessage) => {
      if (message.type === 'ready') return resolve(message);
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
  });
  const ask = (command: Omit<SimulatorCommand, 'id'>) =>
    new Promise<SimulatorMessage>((resolve) => {
      const id = (nextId += 1);
      pending.set(id, resolve);
      child.send({ ...command, id });
    });
  const { numeropay, nupeye, nupeyeCustomer } = await ready;
  return {
    numeropay,
    nupeye,
    nupeyeCustomer,
    pid: child.pid!,
    counts: async () => {
      const answer = await ask({ type: 'counts' });
      if (answer.type !== 'counts') throw new Error('unexpected answer');
      return answer.counts;
    },
    expireNupeyeTokens: async () => void (await ask({ type: 'expire-nupeye-tokens' })),
    stop: () => stopChild(child),
  };
}

/** Calls the stub answered: `create` from gateways, `createByPeers` from the hand-written peers. */
export interface UpstreamCounts {
  create: number;
  createByPeers: number;
  read: number;
  list: number;
}

export interface Upstream {
  url: string;
  pid: number;
  /** Calls the upstream answered since the previous call. */
  counts(): Promise<UpstreamCounts>;
  stop(): Promise<void>;
}

/** The NumeroPay-shaped stub every target of the run calls (bench/processes/upstream.ts). */
export async function startUpstream(): Promise<Upstream> {
  const child = track(
    fork(`${ROOT}bench/processes/upstream.ts`, [], {
      cwd: ROOT,
      execArgv: TS_LOADER,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  let nextId = 0;
  const pending = new Map<number, (counts: UpstreamCounts) => void>();
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`upstream exited (${code})`)));
    child.on('message', (message: { type: string; port?: number; id?: number; counts?: never }) => {
      if (message.type === 'ready') return resolve(message.port!);
      pending.get(message.id!)?.(message.counts!);
      pending.delete(message.id!);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    counts: () =>
      new Promise((resolve) => {
        const id = (nextId += 1);
        pending.set(id, resolve);
        child.send({ type: 'counts', id });
      }),
    stop: () => stopChild(child),
  };
}

export interface PeerProcess {
  url: string;
  pid: number;
  /** Its IPC channel: readiness, and a preloaded probe's answers. */
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Sends `message` to a probe preloaded into `child` and waits for its answer of type `answer`. */
export function askProbe<T>(child: ChildProcess, message: { type: string }, answer: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (reply: { type?: string }) => {
      if (reply?.type !== answer) return;
      child.off('message', listener);
      resolve(reply as T);
    };
    child.on('message', listener);
    child.send(message);
  });
}

/**
 * One of bench/processes/<script>.ts (forwarder, apollo-peer, mercurius-peer), on its own port; `nodeArgs`
 * as for a gateway (a preloaded probe).
 */
export async function startPeer(
  script: string,
  upstreamUrl: string,
  options: { nodeArgs?: string[] } = {},
): Promise<PeerProcess> {
  const port = await freePort();
  const child = track(
    fork(`${ROOT}bench/processes/${script}.ts`, [], {
      cwd: ROOT,
      execArgv: [...TS_LOADER, ...(options.nodeArgs ?? [])],
      env: { ...process.env, NODE_ENV: 'production', PORT: String(port), BENCH_UPSTREAM_URL: upstreamUrl },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
    child.once('message', () => resolve());
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, child, stop: () => stopChild(child) };
}

export interface GatewayProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn until /readyz answered 200. */
  startToReadyMs: number;
  /** CPU the process used until then, all its threads together. */
  cpuToReadyMs: number;
  stop(): Promise<void>;
}

/**
 * Starts the built gateway (`node dist/main.js`, as `npm start` does) with `env` and waits for
 * readiness. Its logs go to /dev/null: written and serialised, as in production, but not read here.
 */
export interface GatewayOptions {
  /** Node flags before the entry point (--cpu-prof, --import of a probe …). */
  nodeArgs?: string[];
  /** Another build to run (a before/after comparison): the directory holding its dist/main.js. */
  root?: string;
  /** An IPC channel to the gateway process (for a preloaded probe). */
  ipc?: boolean;
}

export async function startGatewayProcess(
  env: Record<string, string>,
  options: GatewayOptions = {},
): Promise<GatewayProcess & { child: ChildProcess }> {
  const port = await freePort();
  const started = performance.now();
  const child = track(
    spawn(process.execPath, [...(options.nodeArgs ?? []), 'dist/main.js'], {
      cwd: options.root ?? ROOT,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'ignore', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
    }),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`gateway exited (${child.exitCode}): ${stderr.slice(0, 2000)}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    if (performance.now() - started > 30_000) throw new Error(`gateway not ready after 30 s: ${stderr}`);
    await sleep(10);
  }
  return {
    url,
    pid: child.pid!,
    startToReadyMs: performance.now() - started,
    cpuToReadyMs: cpuMs(child.pid!),
    stop: () => stopChild(child),
    child,
  };
}
