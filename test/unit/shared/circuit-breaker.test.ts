import { afterEach, describe, expect, it } from '@jest/globals';
import type CircuitBreaker from 'opossum';
import { pino } from 'pino';
import { Provider } from '../../../src/domain/provider.js';
import { ProviderCircuitBreaker } from '../../../src/providers/shared/circuit-breaker.js';

/** The opossum breaker inside, whose rolling window the circuit is decided on. */
const windowOf = (circuit: ProviderCircuitBreaker) =>
  (circuit as unknown as { breaker: CircuitBreaker }).breaker.stats;

describe('ProviderCircuitBreaker', () => {
  let circuit: ProviderCircuitBreaker;
  afterEach(() => circuit.shutdown());

  it('keeps counts in its window, never each call latency', async () => {
    circuit = new ProviderCircuitBreaker(Provider.NUMEROPAY, pino({ level: 'silent' }));
    for (let call = 0; call < 300; call += 1) await circuit.run(() => Promise.resolve('ok'));

    const window = windowOf(circuit);
    expect(window.fires).toBe(300);
    expect(window.successes).toBe(300);
    // Kept, every failure would copy and sort them all to decide the circuit.
    expect(window.latencyTimes).toHaveLength(0);
  });

  it('opens once failures pass their share of a window that holds enough calls', async () => {
    circuit = new ProviderCircuitBreaker(Provider.NUMEROPAY, pino({ level: 'silent' }));
    for (let call = 0; call < 20; call += 1) await circuit.run(() => Promise.resolve('ok'));
    for (let call = 0; call < 20; call += 1) {
      await circuit.run(() => Promise.reject(new Error('provider down'))).catch(() => undefined);
      expect(circuit.state).toBe('closed');
    }

    await circuit.run(() => Promise.reject(new Error('provider down'))).catch(() => undefined);

    expect(circuit.state).toBe('open');
    await expect(circuit.run(() => Promise.resolve('ok'))).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      outcomeUnknown: false,
    });
  });
});
