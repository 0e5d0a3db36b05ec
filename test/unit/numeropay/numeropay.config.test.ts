import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../src/config/config-error.js';
import { readNumeroPayConfig } from '../../../src/config/numeropay.config.js';

const complete = {
  NUMEROPAY_BASE_URL: 'https://api.numeropay.com/',
  NUMEROPAY_KEY_ID: 'sandbox.du7UghNhhhMTnYwqrEYp',
  NUMEROPAY_KEY_SECRET: 'du7UghNhhhMTnYwqrEYp',
  NUMEROPAY_MERCHANT_ID: '17c69865-7edd-4d05-bc70-65a1b85b9322',
  NUMEROPAY_BUSINESS_NAME: 'Infinity Group',
};

describe('NumeroPay configuration', () => {
  it('is disabled when no variable is set', () => {
    expect(readNumeroPayConfig({})).toBeUndefined();
  });

  it('reads a complete section with defaults', () => {
    expect(readNumeroPayConfig(complete)).toEqual({
      baseUrl: 'https://api.numeropay.com',
      keyId: 'sandbox.du7UghNhhhMTnYwqrEYp',
      keySecret: 'du7UghNhhhMTnYwqrEYp',
      merchantId: '17c69865-7edd-4d05-bc70-65a1b85b9322',
      businessName: 'Infinity Group',
      timeoutMs: 15_000,
      tokenLifetimeSeconds: 1200,
    });
    expect(readNumeroPayConfig({ ...complete, NUMEROPAY_TIMEOUT_MS: '2500' })?.timeoutMs).toBe(2500);
  });

  it.each(Object.keys(complete))('names %s when only it is missing, never a value', (name) => {
    const env: Record<string, string | undefined> = { ...complete, [name]: undefined };
    expect(() => readNumeroPayConfig(env)).toThrow(
      new ConfigError(`${name} is required when NumeroPay is configured`),
    );
  });

  it('refuses a base URL that is not http(s) and a timeout that is not a positive integer', () => {
    expect(() => readNumeroPayConfig({ ...complete, NUMEROPAY_BASE_URL: 'ftp://x' })).toThrow(
      /NUMEROPAY_BASE_URL/,
    );
    expect(() => readNumeroPayConfig({ ...complete, NUMEROPAY_TIMEOUT_MS: '0' })).toThrow(
      /NUMEROPAY_TIMEOUT_MS/,
    );
  });
});
