import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader } from 'jose';
import { TransactionStatus } from '../../src/domain/transaction.js';
import {
  isProviderError,
  NotSentError,
  type ProviderError,
} from '../../src/providers/shared/provider-error.js';
import {
  createdPayment,
  startNumeroPayHarness,
  waitFor,
  type NumeroPayHarness,
} from './numeropay-harness.js';

async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (isProviderError(error)) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('NumeroPay client against the simulator', () => {
  let harness: NumeroPayHarness;

  beforeAll(async () => {
    harness = await startNumeroPayHarness();
  });
  afterAll(() => harness.stop());
  beforeEach(() => harness.simulator.reset());

  const storedTransactions = () =>
    harness.simulator.transactions.list({
      merchant: harness.config.merchantId,
      live: false,
      limit: 100,
      from: Math.floor(harness.providerClock.ms / 1000),
    }).length;

  describe('payments', () => {
    it('creates a payment: exact JSON amount, lower-case currency, configured merchant, Bearer JWT', async () => {
      const payment = await harness
        .dataSource()
        .createPayment({ amount: '10.50', currency: 'AUD', description: 'Order 1042' });

      expect(payment).toEqual({
        providerReference: expect.stringMatching(/^[0-9A-Z]{9}$/),
        status: TransactionStatus.PENDING,
      });
      expect(await harness.dataSource().getPayment(payment.providerReference!)).toEqual({
        providerReference: payment.providerReference,
        status: TransactionStatus.PENDING,
        amount: '10.5',
        currency: 'AUD',
        description: 'Order 1042',
        businessName: harness.config.businessName,
        createdAt: new Date(harness.providerClock.ms),
        updatedAt: new Date(harness.providerClock.ms),
      });
      const [request] = harness.simulator.requests.filter('/transaction', 'POST');
      expect(request?.body).toEqual({
        amount: 10.5,
        currency: 'aud',
        description: 'Order 1042',
        merchant: harness.config.merchantId,
        businessName: harness.config.businessName,
      });
      const authorization = String(request?.headers.authorization);
      expect(authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(decodeProtectedHeader(authorization.slice('Bearer '.length))).toStrictEqual({
        alg: 'HS256',
        type: 'JWT',
        keyid: harness.config.keyId,
      });
    });

    it('refuses an amount NumeroPay cannot take before sending anything', async () => {
      await expect(harness.dataSource().createPayment({ amount: '10.505', currency: 'AUD' })).rejects.toThrow(
        NotSentError,
      );
      expect(harness.simulator.requests.entries).toHaveLength(0);
    });

    it('sees state changes through getPayment', async () => {
      const dataSource = harness.dataSource();
      const { providerReference } = await createdPayment(dataSource, { amount: '25', currency: 'usd' });
      expect((await dataSource.getPayment(providerReference)).status).toBe(TransactionStatus.PENDING);
      harness.providerClock.advance(60_000);
      harness.simulator.setTransactionState(providerReference, 1);
      const paid = await dataSource.getPayment(providerReference);
      expect(paid.status).toBe(TransactionStatus.SUCCEEDED);
      expect(paid.updatedAt).toEqual(new Date(harness.providerClock.ms));
      harness.simulator.setTransactionState(providerReference, 4);
      expect((await dataSource.getPayment(providerReference)).status).toBe(TransactionStatus.REFUNDED);
      expect(await dataSource.fetchStatuses([providerReference])).toEqual([TransactionStatus.REFUNDED]);
    });

    it('lists payments with status, limit and date filters', async () => {
      const dataSource = harness.dataSource();
      const a = await createdPayment(dataSource, { amount: '1', currency: 'AUD' });
      harness.providerClock.advance(2_000);
      const b = await createdPayment(dataSource, { amount: '2', currency: 'AUD' });
      harness.providerClock.advance(2_000);
      const c = await createdPayment(dataSource, { amount: '3', currency: 'AUD' });
      harness.simulator.setTransactionState(b.providerReference, 2);
      harness.simulator.setTransactionState(c.providerReference, 3);
      const references = (payments: { providerReference: string }[]) =>
        payments.map((p) => p.providerReference);

      expect(references(await dataSource.listPayments())).toEqual([c, b, a].map((p) => p.providerReference));
      expect(references(await dataSource.listPayments({ limit: 1 }))).toEqual([c.providerReference]);
      expect(
        references(
          await dataSource.listPayments({ statuses: [TransactionStatus.FAILED, TransactionStatus.PENDING] }),
        ),
      ).toEqual([b.providerReference, a.providerReference]);
      expect(
        references(
          await dataSource.listPayments({ createdAtOrBefore: new Date(harness.providerClock.ms - 1_000) }),
        ),
      ).toEqual([b.providerReference, a.providerReference]);
      expect(
        references(await dataSource.listPayments({ businessNames: [harness.config.businessName], limit: 2 })),
      ).toEqual([c.providerReference, b.providerReference]);
      const before = harness.simulator.requests.count('/transaction', 'GET');
      expect(await dataSource.listPayments({ statuses: [TransactionStatus.UNKNOWN] })).toEqual([]);
      expect(harness.simulator.requests.count('/transaction', 'GET')).toBe(before);
    });

    it('batches lookups: one call per distinct id, in parallel, answers in order, failures in place', async () => {
      const dataSource = harness.dataSource();
      const a = await createdPayment(dataSource, { amount: '1', currency: 'AUD' });
      const b = await createdPayment(dataSource, { amount: '2', currency: 'AUD' });
      const other = harness.simulator.registerMerchant();
      const foreign = harness.simulator.transactions.create({
        merchant: other.id,
        businessName: other.businessNames[0]!,
        amount: 3,
        currency: 'aud',
        description: '',
        ipAddress: '127.0.0.1',
        live: false,
      });
      harness.simulator.requests.clear();
      const delayMs = 1_000;
      harness.simulator.faults.add({ kind: 'delay', delayMs, method: 'GET', path: /^\/transaction\// });

      const pending = dataSource.getPayments([
        b.providerReference,
        'ZZZZZZZZZ',
        a.providerReference,
        b.providerReference,
        foreign.id,
      ]);
      // Every lookup reaches NumeroPay before the first one is answered: they run in parallel.
      await waitFor(() => harness.simulator.requests.entries.length === 4);
      const arrivals = harness.simulator.requests.entries.map((entry) => entry.at.getTime());
      expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(delayMs);
      const results = await pending;

      expect(harness.simulator.requests.entries.map((entry) => entry.path).sort()).toEqual(
        [a.providerReference, b.providerReference, 'ZZZZZZZZZ', foreign.id]
          .map((id) => `/transaction/${id}`)
          .sort(),
      );
      expect(results).toHaveLength(5);
      expect(results[0]).toMatchObject({ providerReference: b.providerReference, amount: '2' });
      expect(results[2]).toMatchObject({ providerReference: a.providerReference, amount: '1' });
      expect(results[3]).toBe(results[0]);
      expect(results[1]).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: 'NOT_FOUND' });
      expect(results[4]).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: 'FORBIDDEN' });
    });
  });

  describe('errors', () => {
    it('answers BAD_REQUEST on HTTP 200 as a refusal of the request, without the provider message', async () => {
      const answer = await harness.dataSource().createPayment({ amount: '5', currency: 'ABC' });
      expect(answer).toEqual({ status: TransactionStatus.FAILED, rejection: 'INVALID_REQUEST' });
    });

    it('maps SYSTEM_ERROR to PROVIDER_UNAVAILABLE on HTTP 500 and on HTTP 200 alike', async () => {
      for (const status of [500, 200]) {
        harness.simulator.faults.add({
          kind: 'status',
          status,
          method: 'GET',
          path: '/transaction',
          times: 1,
        });
        const error = await providerError(harness.dataSource().listPayments());
        expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', providerCode: 'SYSTEM_ERROR', status });
      }
    });

    it('leaves a create answered with SYSTEM_ERROR as outcome unknown, sent once', async () => {
      harness.simulator.faults.add({
        kind: 'status',
        status: 500,
        method: 'POST',
        path: '/transaction',
        times: 1,
      });
      const error = await providerError(harness.dataSource().createPayment({ amount: '5', currency: 'AUD' }));
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: true });
      expect(harness.simulator.requests.count('/transaction', 'POST')).toBe(1);
    });

    it('leaves a create whose answer was lost as outcome unknown, though NumeroPay created it', async () => {
      harness.simulator.faults.add({ kind: 'reset-after', method: 'POST', path: '/transaction', times: 1 });
      const error = await providerError(harness.dataSource().createPayment({ amount: '5', currency: 'AUD' }));
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: true });
      expect(harness.simulator.requests.count('/transaction', 'POST')).toBe(1);
      expect(storedTransactions()).toBe(1);
    });

    it('times out a slow create as outcome unknown, and an unreadable answer likewise', async () => {
      harness.simulator.faults.add({
        kind: 'delay',
        delayMs: 1_500,
        method: 'POST',
        path: '/transaction',
        times: 1,
      });
      const slow = await providerError(
        harness.dataSource({ timeoutMs: 300 }).createPayment({ amount: '5', currency: 'AUD' }),
      );
      expect(slow).toMatchObject({ code: 'PROVIDER_TIMEOUT', outcomeUnknown: true });
      // NumeroPay goes on and creates it after we stopped waiting: that is why the outcome is unknown.
      await waitFor(() => storedTransactions() === 1);

      harness.simulator.faults.add({
        kind: 'malformed-json',
        method: 'POST',
        path: '/transaction',
        times: 1,
      });
      const garbled = await providerError(
        harness.dataSource().createPayment({ amount: '5', currency: 'AUD' }),
      );
      expect(garbled).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE', outcomeUnknown: true });
    });

    it('maps wrong credentials to PROVIDER_AUTH_FAILED without replaying', async () => {
      const badSecret = await providerError(
        harness.dataSource({ keySecret: 'WrongSecretWrongSecret' }).listPayments(),
      );
      expect(badSecret).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', providerCode: 'FORBIDDEN' });
      const unknownKey = await providerError(
        harness.dataSource({ keyId: 'sandbox.NoSuchKeyIdAtAll000' }).listPayments(),
      );
      expect(unknownKey).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', providerCode: 'UNKNOWN_USER' });
      const otherMerchant = await providerError(
        harness.dataSource({ merchantId: harness.simulator.registerMerchant().id }).listPayments(),
      );
      expect(otherMerchant).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', providerCode: 'FORBIDDEN' });
      expect(harness.simulator.requests.count('/transaction', 'GET')).toBe(3);
    });

    it('never writes the secret or a token in a log line or an error', async () => {
      const dataSource = harness.dataSource();
      await dataSource.createPayment({ amount: '7', currency: 'AUD' });
      harness.simulator.faults.add({
        kind: 'status',
        status: 500,
        method: 'GET',
        path: '/transaction',
        times: 1,
      });
      const error = await providerError(dataSource.listPayments());
      const tokens = harness.simulator.requests.entries.map((entry) =>
        String(entry.headers.authorization).replace('Bearer ', ''),
      );
      const written = [...harness.lines, error.message, JSON.stringify(error)].join('\n');
      expect(harness.lines.length).toBeGreaterThan(0);
      for (const secret of [harness.config.keySecret, ...tokens]) expect(written).not.toContain(secret);
    });
  });
});
