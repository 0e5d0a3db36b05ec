import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_OPERATION_LIMITS } from '../../src/config/security.config.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const limits = DEFAULT_OPERATION_LIMITS;
const payment = (key: string) =>
  `createPayment(input: { idempotencyKey: "${key}", amount: "1.00", currency: "AUD" }) { replayed }`;

/** Documents an attacker would send, each beyond exactly one limit. */
const hostile = {
  deep: fc
    .integer({ min: limits.maxDepth + 1, max: 300 })
    .map((depth) => `{ ${'me { '.repeat(1)}${'a { '.repeat(depth - 1)}id${' }'.repeat(depth)} }`),
  deepIntrospection: fc
    .integer({ min: 4, max: 60 })
    .map((n) => `{ __schema { types { ${'fields { type { '.repeat(n)}name${' } }'.repeat(n)} } } }`),
  typenameAliases: fc
    .integer({ min: limits.maxAliases + 1, max: 400 })
    .map((n) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`),
  mutationAliases: fc
    .integer({ min: limits.maxAliases + 1, max: 60 })
    .map(
      (n) =>
        `mutation { ${Array.from({ length: n }, (_, i) => `p${i}: ${payment(`alias-${i}`)}`).join(' ')} }`,
    ),
  huge: fc.integer({ min: limits.maxTokens, max: 20_000 }).map((n) => `{ ${'__typename '.repeat(n)}}`),
  directives: fc
    .integer({ min: limits.maxDirectives + 1, max: 200 })
    .map((n) => `{ __typename ${'@include(if: true) '.repeat(n)}}`),
  providerCalls: fc
    .integer({ min: 2, max: limits.maxAliases })
    .map(
      (n) =>
        `{ ${Array.from({ length: n }, (_, i) => `t${i}: transactions(first: 100) { edges { node { status } } }`).join(' ')} }`,
    ),
  fragmentFanOut: fc
    .integer({ min: 3, max: 8 })
    .map(
      (n) =>
        `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { a${i}: transactions(first: 100) { edges { node { status } } } ${i + 1 < n ? `...F${i + 1}` : ''} }`).join(' ')}`,
    ),
};

describe('hostile documents are refused before any resolver runs', () => {
  let gw: TestGateway;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    token = await gw.token('mallory');
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.simulators.numeropay.reset());

  async function expectRefused(query: string): Promise<void> {
    const response = await gw.graphql(query, undefined, { token });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.length).toBeGreaterThan(0);
    for (const error of response.body.errors ?? []) {
      expect(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']).toContain(error.extensions?.code);
    }
  }

  it.each(Object.entries(hostile))('refuses %s documents', async (_kind, documents) => {
    await fc.assert(fc.asyncProperty(documents, expectRefused), { numRuns: 15 });
    expect(gw.simulators.numeropay.requests.entries).toHaveLength(0);
    const ledger = await gw.gateway.services.ledger.transactions.list({ principal: 'mallory' }, 10);
    expect(ledger).toHaveLength(0);
  });

  it('names the limit that was exceeded', async () => {
    const aliases = await gw.graphql(
      `{ ${Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ')} }`,
    );
    expect(aliases.body.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
    const huge = await gw.graphql(`{ ${'__typename '.repeat(2000)}}`);
    expect(huge.body.errors?.[0]?.message).toMatch(/1000 tokens\. Parsing aborted/);
    const deep = await gw.graphql(`{ me { ${'a { '.repeat(12)}id${' }'.repeat(12)} } }`, undefined, {
      token,
    });
    expect(deep.body.errors?.map((error) => error.message)).toContainEqual(
      expect.stringMatching(/Query depth limit of 10 exceeded, found 14/),
    );
    const costly = await gw.graphql(
      `{ a: transactions(first: 100) { edges { node { status } } } b: walletTopupQuote(input: { walletId: "w", amount: "1", txnCode: "t", paymentMode: 1 }) { quote { walletId } } }`,
      undefined,
      { token },
    );
    expect(costly.body.errors?.map((error) => error.message)).toContain(
      'Operation may make 101 provider calls; the limit is 100. Ask for smaller pages.',
    );
  });

  it('counts page sizes passed as variables, clamped like the resolvers clamp them', async () => {
    const twice = `query($n: Int!) { a: transactions(first: $n) { edges { node { status } } }
                                       b: transactions(first: $n) { edges { node { status } } } }`;
    const within = await gw.graphql(twice, { n: 50 }, { token });
    expect(within.body.errors).toBeUndefined();
    const beyond = await gw.graphql(twice, { n: 51 }, { token });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors?.[0]?.message).toMatch(/may make 102 provider calls/);
    const huge = await gw.graphql(twice, { n: 2_000_000_000 }, { token });
    expect(huge.body.errors?.[0]?.message).toMatch(/may make 200 provider calls/);
  });

  it('answers an ordinary operation within every limit', async () => {
    const within = await gw.graphql(
      `{ me { transactions(first: 10) { edges { node { status amount { amount } } } } } providers { state } }`,
      undefined,
      { token },
    );
    expect(within.status).toBe(200);
    expect(within.body.errors).toBeUndefined();
  });

  it('refuses batched requests', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('refuses simple requests a browser would send cross-site (CSRF prevention)', async () => {
    const form = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(form.status).toBe(400);
    const get = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(400);
  });

  it('refuses a body larger than the limit', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(limits.maxBodyBytes) } }),
    });
    expect(response.status).toBe(413);
  });
});
