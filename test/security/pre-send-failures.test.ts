import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { CreatePaymentDocument, TopupWalletDocument } from '../../src/generated/graphql.js';
import { DIGIPAY_SANDBOX_WALLETS } from '../integration/digipay/digipay-harness.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

/**
 * A money call that cannot leave the process (an amount the provider's JSON number cannot carry exactly, a
 * request that cannot be built) was recorded UNKNOWN, as if it might have moved money. Each provider's
 * limits are now checked before anything is recorded, and whatever still fails before sending is FAILED.
 */
describe('failures before a request leaves the process', () => {
  let gw: TestGateway;
  let mallory: string;
  let principal = 0;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(async () => {
    mallory = await gw.token(`mallory-${++principal}`);
    gw.simulators.numeropay.reset();
    gw.simulators.digipay.requests.clear();
  });

  const ledger = () =>
    gw.gateway.services.ledger.transactions.list({ principal: `mallory-${principal}` }, 100);

  it.each(['99999999999999.99', '999999999999999.99'])(
    'refuses createPayment of %s as INVALID_AMOUNT naming the field, recording and sending nothing',
    async (amount) => {
      const { body } = await gw.graphql(
        CreatePaymentDocument,
        { input: { idempotencyKey: `big-${amount}`, amount, currency: 'AUD', description: 'x' } },
        { token: mallory },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.createPayment).toMatchObject({
        transaction: null,
        userErrors: [expect.objectContaining({ code: 'INVALID_AMOUNT', field: ['input', 'amount'] })],
      });
      expect(gw.simulators.numeropay.requests.entries).toHaveLength(0);
      expect(await ledger()).toEqual([]);
    },
  );

  it('refuses a top-up DigiPay’s double cannot carry exactly, before recording it', async () => {
    const { body } = await gw.graphql(
      TopupWalletDocument,
      {
        input: {
          idempotencyKey: 'big-topup',
          walletId: DIGIPAY_SANDBOX_WALLETS.active,
          amount: '99999999999999.99',
          txnCode: 'CIB',
          paymentMode: 2,
        },
      },
      { token: mallory },
    );
    expect(body.data!.topupWallet.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_AMOUNT', field: ['input', 'amount'] }),
    ]);
    expect(gw.simulators.digipay.requests.entries).toHaveLength(0);
    expect(await ledger()).toEqual([]);
  });

  it('settles FAILED, never UNKNOWN, a payment whose request could not be built', async () => {
    // A currency NumeroPay cannot take passes the GraphQL scalar only if it is three letters; the wire
    // check refuses anything else. Simulate a request that fails while it is prepared.
    const numeropay = gw.gateway.services.providers.numeropay!;
    const original = numeropay.createPayment.bind(numeropay);
    numeropay.createPayment = (input) => original({ ...input, currency: 'not-a-currency' });
    try {
      const { body } = await gw.graphql(
        CreatePaymentDocument,
        { input: { idempotencyKey: 'unbuildable', amount: '10', currency: 'AUD', description: 'x' } },
        { token: mallory },
      );
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        provider: 'NUMEROPAY',
      });
      expect(JSON.stringify(body)).not.toContain('not-a-currency');
    } finally {
      numeropay.createPayment = original;
    }
    expect(gw.simulators.numeropay.requests.entries).toHaveLength(0);
    expect(await ledger()).toEqual([
      expect.objectContaining({ status: 'FAILED', errorCode: 'PROVIDER_BAD_REQUEST' }),
    ]);

    // The same key again answers the recorded failure as a normal payload, without a call.
    const replay = await gw.graphql(
      CreatePaymentDocument,
      { input: { idempotencyKey: 'unbuildable', amount: '10', currency: 'AUD', description: 'x' } },
      { token: mallory },
    );
    expect(replay.body.data!.createPayment).toMatchObject({
      replayed: true,
      transaction: { status: 'FAILED' },
      userErrors: [expect.objectContaining({ code: 'PROVIDER_UNAVAILABLE' })],
    });
    expect(gw.simulators.numeropay.requests.entries).toHaveLength(0);
  });
});
