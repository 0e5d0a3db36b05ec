import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { createServer } from 'node:net';
import { pino } from 'pino';
import { ConfigError } from '../../../src/config/config-error.js';
import { readProviderHttpClient } from '../../../src/config/provider-http-client.config.js';
import { Provider } from '../../../src/domain/provider.js';
import { ProviderHttpClient } from '../../../src/providers/shared/http-client.js';
import {
  PROVIDER_HTTP_CLIENTS,
  type ProviderHttpClientKind,
} from '../../../src/config/provider-http-client.config.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';
import type { ProviderCallOutcome, ProviderMetrics } from '../../../src/domain/ports/provider-metrics.js';
import { Simulator } from '../../../src/sandbox/shared/simulator.js';

/** A provider with a money-moving call, a read, a form login and an answer that names its retry time. */
class LedgerSimulator extends Simulator {
  charges = 0;
  /** Remote ports of the connections requests arrived on, to see sockets being reused. */
  readonly remotePorts: number[] = [];
  retryAfterSeconds = '';

  constructor() {
    super('ledger', '/v2/api');
  }

  protected registerRoutes(app: FastifyInstance): void {
    app.addHook(
      'onRequest',
      async (request) => void this.remotePorts.push(request.raw.socket.remotePort ?? 0),
    );
    app.post('/charges', () => {
      this.charges += 1;
      return { id: `ch_${this.charges}` };
    });
    app.get('/charges', (request) => ({ data: [], query: request.query }));
    app.post('/login', (request) => ({ form: request.body, type: request.headers['content-type'] }));
    app.get('/busy', (_request, reply) =>
      reply.code(503).header('retry-after', this.retryAfterSeconds).send({ busy: true }),
    );
  }

  override reset(): void {
    super.reset();
    this.charges = 0;
    this.remotePorts.length = 0;
  }
}

const API_KEY = 'ApiKey-never-logged-9f';

/** Every behaviour a provider client relies on, asserted for each HTTP library alike. */
describe.each(PROVIDER_HTTP_CLIENTS.map((kind) => [kind]))('ProviderHttpClient on %s', (kind) => {
  const simulator = new LedgerSimulator();
  const outcomes: ProviderCallOutcome[] = [];
  const logLines: string[] = [];
  const metrics: ProviderMetrics = {
    observeProviderCall: (_provider, _operation, outcome) => void outcomes.push(outcome),
    countTokenAcquisition: () => undefined,
  };
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  let client: ProviderHttpClient;

  const clientFor = (baseUrl: string, timeoutMs = 2_000) =>
    new ProviderHttpClient({
      provider: Provider.NUMEROPAY,
      baseUrl,
      timeoutMs,
      logger,
      metrics,
      headers: { 'x-api-key': API_KEY },
      client: kind as ProviderHttpClientKind,
    });
  const charge = (target = client) =>
    target.request({ operation: 'createCharge', method: 'POST', path: '/charges', json: { amount: 5 } });
  const list = (target = client) =>
    target.request({ operation: 'listCharges', method: 'GET', path: 'charges' });
  const failureOf = async (call: Promise<unknown>): Promise<ProviderError> => {
    try {
      await call;
    } catch (error) {
      if (error instanceof ProviderError) return error;
      throw error;
    }
    throw new Error('the call succeeded');
  };

  beforeAll(async () => {
    client = clientFor(await simulator.start());
  });
  afterAll(() => simulator.stop());
  beforeEach(() => {
    simulator.reset();
    outcomes.length = 0;
  });

  it('sends JSON with the static headers below the base path and parses the answer', async () => {
    expect(await charge()).toEqual({ status: 200, body: { id: 'ch_1' } });
    const [received] = simulator.requests.filter('/charges', 'POST');
    expect(received?.headers['x-api-key']).toBe(API_KEY);
    expect(received?.headers['content-type']).toMatch(/^application\/json/);
    expect(received?.headers.accept).toBe('application/json');
    expect(received?.body).toEqual({ amount: 5 });
    expect(outcomes).toEqual(['success']);
  });

  it('sends forms and query parameters, and lets per-call headers override static ones', async () => {
    const login = await client.request({
      operation: 'login',
      method: 'POST',
      path: '/login',
      form: { user_name: 'a b', key: 'k&1' },
      headers: { 'X-Api-Key': 'per-call' },
    });
    expect(login.body).toEqual({
      form: { user_name: 'a b', key: 'k&1' },
      type: 'application/x-www-form-urlencoded',
    });
    expect(simulator.requests.filter('/login')[0]?.headers['x-api-key']).toBe('per-call');
    const listed = await client.request({
      operation: 'listCharges',
      method: 'GET',
      path: '/charges',
      searchParams: { limit: 5, status: '[0,1]' },
    });
    expect(listed.body).toEqual({ data: [], query: { limit: '5', status: '[0,1]' } });
  });

  it('keeps connections alive between calls', async () => {
    for (let call = 0; call < 10; call += 1) await list();
    // A pool may open a second socket while the first is being released, but never one per call.
    expect(new Set(simulator.remotePorts).size).toBeLessThanOrEqual(2);
  });

  it('answers a 4xx for the provider client to interpret', async () => {
    simulator.faults.add({ kind: 'status', method: 'POST', path: '/charges', status: 422 });
    expect((await charge()).status).toBe(422);
    expect(outcomes).toEqual(['rejected']);
  });

  describe('a money-moving POST', () => {
    it('refused at connect has a known outcome: nothing was sent', async () => {
      const error = await failureOf(charge(clientFor(`http://127.0.0.1:${await closedPort()}/v2/api`)));
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: false });
      expect(error.message).toBe(`${Provider.NUMEROPAY} could not be reached (ECONNREFUSED)`);
    });

    it('dropped after it was received has an unknown outcome and is not retried', async () => {
      simulator.faults.add({ kind: 'reset-before', method: 'POST', path: '/charges' });
      const error = await failureOf(charge());
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: true });
      expect(simulator.requests.count('/charges', 'POST')).toBe(1);
      expect(outcomes).toEqual(['unknown']);
    });

    it('dropped after the provider acted has an unknown outcome', async () => {
      simulator.faults.add({ kind: 'reset-after', method: 'POST', path: '/charges' });
      expect(await failureOf(charge())).toMatchObject({ outcomeUnknown: true });
      expect(simulator.charges).toBe(1);
    });

    it('timing out has an unknown outcome', async () => {
      simulator.faults.add({ kind: 'delay', method: 'POST', path: '/charges', delayMs: 1_000 });
      const error = await failureOf(charge(clientFor(simulator.baseUrl, 200)));
      expect(error).toMatchObject({ code: 'PROVIDER_TIMEOUT', outcomeUnknown: true });
      expect(error.message).toBe(`${Provider.NUMEROPAY} did not answer in time`);
      expect(outcomes).toEqual(['timeout']);
    });

    it('answered too slowly, body still streaming, times out as well', async () => {
      simulator.faults.add({ kind: 'slow-body', method: 'POST', path: '/charges', delayMs: 1_500 });
      const error = await failureOf(charge(clientFor(simulator.baseUrl, 300)));
      expect(error).toMatchObject({ code: 'PROVIDER_TIMEOUT', outcomeUnknown: true });
    });

    it('answered with malformed JSON has an unknown outcome', async () => {
      simulator.faults.add({ kind: 'malformed-json', method: 'POST', path: '/charges' });
      expect(await failureOf(charge())).toMatchObject({
        code: 'PROVIDER_BAD_RESPONSE',
        outcomeUnknown: true,
      });
    });

    it('is sent once even on 503', async () => {
      simulator.faults.add({ kind: 'status', method: 'POST', path: '/charges', status: 503, times: 1 });
      expect((await charge()).status).toBe(503);
      expect(simulator.requests.count('/charges', 'POST')).toBe(1);
    });
  });

  describe('a read', () => {
    it('is retried on 503, three attempts in all', async () => {
      simulator.faults.add({ kind: 'status', method: 'GET', path: '/charges', status: 503 });
      expect((await list()).status).toBe(503);
      expect(simulator.requests.count('/charges', 'GET')).toBe(3);
      expect(outcomes).toEqual(['error']);
    });

    it('survives a dropped connection by retrying', async () => {
      simulator.faults.add({ kind: 'reset-before', method: 'GET', path: '/charges', times: 1 });
      expect((await list()).status).toBe(200);
      expect(simulator.requests.count('/charges', 'GET')).toBe(2);
    });

    it('is retried after a timeout', async () => {
      simulator.faults.add({ kind: 'delay', method: 'GET', path: '/charges', delayMs: 600, times: 1 });
      expect((await list(clientFor(simulator.baseUrl, 200))).status).toBe(200);
      expect(simulator.requests.count('/charges', 'GET')).toBe(2);
    });

    it('is not retried on a 500, which is an answer rather than an outage', async () => {
      simulator.faults.add({ kind: 'status', method: 'GET', path: '/charges', status: 500 });
      expect((await list()).status).toBe(500);
      expect(simulator.requests.count('/charges', 'GET')).toBe(1);
    });

    it('waits out a short Retry-After and gives up at once on one beyond its deadline', async () => {
      simulator.retryAfterSeconds = '0';
      expect((await client.request({ operation: 'busy', method: 'GET', path: '/busy' })).status).toBe(503);
      expect(simulator.requests.count('/busy')).toBe(3);
      simulator.reset();
      simulator.retryAfterSeconds = '60';
      expect((await client.request({ operation: 'busy', method: 'GET', path: '/busy' })).status).toBe(503);
      expect(simulator.requests.count('/busy')).toBe(1);
    });

    it('that fails has a known outcome: reads move no money', async () => {
      simulator.faults.add({ kind: 'malformed-json', method: 'GET', path: '/charges' });
      expect(await failureOf(list())).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE', outcomeUnknown: false });
    });
  });

  it('logs neither bodies nor headers', async () => {
    logLines.length = 0;
    await charge();
    simulator.faults.add({ kind: 'reset-after', method: 'POST', path: '/charges' });
    await failureOf(charge());
    const text = logLines.join('\n');
    expect(text).toContain('createCharge');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('ch_1');
  });
});

describe('PROVIDER_HTTP_CLIENT', () => {
  it('is undici unless set, and accepts got in any case', () => {
    expect(readProviderHttpClient({})).toBe('undici');
    expect(readProviderHttpClient({ PROVIDER_HTTP_CLIENT: ' ' })).toBe('undici');
    expect(readProviderHttpClient({ PROVIDER_HTTP_CLIENT: 'Got' })).toBe('got');
  });

  it('names the variable and the choices when the value is unknown', () => {
    expect(() => readProviderHttpClient({ PROVIDER_HTTP_CLIENT: 'axios' })).toThrow(
      new ConfigError('PROVIDER_HTTP_CLIENT must be one of got, undici'),
    );
  });
});

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}
