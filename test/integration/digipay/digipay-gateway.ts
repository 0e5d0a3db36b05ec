import type { DigiPayConfig } from '../../../src/config/digipay.config.js';
import { DigiPayDataSource } from '../../../src/providers/digipay/digipay.data-source.js';
import type { TestGateway } from '../../helpers/test-gateway.js';

/** The configuration the gateway's sandbox gave DigiPay, with its generated credentials. */
export function sandboxDigiPayConfig(gw: TestGateway): DigiPayConfig {
  const config = gw.gateway.sandbox?.providers.digipay;
  if (!config) throw new Error('the test gateway has no DigiPay sandbox');
  return config;
}

/**
 * Points the running gateway at the same DigiPay simulator with other settings (a short timeout, wrong
 * credentials) for the duration of `run`. The data source is a real one; only its configuration differs.
 */
export async function withDigiPaySettings<T>(
  gw: TestGateway,
  overrides: Partial<DigiPayConfig>,
  run: () => Promise<T>,
): Promise<T> {
  const { services, logger } = gw.gateway;
  const original = services.providers.digipay;
  services.providers.digipay = new DigiPayDataSource(
    { ...sandboxDigiPayConfig(gw), ...overrides },
    { logger, metrics: services.metrics },
  );
  try {
    return await run();
  } finally {
    services.providers.digipay = original;
  }
}
