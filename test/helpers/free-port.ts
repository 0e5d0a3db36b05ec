import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A loopback port for a process a test or the benchmark starts later (a gateway, a replica,
 * redis-server), which has to be told its port before it listens.
 *
 * A port the kernel handed out for `listen(0)` and that was then released sits in the ephemeral
 * range, so until the process binds it any outgoing connection or `listen(0)` anywhere on the machine
 * (other test workers or benchmark targets, the replicas' PostgreSQL and Redis clients) may take it, and the process then
 * dies of EADDRINUSE. The ports handed out here lie below that range, where the kernel never assigns
 * one on its own; only another explicit choice could collide, and each is checked by binding it.
 */
export async function freePort(): Promise<number> {
  const [low, high] = explicitRange();
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    if (await bindable(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free loopback port between ${low} and ${high}`);
}

const handedOut = new Set<number>();

/** Ports under the kernel's ephemeral range (ip_local_port_range), above the registered low ones. */
function explicitRange(): [number, number] {
  let ephemeralLow = 32_768;
  try {
    const [first] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    if (Number(first) > 0) ephemeralLow = Number(first);
  } catch {
    // Not Linux: other systems start their ephemeral range at 32768 or above (49152 on macOS).
  }
  const low = 10_000;
  if (ephemeralLow - low < 1_000) throw new Error(`ephemeral ports start at ${ephemeralLow}: too low`);
  return [low, ephemeralLow];
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}
