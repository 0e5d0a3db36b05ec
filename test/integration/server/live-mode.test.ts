import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../src/config/config-error.js';
import { ALL_PROVIDERS } from '../../../src/domain/provider.js';
import { issueClientToken } from '../../../src/server/auth/issue-token.js';
import { startGateway, type Gateway } from '../../../src/server/gateway.js';
import { LogCapture } from '../../helpers/log-capture.js';

const SECRET = 'live-mode-secret-live-mode-secret-0123456789';
const LIVE_ENV = {
  PAYGRAPH_MODE: 'live',
  SQLITE_PATH: ':memory:',
  PORT: '0',
  HOST: '127.0.0.1',
  AUTH_JWT_SECRET: SECRET,
  LOG_LEVEL: 'info',
};

describe('live mode with no provider configured', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await startGateway({ env: LIVE_ENV, logDestination: new LogCapture() });
  });
  afterAll(() => gateway.close());

  const graphql = async (query: string, variables?: unknown) => {
    const token = await issueClientToken(gateway.config.auth, 'live-user', []);
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
  };

  it('starts no simulator and reports every provider DISABLED while ready', async () => {
    expect(gateway.sandbox).toBeUndefined();
    const response = await fetch(`${gateway.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      ledger: 'ok',
      sharedState: 'in-process',
      providers: Object.fromEntries(ALL_PROVIDERS.map((provider) => [provider, 'DISABLED'])),
    });
  });

  it('lists every provider DISABLED through GraphQL', async () => {
    const { data } = await graphql('{ providers { provider state } }');
    expect(data?.providers).toEqual(ALL_PROVIDERS.map((provider) => ({ provider, state: 'DISABLED' })));
  });

  it('answers createPayment with PROVIDER_NOT_CONFIGURED and records nothing', async () => {
    const { data, errors } = await graphql(
      'mutation($input: CreatePaymentInput!) { createPayment(input: $input) { transaction { id } } }',
      { input: { idempotencyKey: 'live-1', amount: '10', currency: 'AUD' } },
    );
    expect(data).toBeNull();
    expect(errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'PROVIDER_NOT_CONFIGURED', provider: 'NUMEROPAY' }),
      }),
    ]);
    const rows = await gateway.services.db.selectFrom('transactions').selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('allows no cross-origin caller unless CORS_ORIGINS lists it', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  // Last: it takes the ledger away.
  it('is not ready once the ledger is unreachable, but still alive', async () => {
    await gateway.services.db.destroy();
    const response = await fetch(`${gateway.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'not-ready', ledger: 'unreachable' });
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  });
});

describe('live mode start-up checks', () => {
  it('refuses a provider configured in part, naming the missing variable and no value', async () => {
    const attempt = startGateway({
      env: {
        ...LIVE_ENV,
        NUMEROPAY_BASE_URL: 'https://api.numeropay.example',
        NUMEROPAY_KEY_ID: 'sandbox.KeyId-Ee42secret',
        NUMEROPAY_KEY_SECRET: 'KeySecret-Ee42secret',
      },
      logDestination: new LogCapture(),
    });
    const error = await attempt.then(
      async (gateway) => {
        await gateway.close();
        throw new Error('the gateway started');
      },
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/NUMEROPAY_MERCHANT_ID/);
    expect((error as ConfigError).message).not.toMatch(/Ee42secret/);
  });

  it('refuses to start without a way to verify client tokens', async () => {
    const { AUTH_JWT_SECRET: _secret, ...withoutAuth } = LIVE_ENV;
    await expect(startGateway({ env: withoutAuth, logDestination: new LogCapture() })).rejects.toThrow(
      /AUTH_JWT_SECRET or AUTH_JWKS_URL/,
    );
  });
});
