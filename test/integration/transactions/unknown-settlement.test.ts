import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { Provider } from '../../../src/domain/provider.js';
import { CreatePaymentDocument, RechargeMobileDocument } from '../../../src/generated/graphql.js';
import {
  NumeroPayReconciliation,
  RECONCILER,
} from '../../../src/operations/transactions/numeropay-reconciliation.js';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../../src/sandbox/nupeye/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

const RESOLVE = `
  mutation Resolve($input: ResolveUnknownTransactionInput!) {
    resolveUnknownTransaction(input: $input) {
      transaction { id status failureCode resolutions { by from to reason } }
      userErrors { code field message }
    }
  }`;

interface ResolvePayload {
  resolveUnknownTransaction: {
    transaction: {
      id: string;
      status: string;
      failureCode: string | null;
      resolutions: { by: string; from: string; to: string; reason: string }[];
    } | null;
    userErrors: { code: string; field: string[] | null; message: string }[];
  };
}

describe('settling UNKNOWN transactions without re-sending them', () => {
  let gw: TestGateway;
  let alice: string;
  let operator: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    alice = await gw.token('alice');
    operator = await gw.token('back-office', ['operator']);
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    gw.simulators.nupeye.reset();
    gw.simulators.numeropay.reset();
  });

  const lostRecharge = async (idempotencyKey: string) => {
    gw.simulators.nupeye.faults.add({ kind: 'reset-after', path: '/recharge_account', times: 1 });
    const { body } = await gw.graphql(
      RechargeMobileDocument,
      {
        input: {
          idempotencyKey,
          mobileNumber: '9812345678',
          amount: '10',
          nupeyeUserName: NUPEYE_SANDBOX_CUSTOMER.userName,
          nupeyePassword: NUPEYE_SANDBOX_CUSTOMER.password,
        },
      },
      { token: alice },
    );
    const transaction = body.data!.rechargeMobile.transaction!;
    expect(transaction.status).toBe('UNKNOWN');
    return transaction.id;
  };
  const resolve = (input: Record<string, string>, token = operator) =>
    gw.graphql<ResolvePayload, unknown>(RESOLVE, { input }, { token });

  it('lets an operator settle an UNKNOWN Nupeye recharge, once, with an audit trail', async () => {
    const id = await lostRecharge('lost-1');
    const { body } = await resolve({
      transactionId: id,
      outcome: 'SUCCEEDED',
      reason: 'Nupeye back office: txn 77 paid',
    });
    expect(body.data!.resolveUnknownTransaction).toEqual({
      transaction: {
        id,
        status: 'SUCCEEDED',
        failureCode: null,
        resolutions: [
          { by: 'back-office', from: 'UNKNOWN', to: 'SUCCEEDED', reason: 'Nupeye back office: txn 77 paid' },
        ],
      },
      userErrors: [],
    });
    // A settled transaction is never settled again, by anyone.
    const again = await resolve({ transactionId: id, outcome: 'FAILED', reason: 'second thoughts' });
    expect(again.body.data!.resolveUnknownTransaction.userErrors).toEqual([
      expect.objectContaining({ code: 'DECLINED', field: ['input', 'transactionId'] }),
    ]);
    expect(gw.simulators.nupeye.requests.count('/recharge_account')).toBe(1);
  });

  it('refuses end users, empty reasons, unknown ids and providers with a status API', async () => {
    const id = await lostRecharge('lost-2');
    const forbidden = await resolve({ transactionId: id, outcome: 'FAILED', reason: 'mine' }, alice);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const empty = await resolve({ transactionId: id, outcome: 'FAILED', reason: '  ' });
    expect(empty.body.data!.resolveUnknownTransaction.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'reason'] }),
    ]);
    const missing = await resolve({
      transactionId: 'VHJhbnNhY3Rpb246bm9uZQ',
      outcome: 'FAILED',
      reason: 'x',
    });
    expect(missing.body.data!.resolveUnknownTransaction.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND' }),
    ]);

    gw.simulators.numeropay.faults.add({
      kind: 'reset-after',
      method: 'POST',
      path: '/transaction',
      times: 1,
    });
    const payment = await gw.graphql(
      CreatePaymentDocument,
      { input: { idempotencyKey: 'np-lost', amount: '12.5', currency: 'AUD', description: 'Order 9' } },
      { token: alice },
    );
    const paymentId = payment.body.data!.createPayment.transaction!.id;
    const refused = await resolve({ transactionId: paymentId, outcome: 'SUCCEEDED', reason: 'x' });
    expect(refused.body.data!.resolveUnknownTransaction.userErrors[0]!.message).toMatch(/status API/);
  });

  it('settles an UNKNOWN NumeroPay payment from its list only where exactly one payment matches', async () => {
    const carol = await gw.token('carol');
    const pay = async (idempotencyKey: string, description: string) => {
      gw.simulators.numeropay.faults.add({
        kind: 'reset-after',
        method: 'POST',
        path: '/transaction',
        times: 1,
      });
      const { body } = await gw.graphql(
        CreatePaymentDocument,
        { input: { idempotencyKey, amount: '40', currency: 'AUD', description } },
        { token: carol },
      );
      return body.data!.createPayment.transaction!;
    };
    const unique = await pay('np-unique', 'Order 100');
    const twinA = await pay('np-twin-a', 'Order 200');
    const twinB = await pay('np-twin-b', 'Order 200');
    expect([unique.status, twinA.status, twinB.status]).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN']);

    const { services } = gw.gateway;
    const reconciliation = new NumeroPayReconciliation(
      services.ledger.transactions,
      services.ledger.writes,
      services.providers,
      pino({ level: 'silent' }),
      { windowMs: 60_000, afterMs: 0, now: () => Date.now() + 1 },
    );
    // Every UNKNOWN NumeroPay payment is looked at (an earlier test's too, whose payment NumeroPay forgot).
    const round = await reconciliation.runOnce();
    expect(round.settled).toBe(1);
    expect(round.checked).toBeGreaterThanOrEqual(3);

    const rows = await services.ledger.transactions.list(
      { principal: 'carol', provider: Provider.NUMEROPAY },
      10,
    );
    const byKey = new Map(rows.map((row) => [row.idempotencyKey, row]));
    expect(byKey.get('np-unique')).toMatchObject({
      status: 'PENDING',
      providerReference: expect.any(String),
    });
    // Two payments alike: which is whose cannot be told, so both stay for an operator.
    expect(byKey.get('np-twin-a')).toMatchObject({ status: 'UNKNOWN', providerReference: null });
    expect(byKey.get('np-twin-b')).toMatchObject({ status: 'UNKNOWN', providerReference: null });
    const trail = await services.operations.unknownResolutions.trail(byKey.get('np-unique')!.id);
    expect(trail).toEqual([expect.objectContaining({ by: RECONCILER, from: 'UNKNOWN', to: 'PENDING' })]);
    // Nothing was sent again.
    expect(gw.simulators.numeropay.requests.filter('/transaction', 'POST')).toHaveLength(3);
    expect(await reconciliation.runOnce()).toEqual({ checked: round.checked - 1, settled: 0 });
  });
});
