import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/domain/global-id.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const providerRequests = (gw: TestGateway) =>
  Object.values(gw.simulators).reduce((sum, simulator) => sum + simulator.requests.entries.length, 0);

describe('the provider-call budget counts every provider-backed field', () => {
  let gw: TestGateway;
  let token: string;

  beforeAll(async () => {
    // Entities capped well above the budget, so that the budget is what refuses.
    gw = await startTestGateway({ GRAPHQL_MAX_ENTITIES: '500' });
    token = await gw.token('mallory');
  });
  afterAll(() => gw.close());

  async function expectRefused(query: string, variables: unknown, calls: number): Promise<void> {
    const before = providerRequests(gw);
    const response = await gw.graphql(query, variables, { token });
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.map((error) => error.message)).toEqual([
      `Operation may make ${calls} provider calls; the limit is 100. Ask for smaller pages.`,
    ]);
    expect(providerRequests(gw)).toBe(before);
  }

  it('refuses 100 NumeroPay statuses beside 150 NCHL reports (Withdrawal.status)', async () => {
    await expectRefused(
      `{ transactions(first: 100) { edges { node { status } } }
         a: withdrawals(first: 100) { edges { node { status } } }
         b: withdrawals(first: 50) { edges { node { status } } } }`,
      undefined,
      250,
    );
    await expectRefused(
      `query($n: Int!) { withdrawals(first: $n) { edges { node { status } } } me { withdrawals(first: 1) { edges { node { status } } } } }`,
      { n: 100 },
      101,
    );
  });

  it('multiplies _entities by its representations: 150 NumeroPay statuses are refused', async () => {
    const representations = Array.from({ length: 150 }, (_, i) => ({
      __typename: 'Transaction',
      id: toGlobalId('Transaction', `t-${i}`),
    }));
    await expectRefused(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Transaction { status } } }`,
      { r: representations },
      150,
    );
  });

  it('runs an operation within the budget', async () => {
    const response = await gw.graphql(
      `{ transactions(first: 50) { edges { node { status } } } withdrawals(first: 50) { edges { node { status } } } }`,
      undefined,
      { token },
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });
});

describe('the provider-call budget of mutations', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ GRAPHQL_MAX_PROVIDER_CALLS: '15' });
  });
  afterAll(() => gw.close());

  it('counts the calls every mutation field declares, aliases included, before any is recorded', async () => {
    const token = await gw.token('mallory');
    const payments = Array.from(
      { length: 11 },
      (_, i) =>
        `p${i}: createPayment(input: { idempotencyKey: "budget-${i}", amount: "1.00", currency: "AUD" }) { transaction { status } }`,
    ).join(' ');
    const response = await gw.graphql(`mutation { ${payments} }`, undefined, { token });
    // 11 payments, each with the NumeroPay status of what it returns: 22 calls at most.
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((error) => error.message)).toEqual([
      'Operation may make 22 provider calls; the limit is 15. Ask for smaller pages.',
    ]);
    expect(providerRequests(gw)).toBe(0);
    expect(await gw.gateway.services.ledger.transactions.list({ principal: 'mallory' }, 10)).toEqual([]);
  });
});
