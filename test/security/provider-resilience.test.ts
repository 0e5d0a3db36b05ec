import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Provider } from '../../src/domain/provider.js';
import {
  ProviderHttpClient,
  type ProviderHttpClientOptions,
} from '../../src/providers/shared/http-client.js';
import { type ProviderHttpClientKind } from '../../src/config/provider-http-client.config.js';
import { ProviderError } from '../../src/providers/shared/provider-error.js';
import { noProviderMetrics } from '../../src/domain/ports/provider-metrics.js';
import { Simulator } from '../../src/sandbox/shared/simulator.js';
import { LogCapture } from '../helpers/log-capture.js';
import { waitUntil } from '../helpers/wait-until.js';

/** A provider with one read and one money-moving call, each counted in the request log. */
class EchoSimulator extends Simulator {
  constructor() {
    super('echo', '/api');
  }

  protected registerRoutes(app: FastifyInstance): void {
    app.get('/status', () => ({ ok: true }));
    app.post('/pay', () => ({ paid: true }));
    app.post('/refuse', async (_request, reply) => reply.code(422).send({ error: 'declined' }));
  }
}

const logger = pino({ level: 'silent' });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe.each<ProviderHttpClientKind>(['got', 'undici'])(
  'provider circuit breaker and bulkhead (%s)',
  (wire) => {
    const simulator = new EchoSimulator();
    const other = new EchoSimulator();
    let baseUrl: string;

    const client = (options: Partial<ProviderHttpClientOptions> = {}) =>
      new ProviderHttpClient({
        provider: Provider.NUMEROPAY,
        baseUrl,
        timeoutMs: 2000,
        logger,
        metrics: noProviderMetrics,
        client: wire,
        circuitBreaker: { resetTimeoutMs: 300, volumeThreshold: 5 },
        ...options,
      });
    const pay = (http: ProviderHttpClient) =>
      http.request({ operation: 'pay', method: 'POST', path: '/pay' });
    const read = (http: ProviderHttpClient) =>
      http.request({ operation: 'status', method: 'GET', path: '/status' });

    beforeAll(async () => {
      baseUrl = await simulator.start();
      await other.start();
    });
    afterAll(async () => {
      await simulator.stop();
      await other.stop();
    });
    beforeEach(() => {
      simulator.reset();
      other.reset();
    });

    it('opens after repeated 5xx answers, then refuses without sending, as not sent', async () => {
      const http = client();
      simulator.faults.add({ kind: 'status', status: 500, path: '/pay' });
      for (let i = 0; i < 5; i += 1) expect((await pay(http)).status).toBe(500);
      expect(http.circuit).toBe('open');
      const refused = await failure(pay(http));
      expect(refused).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: false });
      expect(refused.message).toBe('NUMEROPAY circuit is open');
      expect(simulator.requests.count('/pay', 'POST')).toBe(5);
    });

    it('lets one trial call through after the reset timeout and closes when it succeeds', async () => {
      const lines = new LogCapture();
      const http = client({ logger: pino({ level: 'info' }, lines) });
      simulator.faults.add({ kind: 'status', status: 503, path: '/pay', times: 5 });
      for (let i = 0; i < 5; i += 1) await pay(http);
      expect(http.circuit).toBe('open');
      await waitUntil(() => lines.text.includes('circuit half-open'), 'the circuit turns half-open');
      expect(http.circuit).toBe('half-open');
      expect((await pay(http)).status).toBe(200);
      expect(http.circuit).toBe('closed');
      expect(simulator.requests.count('/pay', 'POST')).toBe(6);
    });

    it('opens on transport failures too, keeping outcomeUnknown for calls that were sent', async () => {
      const http = client();
      simulator.faults.add({ kind: 'reset-after', path: '/pay' });
      for (let i = 0; i < 5; i += 1) {
        expect(await failure(pay(http))).toMatchObject({
          code: 'PROVIDER_UNAVAILABLE',
          outcomeUnknown: true,
        });
      }
      expect(http.circuit).toBe('open');
      expect(await failure(pay(http))).toMatchObject({ outcomeUnknown: false });
      expect(simulator.requests.count('/pay', 'POST')).toBe(5);
    });

    it('does not open on answers the provider chose to give (4xx)', async () => {
      const http = client();
      for (let i = 0; i < 10; i += 1) {
        expect((await http.request({ operation: 'refuse', method: 'POST', path: '/refuse' })).status).toBe(
          422,
        );
      }
      expect(http.circuit).toBe('closed');
    });

    it('runs at most maxSockets calls, queues up to maxQueued, refuses the rest before sending', async () => {
      const http = client({ maxSockets: 2, maxQueued: 1 });
      let answer!: () => void;
      const held = new Promise<void>((resolve) => (answer = resolve));
      simulator.faults.add({ kind: 'delay', until: held, path: '/pay' });
      const calls = Array.from({ length: 5 }, () => pay(http));
      // Two calls hold the sockets at the provider while the others queue or are refused.
      await waitUntil(() => simulator.requests.count('/pay', 'POST') === 2, 'two calls reach the provider');
      answer();
      const results = await Promise.allSettled(calls);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect(refused).toHaveLength(2);
      for (const r of refused) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({
          code: 'PROVIDER_UNAVAILABLE',
          outcomeUnknown: false,
          message: 'NUMEROPAY is saturated: too many calls waiting',
        });
      }
      expect(simulator.requests.count('/pay', 'POST')).toBe(3);
      expect(http.circuit).toBe('closed');
    });

    it('refuses a queued call that waited longer than the timeout, without sending it', async () => {
      const http = client({ maxSockets: 1, timeoutMs: 400 });
      // The read holds the one slot past the timeout: its first attempt times out, its retry stays in
      // the slot, so the queued payment's wait runs out whatever the order of those two timers.
      simulator.faults.add({ kind: 'delay', delayMs: 2_000, path: '/status', times: 1 });
      const [first, second] = await Promise.allSettled([read(http), pay(http)]);
      expect(first.status).toBe('fulfilled');
      expect((second as PromiseRejectedResult).reason).toMatchObject({
        message: 'NUMEROPAY is saturated: waited too long for a free slot',
        outcomeUnknown: false,
      });
      expect(simulator.requests.count('/status', 'GET')).toBe(2);
      expect(simulator.requests.count('/pay', 'POST')).toBe(0);
    });

    it('keeps one slow, failing provider from slowing another', async () => {
      const slow = client({ maxSockets: 2, maxQueued: 2, timeoutMs: 500 });
      const healthy = new ProviderHttpClient({
        provider: Provider.DIGIPAY,
        baseUrl: other.baseUrl,
        timeoutMs: 500,
        logger,
        metrics: noProviderMetrics,
        client: wire,
      });
      simulator.faults.add({ kind: 'delay', delayMs: 2000, path: '/status' });
      let floodSettled = false;
      const flood = Promise.allSettled(Array.from({ length: 20 }, () => read(slow))).finally(() => {
        floodSettled = true;
      });
      const answers = await Promise.all(Array.from({ length: 20 }, () => read(healthy)));
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      // Answered while the slow provider still holds its calls: the other never queued behind them.
      expect(floodSettled).toBe(false);
      const outcomes = await flood;
      expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
      // 2 running (each tried up to 3 times by the read retry) and 2 queued; the other 16 never left.
      expect(simulator.requests.count('/status', 'GET')).toBeLessThanOrEqual(12);
    });
  },
);
