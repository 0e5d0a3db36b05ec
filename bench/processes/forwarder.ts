/**
 * Child process: the bare forwarder. node:http in front, an undici Pool behind: `GET /transaction/{id}`
 * goes to the upstream, its envelope is parsed and `{ data: { transaction: { id, status } } }` answered,
 * the least any gateway does for the same call.
 */
import { createServer } from 'node:http';
import { Pool } from 'undici';
import {
  announceReady,
  PORT,
  toTransaction,
  unwrap,
  UPSTREAM_AUTHORIZATION,
  UPSTREAM_URL,
} from './peer-shared.js';

const upstream = new Pool(UPSTREAM_URL, { connections: 64 });

const server = createServer((request, response) => {
  const match = /^\/transaction\/([\w-]+)$/.exec(request.url ?? '');
  if (request.method !== 'GET' || !match) {
    response.writeHead(404).end();
    return;
  }
  upstream
    .request({
      method: 'GET',
      path: `/transaction/${match[1]!}`,
      headers: { authorization: UPSTREAM_AUTHORIZATION },
    })
    .then(async ({ body }) => {
      const { id, status } = toTransaction(unwrap(await body.json()));
      const json = JSON.stringify({ data: { transaction: { id, status } } });
      response.writeHead(200, { 'content-type': 'application/json' }).end(json);
    })
    .catch(() => response.writeHead(502).end());
});
server.keepAliveTimeout = 72_000;
server.listen(PORT, '127.0.0.1', announceReady);
process.on('disconnect', () => server.close(() => process.exit(0)));
