import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const OTHER_ORIGIN = 'https://studio.apollographql.com';
const PAN = '4111111111111111';

describe('the HTTP surface of /graphql', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('serves the Apollo Sandbox landing page to a browser outside production', async () => {
    const response = await fetch(`${gw.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toMatch(/<html/i);
    expect(html).toContain('new window.EmbeddedSandbox(');
  });

  describe('CSRF prevention', () => {
    const query = encodeURIComponent('{ __typename }');

    it('refuses a GET that a browser could send cross-site without a preflight', async () => {
      const response = await fetch(`${gw.url}/graphql?query=${query}`);
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain('"__typename"');
    });

    it('runs a GET that carries a preflight-forcing header', async () => {
      const response = await fetch(`${gw.url}/graphql?query=${query}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    });

    it('refuses a POST with a content type a form could send', async () => {
      const response = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    });
  });

  it('allows a CORS preflight from another origin in sandbox mode', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: OTHER_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe(OTHER_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  it('answers a cross-origin POST with the allow-origin header', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { origin: OTHER_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(OTHER_ORIGIN);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('"__typename"');
  });

  it.each([
    ['an Int', { first: PAN }],
    ['an enum', { first: 1, filter: { status: PAN } }],
    [
      'an unknown input field beside a value holding "; "',
      { first: 1, filter: { status: 'PENDING', note: `x; ${PAN}` } },
    ],
  ])(
    'names a bad %s variable without echoing its value, stack traces included',
    async (_label, variables) => {
      const token = await gw.token('coercion');
      const { status, text, body } = await gw.graphql(
        'query($first: Int, $filter: TransactionFilter) { transactions(first: $first, filter: $filter) { edges { cursor } } }',
        variables,
        { token },
      );
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toMatch(/^Variable "\$(first|filter)" has an invalid value/);
      expect(text).not.toContain(PAN);
    },
  );

  it('refuses a body that is not JSON without echoing it', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query": "{ __typename }", "variables": {"pan": "${PAN}"`,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(PAN);
  });
});

describe('the HTTP surface in production', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ NODE_ENV: 'production' });
  });
  afterAll(() => gw.close());

  it('embeds no Sandbox and allows no introspection', async () => {
    const page = await fetch(`${gw.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(await page.text()).not.toContain('EmbeddedSandbox(');
    const { body } = await gw.graphql('{ __schema { queryType { name } } }');
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('sends no stack traces', async () => {
    const { text } = await gw.graphql('{ doesNotExist }');
    expect(text).not.toContain('stacktrace');
  });
});
