import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { CreatePaymentDocument } from '../../../src/generated/graphql.js';
import {
  createTestDatabase,
  terminateConnections,
  describePostgres,
  type TestDatabase,
} from '../../helpers/test-database.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { waitUntil } from '../../helpers/wait-until.js';

/** PostgreSQL restarts, fails over and times idle sessions out: the gateway must outlive each of them. */
describePostgres('a gateway whose PostgreSQL ends its idle connections', () => {
  let database: TestDatabase;
  let gw: TestGateway;
  let alice: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    gw = await startTestGateway(database.env);
    alice = await gw.token('alice');
  });
  afterAll(async () => {
    await gw.close();
    await database.drop();
  });

  const pay = (idempotencyKey: string) =>
    gw.graphql(
      CreatePaymentDocument,
      { input: { idempotencyKey, amount: '12.00', currency: 'AUD', description: 'after a restart' } },
      { token: alice },
    );
  const lossLines = () =>
    gw.logs.parsed().filter((line) => String(line.msg).startsWith('ledger connection ended by the database'));

  it('logs the loss without the connection settings, stays ready and records the next payment', async () => {
    expect((await pay('before-loss')).body.data?.createPayment.transaction?.status).toBe('PENDING');

    expect(await terminateConnections(database)).toBeGreaterThan(0);
    await waitUntil(() => lossLines().length > 0, 'the gateway logging the lost ledger connection');

    expect(lossLines()[0]).toMatchObject({ level: 40, code: '57P01' });
    const password = new URL(database.env.DATABASE_URL!).password;
    expect(password).not.toBe('');
    expect(gw.logs.text).not.toContain(password);

    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(200);
    const { body } = await pay('after-loss');
    expect(body.errors).toBeUndefined();
    expect(body.data?.createPayment.transaction?.status).toBe('PENDING');
    expect(gw.simulators.numeropay.requests.count('/transaction', 'POST')).toBe(2);
  });
});
