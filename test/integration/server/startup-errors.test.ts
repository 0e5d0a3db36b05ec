import { describe, expect, it, jest } from '@jest/globals';
import { freePort, spawnGateway } from './gateway-process.js';

jest.setTimeout(90_000);

const SECRET = 'startup-errors-secret-startup-errors-secret-0';

describe('a gateway process that cannot start', () => {
  it('exits 1 naming the missing variable of a partly configured provider, printing no value', async () => {
    const gateway = spawnGateway(
      {
        PAYGRAPH_MODE: 'live',
        SQLITE_PATH: ':memory:',
        AUTH_JWT_SECRET: SECRET,
        NUMEROPAY_BASE_URL: 'https://api.numeropay.example',
        NUMEROPAY_KEY_ID: 'sandbox.KeyId-Sx61mark',
        NUMEROPAY_KEY_SECRET: 'KeySecret-Sx61mark',
        NUMEROPAY_BUSINESS_NAME: 'Business-Sx61mark',
      },
      await freePort(),
    );
    expect((await gateway.exited).code).toBe(1);
    const output = gateway.output();
    expect(output).toContain('Configuration error: NUMEROPAY_MERCHANT_ID is required');
    expect(output).not.toContain('Sx61mark');
    expect(output).not.toContain(SECRET);
  });

  it('exits 1 without printing the password of an unreachable ledger', async () => {
    const closed = await freePort();
    const gateway = spawnGateway(
      {
        PAYGRAPH_MODE: 'live',
        AUTH_JWT_SECRET: SECRET,
        DATABASE_URL: `postgres://paygraph:Pg-Pass-Wd42mark@127.0.0.1:${closed}/paygraph`,
      },
      await freePort(),
    );
    expect((await gateway.exited).code).toBe(1);
    const output = gateway.output();
    expect(output).toContain('PayGraph failed to start');
    expect(output).not.toContain('Wd42mark');
    expect(output).not.toContain(SECRET);
  });
});
