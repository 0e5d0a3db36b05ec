import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { createServer } from 'node:net';
import { pino } from 'pino';
import { Provider } from '../../../src/domain/provider.js';
import { ProviderHttpClient } from '../../../src/providers/shared/http-client.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';
import type { ProviderCallOutcome, ProviderMetrics } from '../../../src/domain/ports/provider-metrics.js';
import { Simulator } from '../../../src/sandbox/shared/simulator.js';

/** The smallest provider: a charge that moves money, a list to read, an empty answer. */
class ChargeSimulator extends Simulator {
  /** How many charges the handler actually made. */
  charges = 0;

  constructor() {
    super('charges', '/api');
  }

  protected registerRoutes(app: FastifyInstance): void {
    app.post('/charges', () => {
      this.charges += 1;
      return { id: `ch_${this.charges}`, status: 'captured' };
    });
    app.get('/charges', () => ({ data: [{ id: 'ch_1' }] }));
    app.get('/empty', (_request, reply) => reply.code(204).send());
  }

  override reset(): void {
    super.reset();
    this.charges = 0;
  }
}

interface ObservedCall {
  operation: string;
  outcome: ProviderCallOutcome;
}

const PAN = '4111111111111111';
const API_KEY = 'ApiKey-Zx81-never-logged';

describe('ProviderHttpClient', () => {
  const simulator = new ChargeSimulator();
  const calls: ObservedCall[] = [];
  const logLines: string[] = [];
  const metrics: ProviderMetrics = {
    observeProviderCall: (_provider, operation, outcome) => void calls.push({ operation, outcome }),
    countTokenAcquisition: () => undefined,
  };
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  let client: ProviderHttpClient;

  const clientFor = (baseUrl: string, timeoutMs = 2_000) =>
    new ProviderHttpClient({
      provider: Provider.DIGIPAY,
      baseUrl,
      timeoutMs,
      logger,
      metrics,
      headers: { 'x-api-key': API_KEY },
    });
  const charge = (target = client) =>
    target.request({ operation: 'createCharge', method: 'POST', path: '/charges', json: { pan: PAN } });
  const list = (target = client) =>
    target.request({ operation: 'listCharges', method: 'GET', path: '/charges' });
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
    calls.length = 0;
  });

  it('returns the status and parsed body and reports a success', async () => {
    const response = await charge();
    expect(response).toEqual({ status: 200, body: { id: 'ch_1', status: 'captured' } });
    expect(simulator.requests.filter('/charges', 'POST')[0]?.headers['x-api-key']).toBe(API_KEY);
    expect(calls).toEqual([{ operation: 'createCharge', outcome: 'success' }]);
  });

  it('answers an empty body as undefined', async () => {
    expect(await client.request({ operation: 'empty', method: 'GET', path: '/empty' })).toEqual({
      status: 204,
      body: undefined,
    });
  });

  it('returns a 4xx answer for the provider client to interpret, reported as rejected', async () => {
    simulator.faults.add({ kind: 'status', method: 'POST', path: '/charges', status: 422 });
    const response = await charge();
    expect(response.status).toBe(422);
    expect(simulator.charges).toBe(0);
    expect(calls).toEqual([{ operation: 'createCharge', outcome: 'rejected' }]);
  });

  describe('a money-moving POST', () => {
    it('refused at connect proves nothing was sent: outcome known', async () => {
      const closed = await closedPort();
      const error = await failureOf(charge(clientFor(`http://127.0.0.1:${closed}/api`)));
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: false });
      expect(calls).toEqual([{ operation: 'createCharge', outcome: 'error' }]);
    });

    it('dropped after it was received, before the handler ran, still has an unknown outcome', async () => {
      simulator.faults.add({ kind: 'reset-before', method: 'POST', path: '/charges' });
      const error = await failureOf(charge());
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: true });
      expect(simulator.requests.count('/charges', 'POST')).toBe(1);
      expect(simulator.charges).toBe(0);
      expect(calls).toEqual([{ operation: 'createCharge', outcome: 'unknown' }]);
    });

    it('dropped after the provider acted has an unknown outcome', async () => {
      simulator.faults.add({ kind: 'reset-after', method: 'POST', path: '/charges' });
      const error = await failureOf(charge());
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: true });
      expect(simulator.charges).toBe(1);
      expect(simulator.requests.count('/charges', 'POST')).toBe(1);
    });

    it('timing out has an unknown outcome', async () => {
      simulator.faults.add({ kind: 'delay', method: 'POST', path: '/charges', delayMs: 1_500 });
      const error = await failureOf(charge(clientFor(simulator.baseUrl, 200)));
      expect(error).toMatchObject({ code: 'PROVIDER_TIMEOUT', outcomeUnknown: true });
      expect(simulator.requests.count('/charges', 'POST')).toBe(1);
      expect(calls).toEqual([{ operation: 'createCharge', outcome: 'timeout' }]);
    });

    it('answered with malformed JSON has an unknown outcome', async () => {
      simulator.faults.add({ kind: 'malformed-json', method: 'POST', path: '/charges' });
      const error = await failureOf(charge());
      expect(error).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE', outcomeUnknown: true });
      expect(simulator.charges).toBe(1);
    });

    it('is never retried, whatever the failure', async () => {
      simulator.faults.add({ kind: 'status', method: 'POST', path: '/charges', status: 503, times: 1 });
      expect((await charge()).status).toBe(503);
      simulator.faults.add({ kind: 'reset-before', method: 'POST', path: '/charges', times: 1 });
      await failureOf(charge());
      expect(simulator.requests.count('/charges', 'POST')).toBe(2);
    });
  });

  describe('a read', () => {
    it('is retried on 503, three attempts in all', async () => {
      simulator.faults.add({ kind: 'status', method: 'GET', path: '/charges', status: 503 });
      const response = await list();
      expect(response.status).toBe(503);
      expect(simulator.requests.count('/charges', 'GET')).toBe(3);
      expect(calls).toEqual([{ operation: 'listCharges', outcome: 'error' }]);
    });

    it('succeeds when a retry does', async () => {
      simulator.faults.add({ kind: 'status', method: 'GET', path: '/charges', status: 503, times: 2 });
      expect(await list()).toEqual({ status: 200, body: { data: [{ id: 'ch_1' }] } });
      expect(simulator.requests.count('/charges', 'GET')).toBe(3);
      expect(calls).toEqual([{ operation: 'listCharges', outcome: 'success' }]);
    });

    it('survives a dropped connection by retrying', async () => {
      simulator.faults.add({ kind: 'reset-before', method: 'GET', path: '/charges', times: 1 });
      expect((await list()).status).toBe(200);
      expect(simulator.requests.count('/charges', 'GET')).toBe(2);
    });

    it('is not retried on an answer that is not an outage', async () => {
      simulator.faults.add({ kind: 'status', method: 'GET', path: '/charges', status: 500 });
      expect((await list()).status).toBe(500);
      expect(simulator.requests.count('/charges', 'GET')).toBe(1);
    });

    it('that fails has a known outcome: reads move no money', async () => {
      simulator.faults.add({ kind: 'malformed-json', method: 'GET', path: '/charges' });
      expect(await failureOf(list())).toMatchObject({
        code: 'PROVIDER_BAD_RESPONSE',
        outcomeUnknown: false,
      });
    });

    it('marked idempotent may be a POST, and is then retried', async () => {
      simulator.faults.add({ kind: 'status', method: 'POST', path: '/charges', status: 503, times: 1 });
      const response = await client.request({
        operation: 'searchCharges',
        method: 'POST',
        path: '/charges',
        json: {},
        idempotent: true,
      });
      expect(response.status).toBe(200);
      expect(simulator.requests.count('/charges', 'POST')).toBe(2);
    });
  });

  it('logs neither bodies nor headers', async () => {
    logLines.length = 0;
    await charge();
    simulator.faults.add({ kind: 'reset-after', method: 'POST', path: '/charges' });
    await failureOf(charge());
    expect(logLines.length).toBeGreaterThanOrEqual(2);
    const text = logLines.join('\n');
    expect(text).toContain('createCharge');
    expect(text).not.toContain(PAN);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('ch_1');
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
