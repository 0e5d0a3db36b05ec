import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { print } from 'graphql';
import {
  ProvidersDocument,
  RechargeMobileDocument,
  TransactionDocument,
} from '../../../src/generated/graphql.js';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../../src/sandbox/nupeye/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

const DEBUG = 20;
const INFO = 30;

type Line = Record<string, unknown>;

/** One line per request, written when it is answered: what it was, how long it took, how it ended. */
describe('the request log', () => {
  let gw: TestGateway;
  const ids: Record<string, string> = {};

  const get = async (path: string, requestId: string) => {
    const response = await fetch(`${gw.url}${path}`, { headers: { 'x-request-id': requestId } });
    await response.arrayBuffer();
    ids[path] = requestId;
    return response.status;
  };
  const linesOf = (requestId: string): Line[] => gw.logs.parsed().filter((line) => line.reqId === requestId);

  beforeAll(async () => {
    gw = await startTestGateway({ LOG_LEVEL: 'debug' });
    const token = await gw.token('request-log');
    await gw.graphql(ProvidersDocument, {}, { token, headers: { 'x-request-id': 'log-providers' } });
    await gw.graphql(
      TransactionDocument,
      { id: 'VHJhbnNhY3Rpb246bm9uZQ' },
      { headers: { 'x-request-id': 'log-unauthenticated' } },
    );
    await gw.graphql('query Broken { nope }', undefined, {
      token,
      headers: { 'x-request-id': 'log-invalid' },
    });
    await get('/healthz', 'log-healthz');
    await get('/readyz', 'log-readyz');
    await get('/metrics', 'log-metrics');
    await get('/no-such-route?secret=x', 'log-missing');
  });
  afterAll(() => gw?.close());

  it('writes exactly one line per request, and none of Fastify’s own', () => {
    for (const id of ['log-providers', 'log-unauthenticated', 'log-invalid', ...Object.values(ids)]) {
      const completed = linesOf(id).filter((line) => line.msg === 'request completed');
      expect({ id, lines: completed.length }).toEqual({ id, lines: 1 });
    }
    const fastifyLines = gw.logs.parsed().filter((line) => line.msg === 'incoming request' || 'res' in line);
    expect(fastifyLines).toEqual([]);
  });

  it('names the GraphQL operation, its type, the caller, the duration and the outcome', () => {
    const [line] = linesOf('log-providers').filter((entry) => entry.msg === 'request completed');
    expect(line).toMatchObject({
      level: INFO,
      method: 'POST',
      path: '/graphql',
      statusCode: 200,
      operation: 'Providers',
      operationType: 'query',
      principal: 'request-log',
      outcome: 'success',
    });
    expect(typeof line!.durationMs).toBe('number');
    expect(line!.durationMs).toBeGreaterThan(0);
  });

  it('gives the error codes of a failed operation, never its message or document', () => {
    const [unauthenticated] = linesOf('log-unauthenticated').filter(
      (entry) => entry.msg === 'request completed',
    );
    expect(unauthenticated).toMatchObject({ operation: 'Transaction', outcome: 'error' });
    expect(unauthenticated!.errorCodes).toEqual(['UNAUTHENTICATED']);
    expect(unauthenticated).not.toHaveProperty('principal');

    const [invalid] = linesOf('log-invalid').filter((entry) => entry.msg === 'request completed');
    expect(invalid).toMatchObject({
      outcome: 'error',
      statusCode: 400,
      errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
    });
    expect(JSON.stringify(invalid)).not.toContain('nope');
  });

  it('logs probes at debug, other routes at info, and never a query string', () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const [line] = linesOf(ids[path]!);
      expect(line).toMatchObject({ level: DEBUG, path, statusCode: 200, outcome: 'success' });
    }
    const [missing] = linesOf('log-missing');
    expect(missing).toMatchObject({ level: INFO, path: '/no-such-route', statusCode: 404, outcome: 'error' });
    expect(gw.logs.text).not.toContain('secret=x');
  });

  it('logs a request whose client left before the answer once, as aborted, with its operation', async () => {
    const nupeye = gw.simulators.nupeye;
    nupeye.faults.add({ kind: 'delay', delayMs: 3000, path: '/recharge_account', times: 1 });
    const before = nupeye.requests.count('/recharge_account');
    const abort = new AbortController();
    const sent = fetch(`${gw.url}/graphql`, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await gw.token('leaves-early')}`,
        'x-request-id': 'log-aborted',
      },
      body: JSON.stringify({
        query: print(RechargeMobileDocument),
        variables: {
          input: {
            idempotencyKey: 'leaves-early',
            mobileNumber: '9812345678',
            amount: '10',
            nupeyeUserName: NUPEYE_SANDBOX_CUSTOMER.userName,
            nupeyePassword: NUPEYE_SANDBOX_CUSTOMER.password,
          },
        },
      }),
    }).catch(() => undefined);
    await until(() => nupeye.requests.count('/recharge_account') > before);
    abort.abort();
    await sent;
    await until(() => linesOf('log-aborted').some((line) => line.msg === 'request aborted'));
    const lines = linesOf('log-aborted').filter((line) => String(line.msg).startsWith('request '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      outcome: 'aborted',
      operation: 'RechargeMobile',
      principal: 'leaves-early',
    });
    expect(lines[0]).not.toHaveProperty('statusCode');
  });
});

/** Waits for a condition the gateway brings about (a request arriving, a line written), at most 10 s. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in 10 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
