import { describe, expect, it } from '@jest/globals';
import { readEnayaPayConfig } from '../../../src/config/enayapay.config.js';

describe('EnayaPay configuration', () => {
  it('is disabled when both variables are absent', () => {
    expect(readEnayaPayConfig({})).toBeUndefined();
  });

  it('reads the base URL without a trailing slash, the key and a default timeout', () => {
    expect(
      readEnayaPayConfig({
        ENAYAPAY_BASE_URL: 'https://sandbox.enayapay.com/api/v2.1/',
        ENAYAPAY_API_KEY: 'k',
      }),
    ).toEqual({ baseUrl: 'https://sandbox.enayapay.com/api/v2.1', apiKey: 'k', timeoutMs: 15_000 });
  });

  it('names the missing variable, never a value', () => {
    expect(() => readEnayaPayConfig({ ENAYAPAY_API_KEY: 'secret-key-value' })).toThrow(
      'ENAYAPAY_BASE_URL is required when EnayaPay is configured',
    );
    expect(() =>
      readEnayaPayConfig({ ENAYAPAY_BASE_URL: 'ftp://x', ENAYAPAY_API_KEY: 'secret-key-value' }),
    ).toThrow(/^ENAYAPAY_BASE_URL must be an http\(s\) URL$/);
  });
});
