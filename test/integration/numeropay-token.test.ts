import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { isProviderError } from '../../src/providers/shared/provider-error.js';
import {
  createdPayment,
  ManualClock,
  startNumeroPayHarness,
  type NumeroPayHarness,
} from './numeropay-harness.js';

const MINUTE = 60_000;

describe('NumeroPay token lifecycle against the simulator', () => {
  let harness: NumeroPayHarness;
  let clientClock: ManualClock;
  const tokensSent = () =>
    new Set(harness.simulator.requests.entries.map((entry) => String(entry.headers.authorization)));

  beforeAll(async () => {
    harness = await startNumeroPayHarness();
  });
  afterAll(() => harness.stop());
  beforeEach(() => {
    harness.simulator.reset();
    clientClock = new ManualClock(harness.providerClock.ms);
  });

  it('mints once for many calls, concurrent ones included', async () => {
    const dataSource = harness.dataSource({}, { now: clientClock.now });
    const before = harness.mints();
    await Promise.all([dataSource.listPayments(), dataSource.listPayments(), dataSource.listPayments()]);
    for (let i = 0; i < 5; i += 1) await dataSource.createPayment({ amount: `${i + 1}`, currency: 'AUD' });
    expect(harness.mints() - before).toBe(1);
    expect(harness.simulator.requests.entries).toHaveLength(8);
    expect(tokensSent().size).toBe(1);
  });

  it('mints again before the 20 minutes run out, and the new token is accepted', async () => {
    const dataSource = harness.dataSource({}, { now: clientClock.now });
    const before = harness.mints();
    await dataSource.listPayments();
    for (const clock of [clientClock, harness.providerClock]) clock.advance(19 * MINUTE + 45_000);
    await dataSource.listPayments();
    expect(harness.mints() - before).toBe(2);
    expect(tokensSent().size).toBe(2);
  });

  it('renews and replays once when NumeroPay finds the token expired', async () => {
    const dataSource = harness.dataSource({}, { now: clientClock.now });
    const { providerReference } = await createdPayment(dataSource, { amount: '12.34', currency: 'AUD' });
    const before = harness.mints();
    // NumeroPay's clock runs ahead of ours: our cached token looks fresh to us and expired to it.
    clientClock.advance(MINUTE);
    harness.providerClock.advance(20 * MINUTE + 5_000);

    const payment = await dataSource.getPayment(providerReference);

    expect(payment.amount).toBe('12.34');
    expect(harness.mints() - before).toBe(1);
    expect(harness.simulator.requests.count(`/transaction/${providerReference}`, 'GET')).toBe(2);
    expect(tokensSent().size).toBe(2);
  });

  it('replays a create refused for an expired token exactly once, creating one transaction', async () => {
    const dataSource = harness.dataSource({}, { now: clientClock.now });
    await dataSource.listPayments();
    clientClock.advance(MINUTE);
    harness.providerClock.advance(20 * MINUTE + 5_000);

    await dataSource.createPayment({ amount: '9.99', currency: 'AUD' });

    expect(harness.simulator.requests.count('/transaction', 'POST')).toBe(2);
    expect(await dataSource.listPayments()).toHaveLength(1);
  });

  it('gives up with PROVIDER_AUTH_FAILED when a fresh token is refused as expired too', async () => {
    const dataSource = harness.dataSource({}, { now: clientClock.now });
    await dataSource.listPayments();
    harness.providerClock.advance(25 * MINUTE); // more skew than a token lives
    const error = await dataSource.listPayments().catch((caught: unknown) => caught);
    expect(isProviderError(error, 'PROVIDER_AUTH_FAILED')).toBe(true);
    expect(harness.simulator.requests.count('/transaction', 'GET')).toBe(3);
  });

  it('scales the renewal margin down for short token lifetimes', async () => {
    const dataSource = harness.dataSource({ tokenLifetimeSeconds: 4 }, { now: clientClock.now });
    const before = harness.mints();
    await dataSource.listPayments();
    await dataSource.listPayments();
    expect(harness.mints() - before).toBe(1);
    for (const clock of [clientClock, harness.providerClock]) clock.advance(3_500);
    await dataSource.listPayments();
    expect(harness.mints() - before).toBe(2);
  });
});
