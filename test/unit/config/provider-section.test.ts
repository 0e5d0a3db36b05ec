import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../src/config/config-error.js';
import { readNumeroPayConfig } from '../../../src/config/numeropay.config.js';
import {
  readPositiveInt,
  readProviderSection,
  readUrl,
  type Env,
} from '../../../src/config/provider-section.js';
import { readProvidersConfig } from '../../../src/config/providers.config.js';

function thrown(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError was thrown');
}

const NUMEROPAY_SECRETS = {
  NUMEROPAY_BASE_URL: 'https://api.numeropay.example',
  NUMEROPAY_KEY_ID: 'sandbox.KeyId-Mk41secret',
  NUMEROPAY_KEY_SECRET: 'KeySecret-Tt93secret',
  NUMEROPAY_MERCHANT_ID: 'merchant-Rr27secret',
  NUMEROPAY_BUSINESS_NAME: 'Business-Yy55secret',
};

describe('provider sections', () => {
  const read = (env: Env) =>
    readProviderSection(env, 'Acme', ['ACME_URL', 'ACME_KEY'] as const, ['ACME_TIMEOUT'] as const);

  it('is undefined (provider disabled) when every required variable is absent or blank', () => {
    expect(read({})).toBeUndefined();
    expect(read({ ACME_URL: '  ', ACME_KEY: '' })).toBeUndefined();
    expect(read({ ACME_TIMEOUT: '5' })).toBeUndefined();
  });

  it('returns the trimmed values, optional ones only when present', () => {
    expect(read({ ACME_URL: ' https://acme.example ', ACME_KEY: 'k' })).toEqual({
      ACME_URL: 'https://acme.example',
      ACME_KEY: 'k',
    });
    expect(read({ ACME_URL: 'u', ACME_KEY: 'k', ACME_TIMEOUT: '5' })?.ACME_TIMEOUT).toBe('5');
  });

  it('names the missing variable of a partly configured provider and not the values it was given', () => {
    const error = thrown(() => read({ ACME_URL: 'https://acme.example', ACME_KEY: ' ' }));
    expect(error.message).toBe('ACME_KEY is required when Acme is configured');
    const other = thrown(() => read({ ACME_KEY: 'AcmeKey-Pp11secret' }));
    expect(other.message).toBe('ACME_URL is required when Acme is configured');
    expect(other.message).not.toContain('Pp11secret');
  });
});

describe('NumeroPay section', () => {
  it.each(Object.keys(NUMEROPAY_SECRETS))('without %s fails naming it and no other value', (missing) => {
    const env: Env = { ...NUMEROPAY_SECRETS, [missing]: undefined };
    const error = thrown(() => readNumeroPayConfig(env));
    expect(error.message).toContain(missing);
    for (const value of Object.values(NUMEROPAY_SECRETS)) {
      expect(error.message).not.toContain(value);
      expect(error.message).not.toContain(/[A-Za-z]+-[A-Za-z0-9]+secret/.exec(value)?.[0] ?? value);
    }
  });

  it('refuses a timeout too long for a timer, which would fail every call at once', () => {
    const error = thrown(() =>
      readNumeroPayConfig({ ...NUMEROPAY_SECRETS, NUMEROPAY_TIMEOUT_MS: '3000000000' }),
    );
    expect(error.message).toContain('NUMEROPAY_TIMEOUT_MS');
  });

  it('refuses a malformed base URL without echoing it', () => {
    const error = thrown(() =>
      readNumeroPayConfig({ ...NUMEROPAY_SECRETS, NUMEROPAY_BASE_URL: 'api.numeropay.example/Uu66secret' }),
    );
    expect(error.message).toContain('NUMEROPAY_BASE_URL');
    expect(error.message).not.toContain('Uu66secret');
  });
});

describe('live provider configuration', () => {
  it('disables every provider when none of their variables is set', () => {
    const config = readProvidersConfig({});
    expect(Object.values(config).every((section) => section === undefined)).toBe(true);
  });

  it('fails on a provider configured in part, naming the missing variable', () => {
    const { NUMEROPAY_MERCHANT_ID: _dropped, ...partial } = NUMEROPAY_SECRETS;
    const error = thrown(() => readProvidersConfig(partial));
    expect(error.message).toContain('NUMEROPAY_MERCHANT_ID');
    expect(error.message).not.toContain('KeySecret-Tt93secret');
  });

  it('enables only the provider that is configured', () => {
    const config = readProvidersConfig(NUMEROPAY_SECRETS);
    expect(config.numeropay?.keySecret).toBe('KeySecret-Tt93secret');
    const others = Object.entries(config).filter(([key]) => key !== 'numeropay');
    expect(others.every(([, section]) => section === undefined)).toBe(true);
  });
});

describe('readUrl', () => {
  it('accepts http(s) and drops trailing slashes', () => {
    expect(readUrl('X_URL', 'https://api.example/v1///')).toBe('https://api.example/v1');
    expect(readUrl('X_URL', 'http://127.0.0.1:4101')).toBe('http://127.0.0.1:4101');
  });

  it.each(['ftp://files.example/Ab12secret', 'file:///etc/Ab12secret', 'Ab12secret', ''])(
    'refuses %j naming the variable only',
    (value) => {
      const error = thrown(() => readUrl('X_URL', value));
      expect(error.message).toBe('X_URL must be an http(s) URL');
    },
  );
});

describe('readPositiveInt', () => {
  it('uses the fallback when absent or blank', () => {
    expect(readPositiveInt({}, 'N', 7)).toBe(7);
    expect(readPositiveInt({ N: ' ' }, 'N', 7)).toBe(7);
  });

  it('reads plain positive integers', () => {
    expect(readPositiveInt({ N: '2500' }, 'N', 7)).toBe(2500);
    expect(readPositiveInt({ N: ' 12 ' }, 'N', 7)).toBe(12);
  });

  it.each(['0', '-1', '1.5', '1e3', '0x10', 'ten', '12abc'])('refuses %j', (value) => {
    expect(thrown(() => readPositiveInt({ N: value }, 'N', 7)).message).toBe('N must be a positive integer');
  });

  it('refuses values a Node timer cannot wait for, unless the caller allows more', () => {
    // setTimeout fires after 1 ms for anything longer, which would time out every provider call at once.
    expect(readPositiveInt({ N: '2147483647' }, 'N', 7)).toBe(2_147_483_647);
    expect(thrown(() => readPositiveInt({ N: '2147483648' }, 'N', 7)).message).toBe(
      'N must be at most 2147483647',
    );
    expect(thrown(() => readPositiveInt({ N: '99999999999999999999' }, 'N', 7)).message).toMatch(/at most/);
    expect(thrown(() => readPositiveInt({ N: '101' }, 'N', 7, 100)).message).toBe('N must be at most 100');
  });
});
