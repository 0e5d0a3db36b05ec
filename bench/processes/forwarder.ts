/**
 * Child process, baseline B1: the smallest Node forwarder of NumeroPay's `GET /transaction/{id}` using
 * the gateway's own provider transport (ProviderHttpClient, library per PROVIDER_HTTP_CLIENT) and token
 * manager. Whatever B2 costs beyond this is GraphQL, Fastify, the ledger and the resolvers.
 */
import { createServer } from 'node:http';
import { pino } from 'pino';
import type { NumeroPayConfig } from '../../src/config/numeropay.config.js';
import { readProviderHttpClient } from '../../src/config/provider-http-client.config.js';
import { Provider } from '../../src/domain/provider.js';
import { createNumeroPayTokenManager } from '../../src/providers/numeropay/numeropay.auth.js';
import { ProviderHttpClient } from '../../src/providers/shared/http-client.js';
import { noProviderMetrics } from '../../src/domain/ports/provider-metrics.js';

const config = JSON.parse(process.env.BENCH_NUMEROPAY_CONFIG ?? '') as NumeroPayConfig;
const http = new ProviderHttpClient({
  provider: Provider.NUMEROPAY,
  baseUrl: config.baseUrl,
  timeoutMs: config.timeoutMs,
  logger: pino({ level: 'warn' }),
  metrics: noProviderMetrics,
  client: readProviderHttpClient(process.env),
});
const tokens = createNumeroPayTokenManager(config, noProviderMetrics);

const server = createServer((request, response) => {
  const match = /^\/transaction\/([\w-]+)$/.exec(request.url ?? '');
  if (request.method !== 'GET' || !match) {
    response.writeHead(404).end();
    return;
  }
  tokens
    .withCredential((credential) =>
      http.request({
        operation: 'getTransaction',
        method: 'GET',
        path: `/transaction/${match[1]!}`,
        headers: { authorization: `Bearer ${credential.token}` },
      }),
    )
    .then(
      ({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      },
      () => response.writeHead(502).end(),
    );
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready' }));
process.on('disconnect', () => server.close(() => process.exit(0)));
