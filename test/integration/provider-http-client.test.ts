import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreatePaymentDocument, TransactionDocument } from '../../src/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

/** got names itself in User-Agent; undici's request API sends none, so the header tells the wires apart. */
const userAgentsOf = (gw: TestGateway) =>
  gw.simulators.numeropay.requests.entries.map((entry) => entry.headers['user-agent'] ?? 'none');

describe.each([
  ['got', /^got /],
  ['undici', /^(none|undici)$/],
])('PROVIDER_HTTP_CLIENT=%s through the gateway', (client, userAgent) => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ PROVIDER_HTTP_CLIENT: client });
  });
  afterAll(() => gw.close());

  it('creates a payment and reads its live status with the configured library', async () => {
    const token = await gw.token('wire-user');
    const input = { idempotencyKey: `wire-${client}`, amount: '12.30', currency: 'AUD' };
    const created = await gw.graphql(CreatePaymentDocument, { input }, { token });
    expect(created.body.errors).toBeUndefined();
    const transaction = created.body.data!.createPayment.transaction!;

    gw.simulators.numeropay.transactions.setState(transaction.providerReference!, 1);
    const read = await gw.graphql(TransactionDocument, { id: transaction.id }, { token });
    expect(read.body.data!.transaction).toMatchObject({ status: 'SUCCEEDED' });

    const agents = userAgentsOf(gw);
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(1);
    expect(agents.length).toBeGreaterThanOrEqual(2);
    for (const agent of agents) expect(agent).toMatch(userAgent);
  });
});
