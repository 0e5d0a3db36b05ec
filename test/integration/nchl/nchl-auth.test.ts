import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { isProviderError, type ProviderError } from '../../../src/providers/shared/provider-error.js';
import { HOUR, SECOND, startNchlHarness, type NchlHarness } from './nchl-harness.js';

const TOKEN = '/oauth/token';

function grants(harness: NchlHarness): string[] {
  return harness.simulator.requests
    .filter(TOKEN, 'POST')
    .map((entry) => (entry.body as { grant_type: string }).grant_type);
}

/** 300 report calls at once, each on its own request id. */
function burst(harness: NchlHarness, dataSource = harness.dataSource) {
  return Promise.all(Array.from({ length: 300 }, (_, index) => dataSource.report(`burst-${index}`)));
}

describe('NCHL auth lifecycle against the simulator', () => {
  let harness: NchlHarness;

  beforeAll(async () => {
    harness = await startNchlHarness();
  });
  afterAll(() => harness.stop());
  beforeEach(async () => {
    await harness.dataSource.tokens.settled();
    harness.simulator.reset();
    harness.dataSource.tokens.clear();
    harness.metrics.acquisitions.length = 0;
  });

  it('exchanges the refresh token at once and calls the API with the refresh-grant access token', async () => {
    await harness.dataSource.report('first-call');

    expect(grants(harness)).toEqual(['password', 'refresh_token']);
    const [passwordGrant, refreshGrant] = harness.simulator.requests.filter(TOKEN);
    const basic = `Basic ${Buffer.from(`${harness.config.clientId}:${harness.config.clientSecret}`).toString('base64')}`;
    expect(passwordGrant!.headers.authorization).toBe(basic);
    expect(refreshGrant!.headers.authorization).toBe(basic);
    expect(passwordGrant!.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(harness.simulator.requests.count('/api/v1/cardless/report')).toBe(1);
    expect(harness.metrics.acquisitions).toEqual(['login']);
  });

  it('reuses the access token until shortly before its 300 s run out', async () => {
    await harness.dataSource.report('a');
    harness.clock.advance(260 * SECOND);
    await harness.dataSource.report('b');
    expect(grants(harness)).toEqual(['password', 'refresh_token']);

    harness.clock.advance(15 * SECOND); // 275 s: inside the 30 s skew, renewed beside the call
    await harness.dataSource.report('c');
    await harness.dataSource.tokens.settled();
    expect(grants(harness)).toEqual(['password', 'refresh_token', 'refresh_token']);
  });

  it('makes exactly one refresh-grant call for 300 concurrent requests while the access token expires', async () => {
    await harness.dataSource.report('warm-up');
    harness.simulator.reset();
    harness.clock.advance(290 * SECOND);

    const reports = await burst(harness);
    await harness.dataSource.tokens.settled();

    expect(reports.every((report) => report === undefined)).toBe(true);
    expect(grants(harness)).toEqual(['refresh_token']);
    expect(harness.simulator.requests.count('/api/v1/cardless/report')).toBe(300);
  });

  it('makes exactly one refresh-grant call when NCHL ends the access token before we expected', async () => {
    await harness.dataSource.report('warm-up');
    harness.simulator.reset();
    harness.simulator.oauth.expireAccessTokens();

    await burst(harness);

    expect(grants(harness)).toEqual(['refresh_token']);
    // Each call was refused once (401) and replayed once with the new token.
    expect(harness.simulator.requests.count('/api/v1/cardless/report')).toBeLessThanOrEqual(600);
    expect(harness.simulator.requests.count('/api/v1/cardless/report')).toBeGreaterThanOrEqual(300);
  });

  it('starts over with exactly one password grant when the refresh token has expired', async () => {
    await harness.dataSource.report('warm-up');
    harness.simulator.reset();
    harness.clock.advance(12 * HOUR);

    await burst(harness);

    expect(grants(harness)).toEqual(['password', 'refresh_token']);
  });

  it('starts over with exactly one password grant when NCHL refuses the refresh token', async () => {
    await harness.dataSource.report('warm-up');
    harness.simulator.reset();
    harness.simulator.oauth.expireRefreshTokens();
    harness.simulator.oauth.expireAccessTokens();

    await burst(harness);

    expect(grants(harness)).toEqual(['refresh_token', 'password', 'refresh_token']);
    expect(harness.metrics.acquisitions.slice(-1)).toEqual(['login']);
  });

  it('fails with PROVIDER_AUTH_FAILED on wrong client credentials, without calling the API', async () => {
    const client = harness.client({ clientSecret: 'not-the-secret' });
    const error = await client.report('x').catch((caught: unknown) => caught);
    expect(isProviderError(error, 'PROVIDER_AUTH_FAILED')).toBe(true);
    expect((error as ProviderError).outcomeUnknown).toBe(false);
    expect(harness.simulator.requests.count('/api/v1/cardless/report')).toBe(0);
  });

  it('fails with PROVIDER_AUTH_FAILED on a wrong NPI password, naming no secret', async () => {
    const client = harness.client({ password: 'wrong-password-value' });
    const error = (await client.report('x').catch((caught: unknown) => caught)) as ProviderError;
    expect(isProviderError(error, 'PROVIDER_AUTH_FAILED')).toBe(true);
    expect(error.message).not.toContain('wrong-password-value');
    expect(harness.lines.join('\n')).not.toContain('wrong-password-value');
    expect(harness.lines.join('\n')).not.toContain(harness.config.clientSecret);
  });

  it('renews tokens on the refresh lifetime the simulator is given', async () => {
    harness.simulator.oauth.lifetimes = { accessSeconds: 60, refreshSeconds: 120 };
    try {
      await harness.dataSource.report('a');
      harness.clock.advance(45 * SECOND); // inside the skew of the 60 s token
      await harness.dataSource.report('b');
      await harness.dataSource.tokens.settled();
      harness.clock.advance(60 * SECOND); // refresh token has 15 s left: less than the skew
      await harness.dataSource.report('c');
      expect(grants(harness)).toEqual([
        'password',
        'refresh_token',
        'refresh_token',
        'password',
        'refresh_token',
      ]);
    } finally {
      harness.simulator.oauth.lifetimes = { accessSeconds: 300, refreshSeconds: 43_200 };
    }
  });
});

describe('the strict simulator', () => {
  let harness: NchlHarness;

  beforeAll(async () => {
    harness = await startNchlHarness();
  });
  afterAll(() => harness.stop());

  async function grant(form: Record<string, string>, secret = harness.config.clientSecret) {
    const response = await fetch(`${harness.simulator.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${harness.config.clientId}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  function report(accessToken: string) {
    return fetch(`${harness.simulator.baseUrl}/api/v1/cardless/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ transactionUniqueId: 'x' }),
    });
  }

  it('refuses the access token of the password grant and accepts that of the refresh grant', async () => {
    const login = await grant({
      grant_type: 'password',
      username: harness.config.username,
      password: harness.config.password,
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ expires_in: 300, refresh_expires_in: 43_200 });
    expect((await report(login.body.access_token as string)).status).toBe(401);

    const refreshed = await grant({
      grant_type: 'refresh_token',
      refresh_token: login.body.refresh_token as string,
    });
    expect(refreshed.status).toBe(200);
    expect((await report(refreshed.body.access_token as string)).status).toBe(200);
  });

  it('answers invalid_client to a wrong client secret and invalid_grant to an unknown refresh token', async () => {
    expect(await grant({ grant_type: 'password', username: 'u', password: 'p' }, 'nope')).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
    expect(await grant({ grant_type: 'refresh_token', refresh_token: 'unknown' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });
});
