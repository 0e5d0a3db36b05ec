import { describe, expect, it } from '@jest/globals';
import { readAppConfig } from '../../../src/config/app.config.js';
import { ConfigError } from '../../../src/config/config-error.js';
import type { Env } from '../../../src/config/provider-section.js';

const LIVE_SECRET = 'live-jwt-secret-Zq81-live-jwt-secret-Zq81-live';

/** Runs readAppConfig and returns the ConfigError it must throw. */
function configError(env: Env): ConfigError {
  try {
    readAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('readAppConfig accepted the environment');
}

describe('gateway configuration', () => {
  it('defaults to a sandbox on port 4000 with an SQLite ledger and any CORS origin', () => {
    expect(readAppConfig({})).toMatchObject({
      mode: 'sandbox',
      production: false,
      port: 4000,
      host: '127.0.0.1',
      database: { kind: 'sqlite', path: './data/paygraph.sqlite' },
      redisUrl: undefined,
      auth: { jwtSecret: undefined, jwksUrl: undefined, issuer: undefined, audience: undefined },
      corsOrigins: true,
      logLevel: 'info',
    });
  });

  it('reads a complete live configuration', () => {
    const config = readAppConfig({
      PAYGRAPH_MODE: 'live',
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://ledger@db.internal/paygraph',
      REDIS_URL: 'rediss://cache.internal:6380',
      AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      AUTH_ISSUER: 'https://idp.example/',
      AUTH_AUDIENCE: 'paygraph',
      CORS_ORIGINS: 'https://app.example, https://studio.apollographql.com',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      mode: 'live',
      production: true,
      port: 0,
      host: '127.0.0.1',
      database: { kind: 'postgres', url: 'postgres://ledger@db.internal/paygraph' },
      redisUrl: 'rediss://cache.internal:6380',
      auth: {
        jwksUrl: 'https://idp.example/.well-known/jwks.json',
        issuer: 'https://idp.example/',
        audience: 'paygraph',
      },
      corsOrigins: ['https://app.example', 'https://studio.apollographql.com'],
      logLevel: 'warn',
    });
  });

  it('allows no cross-origin caller in live mode unless CORS_ORIGINS says so', () => {
    expect(readAppConfig({ PAYGRAPH_MODE: 'live', AUTH_JWT_SECRET: LIVE_SECRET }).corsOrigins).toEqual([]);
    expect(
      readAppConfig({ PAYGRAPH_MODE: 'live', AUTH_JWT_SECRET: LIVE_SECRET, CORS_ORIGINS: '*' }).corsOrigins,
    ).toBe(true);
  });

  describe('production never falls back to sandbox mode', () => {
    it('refuses NODE_ENV=production without PAYGRAPH_MODE, naming it', () => {
      expect(configError({ NODE_ENV: 'production' }).message).toMatch(
        /^PAYGRAPH_MODE is required with NODE_ENV=production/,
      );
      expect(configError({ NODE_ENV: 'production', PAYGRAPH_MODE: '  ' }).message).toMatch(/PAYGRAPH_MODE/);
    });

    it('runs the sandbox in production only when asked to explicitly', () => {
      expect(readAppConfig({ NODE_ENV: 'production', PAYGRAPH_MODE: 'sandbox' }).mode).toBe('sandbox');
    });
  });

  describe('the shutdown drain (SHUTDOWN_DRAIN_MS)', () => {
    it('lasts 10 s in live mode and nothing in sandbox mode unless set', () => {
      expect(readAppConfig({ PAYGRAPH_MODE: 'live', AUTH_JWT_SECRET: LIVE_SECRET }).shutdownDrainMs).toBe(
        10_000,
      );
      expect(readAppConfig({}).shutdownDrainMs).toBe(0);
      expect(readAppConfig({ SHUTDOWN_DRAIN_MS: '2500' }).shutdownDrainMs).toBe(2500);
      expect(
        readAppConfig({ PAYGRAPH_MODE: 'live', AUTH_JWT_SECRET: LIVE_SECRET, SHUTDOWN_DRAIN_MS: '0' })
          .shutdownDrainMs,
      ).toBe(0);
    });

    it('refuses a malformed value, naming the variable', () => {
      expect(configError({ SHUTDOWN_DRAIN_MS: '5s' }).message).toBe(
        'SHUTDOWN_DRAIN_MS must be a positive integer',
      );
    });
  });

  describe('live mode needs a way to verify client tokens', () => {
    it('fails without AUTH_JWT_SECRET and AUTH_JWKS_URL, naming both', () => {
      const error = configError({ PAYGRAPH_MODE: 'live' });
      expect(error.message).toContain('AUTH_JWT_SECRET');
      expect(error.message).toContain('AUTH_JWKS_URL');
    });

    it('treats blank values as absent', () => {
      expect(
        configError({ PAYGRAPH_MODE: 'live', AUTH_JWT_SECRET: '   ', AUTH_JWKS_URL: '' }).message,
      ).toMatch(/AUTH_JWT_SECRET or AUTH_JWKS_URL is required/);
    });

    it('accepts either one', () => {
      expect(readAppConfig({ PAYGRAPH_MODE: 'live', AUTH_JWT_SECRET: LIVE_SECRET }).auth.jwtSecret).toBe(
        LIVE_SECRET,
      );
      expect(
        readAppConfig({ PAYGRAPH_MODE: 'live', AUTH_JWKS_URL: 'https://idp.example/jwks' }).auth.jwksUrl,
      ).toBe('https://idp.example/jwks');
    });
  });

  // Each value carries a distinctive marker, so its absence from the message proves the value was not echoed.
  it.each<[string, string]>([
    ['PAYGRAPH_MODE', 'liv3-Qx7mark'],
    ['LOG_LEVEL', 'verbose-Lv9mark'],
    ['PORT', '80a-Prt5mark'],
    ['PORT', '70123'],
    ['DATABASE_URL', 'mysql://ledger:Db-Pa55-wQ3mark@db.internal/paygraph'],
    ['REDIS_URL', 'http://:R3dis-kL2mark@cache.internal'],
    ['AUTH_JWT_SECRET', 'short-S3cret-Hh4mark'],
    ['AUTH_JWKS_URL', 'not-a-url-Vb8mark'],
    ['AUTH_JWKS_URL', 'ftp://idp.example/Pq1mark'],
    ['CORS_ORIGINS', 'https://ok.example,not-an-origin-Cr5mark'],
  ])('a malformed %s (%s) stops start-up, named, without its value', (name, value) => {
    const error = configError({ [name]: value });
    expect(error.message).toContain(name);
    expect(error.message).not.toContain(value);
    const marker = /[A-Za-z0-9]+mark/.exec(value)?.[0];
    if (marker) expect(error.message).not.toContain(marker);
  });
});
