import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { Pool } from 'undici';
import { collectAnswer, DeadlineExceeded } from '../../../src/providers/shared/undici-answer.js';

/** A server that answers every path at once, except `/held`, which waits until released. */
function heldServer(): { server: Server; paths: string[]; release: () => void; held: Promise<unknown> } {
  const paths: string[] = [];
  let releaseHeld: (() => void) | undefined;
  let heldArrived: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (heldArrived = resolve));
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    paths.push(request.url ?? '');
    const answer = () => response.end(JSON.stringify({ path: request.url }));
    if (request.url === '/held') {
      releaseHeld = answer;
      heldArrived();
    } else answer();
  });
  return { server, paths, release: () => releaseHeld?.(), held };
}

describe('collectAnswer (the undici wire under one deadline)', () => {
  const { server, paths, release, held } = heldServer();
  let pool: Pool;

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    // One connection, so a second request waits in the pool for the first one's socket.
    pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 1 });
  });
  afterAll(async () => {
    await pool.close();
    server.close();
  });

  it('answers the status and the whole body as text', async () => {
    const answer = await collectAnswer(pool, { method: 'GET', path: '/plain' }, 2_000);
    expect(answer).toEqual({ status: 200, text: '{"path":"/plain"}', retryAfter: undefined });
  });

  it('aborts a request whose deadline passes while it waits for a socket, before it is written', async () => {
    paths.length = 0;
    const first = collectAnswer(pool, { method: 'GET', path: '/held' }, 10_000);
    await held;
    const queued = collectAnswer(pool, { method: 'GET', path: '/queued' }, 50);
    await expect(queued).rejects.toBeInstanceOf(DeadlineExceeded);
    release();
    expect((await first).status).toBe(200);
    // The pool sends in order: had the queued request been written, it would arrive before this one.
    expect((await collectAnswer(pool, { method: 'GET', path: '/after' }, 2_000)).status).toBe(200);
    expect(paths).toEqual(['/held', '/after']);
  });
});
