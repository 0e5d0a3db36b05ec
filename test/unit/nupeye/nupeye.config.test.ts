import { describe, expect, it } from '@jest/globals';
import { readNupeyeConfig } from '../../../src/config/nupeye.config.js';

const complete = {
  NUPEYE_BASE_URL: 'https://nupeye.example/recharge_services/v1/',
  NUPEYE_API_USER: 'Numache1',
  NUPEYE_API_KEY: 'k-123',
};

describe('Nupeye configuration', () => {
  it('is disabled when no variable is set', () => {
    expect(readNupeyeConfig({})).toBeUndefined();
    expect(readNupeyeConfig({ NUPEYE_CURRENCY: 'NPR' })).toBeUndefined();
  });

  it('defaults to INR, 24-hour tokens and a 15 s timeout', () => {
    expect(readNupeyeConfig(complete)).toEqual({
      baseUrl: 'https://nupeye.example/recharge_services/v1',
      apiUser: 'Numache1',
      apiKey: 'k-123',
      currency: 'INR',
      tokenLifetimeMs: 86_400_000,
      timeoutMs: 15_000,
    });
  });

  it('takes the currency, token lifetime and timeout from the environment', () => {
    const config = readNupeyeConfig({
      ...complete,
      NUPEYE_CURRENCY: 'npr',
      NUPEYE_TOKEN_LIFETIME_SECONDS: '60',
      NUPEYE_TIMEOUT_MS: '2500',
    });
    expect(config).toMatchObject({ currency: 'NPR', tokenLifetimeMs: 60_000, timeoutMs: 2500 });
  });

  it('names the missing variable, never a value', () => {
    expect(() => readNupeyeConfig({ ...complete, NUPEYE_API_KEY: '' })).toThrow(
      'NUPEYE_API_KEY is required when Nupeye is configured',
    );
    expect(() => readNupeyeConfig({ NUPEYE_API_KEY: 'k-123' })).toThrow(/NUPEYE_BASE_URL/);
    expect(() => readNupeyeConfig({ NUPEYE_API_KEY: 'k-123' })).not.toThrow(/k-123/);
  });

  it.each([
    ['NUPEYE_CURRENCY', 'rupees', /NUPEYE_CURRENCY/],
    ['NUPEYE_BASE_URL', 'ftp://nupeye.example', /NUPEYE_BASE_URL must be an http\(s\) URL/],
    ['NUPEYE_TOKEN_LIFETIME_SECONDS', '-5', /NUPEYE_TOKEN_LIFETIME_SECONDS must be a positive integer/],
  ])('refuses an invalid %s', (name, value, message) => {
    expect(() => readNupeyeConfig({ ...complete, [name]: value })).toThrow(message);
  });
});
