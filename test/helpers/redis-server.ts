import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';

/** Whether a redis-server binary is installed (CI installs it; a bare machine may not have it). */
export const redisServerAvailable = spawnSync('redis-server', ['--version']).status === 0;
if (!redisServerAvailable && process.env.CI) {
  throw new Error('redis-server is required in CI: .ci/run installs it');
}

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A real redis-server on a free loopback port, without persistence, stoppable and restartable. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const start = async () => {
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    child = started;
    // redis-server says so on stdout once it accepts connections.
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (!output.includes('Ready to accept connections')) return;
        started.stdout.off('data', onData);
        started.stdout.resume();
        resolve();
      };
      started.stdout.on('data', onData);
      started.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready`)));
    });
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { url, start, stop };
}
