import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../src/config/config-error.js';
import { readDigiPayConfig } from '../../../src/config/digipay.config.js';

const complete = {
  DIGIPAY_BASE_URL: 'https://digipay.example/digipay/v3/',
  DIGIPAY_TOKEN: 'secret-token-value',
  DIGIPAY_COMPANY_ID: '76bc712200ca444fa334f9e55e5fd7a8',
};

describe('readDigiPayConfig', () => {
  it('is disabled when no DigiPay variable is set', () => {
    expect(readDigiPayConfig({})).toBeUndefined();
  });

  it('reads a complete section with NPR by default', () => {
    expect(readDigiPayConfig(complete)).toEqual({
      baseUrl: 'https://digipay.example/digipay/v3',
      token: 'secret-token-value',
      companyId: '76bc712200ca444fa334f9e55e5fd7a8',
      currency: 'NPR',
      timeoutMs: 15_000,
    });
  });

  it('takes the currency and timeout from the environment', () => {
    const config = readDigiPayConfig({ ...complete, DIGIPAY_CURRENCY: 'inr', DIGIPAY_TIMEOUT_MS: '2500' });
    expect(config).toMatchObject({ currency: 'INR', timeoutMs: 2500 });
  });

  it('names the missing variable without printing any value', () => {
    const { DIGIPAY_COMPANY_ID: _missing, ...partial } = complete;
    expect(() => readDigiPayConfig(partial)).toThrow(
      new ConfigError('DIGIPAY_COMPANY_ID is required when DigiPay is configured'),
    );
    try {
      readDigiPayConfig({ ...complete, DIGIPAY_CURRENCY: 'rupees' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toContain('DIGIPAY_CURRENCY');
      expect(String(error)).not.toContain('secret-token-value');
      return;
    }
    throw new Error('expected a ConfigError');
  });
});
