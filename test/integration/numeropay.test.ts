import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CreatePaymentDocument,
  TransactionsDocument,
  TransactionDocument,
} from '../../src/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

describe('NumeroPay payments through GraphQL', () => {
  let gw: TestGateway;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    alice = await gw.token('alice');
    bob = await gw.token('bob');
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.simulators.numeropay.reset());

  const payment = (idempotencyKey: string, amount = '100.50') => ({
    input: { idempotencyKey, amount, currency: 'AUD', description: 'Order 42' },
  });

  it('creates a payment that the simulator then holds, recorded in the ledger', async () => {
    const { body } = await gw.graphql(CreatePaymentDocument, payment('pay-1'), { token: alice });
    expect(body.errors).toBeUndefined();
    const result = body.data!.createPayment;
    expect(result.userErrors).toEqual([]);
    expect(result.replayed).toBe(false);
    expect(result.transaction).toMatchObject({
      provider: 'NUMEROPAY',
      kind: 'PAYMENT',
      status: 'PENDING',
      amount: { amount: '100.5', currency: 'AUD' },
    });
    const reference = result.transaction!.providerReference!;
    expect(gw.simulators.numeropay.transactions.get(reference, false)).toMatchObject({
      amount: 100.5,
      currency: 'aud',
    });
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(1);
  });

  it('replays the same key and input without a second provider call', async () => {
    const first = await gw.graphql(CreatePaymentDocument, payment('pay-replay'), { token: alice });
    const second = await gw.graphql(CreatePaymentDocument, payment('pay-replay'), { token: alice });
    expect(second.body.data!.createPayment.replayed).toBe(true);
    expect(second.body.data!.createPayment.transaction!.id).toBe(
      first.body.data!.createPayment.transaction!.id,
    );
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(1);
  });

  it('refuses the same key with another input', async () => {
    await gw.graphql(CreatePaymentDocument, payment('pay-reuse', '10'), { token: alice });
    const { body } = await gw.graphql(CreatePaymentDocument, payment('pay-reuse', '11'), { token: alice });
    expect(body.data!.createPayment.transaction).toBeNull();
    expect(body.data!.createPayment.userErrors).toEqual([
      expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }),
    ]);
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(1);
  });

  it('makes one provider call for 20 concurrent duplicates', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        gw.graphql(CreatePaymentDocument, payment('pay-concurrent'), { token: alice }),
      ),
    );
    const ids = new Set(results.map((r) => r.body.data!.createPayment.transaction!.id));
    expect(ids.size).toBe(1);
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(1);
  });

  it('keeps idempotency keys per principal', async () => {
    await gw.graphql(CreatePaymentDocument, payment('shared-key'), { token: alice });
    const { body } = await gw.graphql(CreatePaymentDocument, payment('shared-key'), { token: bob });
    expect(body.data!.createPayment.replayed).toBe(false);
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(2);
  });

  it.each([
    ['0', 'INVALID_AMOUNT'],
    ['1.001', 'INVALID_AMOUNT'],
  ])('refuses amount %s before any provider call', async (amount, code) => {
    const { body } = await gw.graphql(CreatePaymentDocument, payment(`bad-${amount}`, amount), {
      token: alice,
    });
    expect(body.data!.createPayment.userErrors).toEqual([
      expect.objectContaining({ code, field: ['input', 'amount'] }),
    ]);
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(0);
  });

  it('names the field of malformed scalars without echoing the value', async () => {
    const { body } = await gw.graphql(
      CreatePaymentDocument,
      { input: { idempotencyKey: 'x', amount: '12abc34', currency: 'AUD' } },
      { token: alice },
    );
    expect(body.errors?.[0]?.message).toContain('input.amount');
    expect(body.errors?.[0]?.message).not.toContain('12abc34');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses unauthenticated callers and a forged token', async () => {
    const anonymous = await gw.graphql(CreatePaymentDocument, payment('anon'));
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await gw.graphql(CreatePaymentDocument, payment('forged'), { token: `${alice}x` });
    expect(forged.status).toBe(401);
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(0);
  });

  it("never shows one principal another's transactions", async () => {
    const created = await gw.graphql(CreatePaymentDocument, payment('private'), { token: alice });
    const id = created.body.data!.createPayment.transaction!.id;
    const asBob = await gw.graphql(TransactionDocument, { id }, { token: bob });
    expect(asBob.body.data!.transaction).toBeNull();
    const list = await gw.graphql(TransactionsDocument, { first: 50 }, { token: bob });
    expect(list.body.data!.transactions.edges.map((edge) => edge.node.id)).not.toContain(id);
  });

  it('reads live status through one provider call per distinct payment', async () => {
    const sub = `status-${Date.now()}`;
    const token = await gw.token(sub);
    const references: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { body } = await gw.graphql(CreatePaymentDocument, payment(`live-${i}`, `${i + 1}`), { token });
      references.push(body.data!.createPayment.transaction!.providerReference!);
    }
    gw.simulators.numeropay.setTransactionState(references[0]!, 1);
    gw.simulators.numeropay.requests.clear();
    const query = `query { a: transactions(first: 10) { edges { node { status providerReference } } }
                           b: transactions(first: 10) { edges { node { status } } } }`;
    const { body } = await gw.graphql<
      { a: { edges: { node: { status: string; providerReference: string } }[] } },
      never
    >(query, undefined, { token });
    const statuses = Object.fromEntries(
      body.data!.a.edges.map((e) => [e.node.providerReference, e.node.status]),
    );
    expect(statuses[references[0]!]).toBe('SUCCEEDED');
    expect(gw.simulators.numeropay.requests.count(/^\/transaction\/.+/, 'GET')).toBe(5);
  });

  it('paginates with cursors', async () => {
    const token = await gw.token(`pages-${Date.now()}`);
    for (let i = 0; i < 3; i += 1)
      await gw.graphql(CreatePaymentDocument, payment(`page-${i}`, `${i + 1}`), { token });
    const first = await gw.graphql(TransactionsDocument, { first: 2 }, { token });
    expect(first.body.data!.transactions.edges).toHaveLength(2);
    expect(first.body.data!.transactions.pageInfo.hasNextPage).toBe(true);
    const next = await gw.graphql(
      TransactionsDocument,
      { first: 2, after: first.body.data!.transactions.pageInfo.endCursor },
      { token },
    );
    expect(next.body.data!.transactions.edges).toHaveLength(1);
    expect(next.body.data!.transactions.pageInfo.hasNextPage).toBe(false);
  });

  it('never runs a mutation sent as GET', async () => {
    const { status } = await gw.graphql(CreatePaymentDocument, payment('get'), {
      token: alice,
      method: 'GET',
    });
    expect(status).toBe(405);
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(0);
  });
});
