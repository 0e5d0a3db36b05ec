import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_PROVIDERS } from '../../../src/domain/provider.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

const CREATE_PAYMENT = `mutation CreatePayment($input: CreatePaymentInput!) {
  createPayment(input: $input) { transaction { id status } userErrors { code } }
}`;

describe('health, readiness, metrics and request ids', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('answers /healthz', async () => {
    const response = await fetch(`${gw.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('is ready with the ledger reachable, and lists the state of every provider', async () => {
    const response = await fetch(`${gw.url}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      ledger: string;
      providers: Record<string, string>;
    };
    expect(body.status).toBe('ready');
    expect(body.ledger).toBe('ok');
    expect(Object.keys(body.providers).sort()).toEqual([...ALL_PROVIDERS].sort());
    for (const state of Object.values(body.providers))
      expect(['ENABLED', 'DISABLED', 'FAILING']).toContain(state);
    // The sandbox runs NumeroPay in-process.
    expect(body.providers.NUMEROPAY).toBe('ENABLED');
  });

  it('counts GraphQL operations by name', async () => {
    const { body } = await gw.graphql('query ProviderHealthProbe { providers { provider state } }');
    expect(body.errors).toBeUndefined();
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(
      /^paygraph_graphql_requests_total\{operation="ProviderHealthProbe",outcome="success"\} 1$/m,
    );
    expect(metrics).toMatch(
      /^paygraph_graphql_request_duration_seconds_count\{operation="ProviderHealthProbe"\} 1$/m,
    );
  });

  it('counts provider calls and token acquisitions after a payment', async () => {
    const token = await gw.token('metrics-payer');
    const { body } = await gw.graphql(
      CREATE_PAYMENT,
      { input: { idempotencyKey: 'metrics-1', amount: '12.50', currency: 'AUD' } },
      { token },
    );
    expect(body.errors).toBeUndefined();
    const response = await fetch(`${gw.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const metrics = await response.text();
    expect(metrics).toMatch(
      /^paygraph_provider_calls_total\{provider="NUMEROPAY",operation="createTransaction",outcome="success"\} [1-9]\d*$/m,
    );
    expect(metrics).toMatch(
      /^paygraph_provider_token_acquisitions_total\{provider="NUMEROPAY",kind="[^"]+"\} [1-9]\d*$/m,
    );
    expect(metrics).toMatch(
      /^paygraph_graphql_requests_total\{operation="CreatePayment",outcome="success"\} 1$/m,
    );
  });

  describe('x-request-id', () => {
    it('is generated when absent', async () => {
      const first = (await fetch(`${gw.url}/healthz`)).headers.get('x-request-id');
      const second = (await fetch(`${gw.url}/healthz`)).headers.get('x-request-id');
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(second).toMatch(/^[0-9a-f-]{36}$/);
      expect(first).not.toBe(second);
    });

    it('reuses a safe id the caller sent, on GraphQL responses too', async () => {
      const health = await fetch(`${gw.url}/healthz`, { headers: { 'x-request-id': 'trace-42.abc_DEF' } });
      expect(health.headers.get('x-request-id')).toBe('trace-42.abc_DEF');
      const graphql = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'gql-7' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(graphql.status).toBe(200);
      expect(graphql.headers.get('x-request-id')).toBe('gql-7');
    });

    it.each([
      ['with spaces and markup', 'a b<script>'],
      ['too long', 'x'.repeat(65)],
      ['with a newline escape attempt', 'abc%0d%0aSet-Cookie:x'],
    ])('replaces an id %s', async (_label, unsafe) => {
      const response = await fetch(`${gw.url}/healthz`, { headers: { 'x-request-id': unsafe } });
      const id = response.headers.get('x-request-id');
      expect(id).not.toBe(unsafe);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  it('reports a provider FAILING after three failed calls in a row, and ENABLED after a success', async () => {
    const token = await gw.token('failing-payer');
    const states = async () =>
      ((await (await fetch(`${gw.url}/readyz`)).json()) as { providers: Record<string, string> }).providers;
    const numeropay = gw.simulators.numeropay;
    numeropay.faults.add({ kind: 'status', method: 'POST', path: '/transaction', status: 503, times: 3 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { body } = await gw.graphql(
        CREATE_PAYMENT,
        { input: { idempotencyKey: `failing-${attempt}`, amount: '1', currency: 'AUD' } },
        { token },
      );
      const { status } = (body.data as { createPayment: { transaction: { status: string } } }).createPayment
        .transaction;
      expect(['FAILED', 'UNKNOWN']).toContain(status);
    }
    expect((await states()).NUMEROPAY).toBe('FAILING');
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);

    const { body } = await gw.graphql(
      CREATE_PAYMENT,
      { input: { idempotencyKey: 'failing-recovered', amount: '1', currency: 'AUD' } },
      { token },
    );
    expect(body.errors).toBeUndefined();
    expect((await states()).NUMEROPAY).toBe('ENABLED');
  });
});
