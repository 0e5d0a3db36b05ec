import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  TopupWalletDocument,
  TransactionsDocument,
  WalletTopupQuoteDocument,
} from '../../../src/generated/graphql.js';
import { DIGIPAY_SANDBOX_WALLETS } from '../../../src/sandbox/digipay/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { sandboxDigiPayConfig, withDigiPaySettings } from './digipay-gateway.js';

const TOPUP_PATH = '/transaction/wallet_topup';
const CHARGES_PATH = '/transaction/agent_calculate_charges';

let gw: TestGateway;
let token: string;
let userCount = 0;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(async () => {
  gw.simulators.digipay.reset();
  userCount += 1;
  token = await gw.token(`digipay-user-${userCount}`);
});

const topup = (idempotencyKey: string, overrides: Record<string, unknown> = {}) => ({
  input: {
    idempotencyKey,
    walletId: DIGIPAY_SANDBOX_WALLETS.active,
    amount: '250.75',
    txnCode: 'CIB',
    paymentMode: 2,
    note: 'pocket money',
    ...overrides,
  },
});

const quote = (overrides: Record<string, unknown> = {}) => ({
  input: {
    walletId: DIGIPAY_SANDBOX_WALLETS.active,
    amount: '1000',
    txnCode: 'CIB',
    paymentMode: 2,
    ...overrides,
  },
});

async function myTransactions() {
  const { body } = await gw.graphql(TransactionsDocument, { first: 20 }, { token });
  return body.data!.transactions.edges.map((edge) => edge.node);
}

describe('walletTopupQuote', () => {
  it('answers the charges as Money lines and their exact total, recording nothing', async () => {
    const { body } = await gw.graphql(WalletTopupQuoteDocument, quote(), { token });
    expect(body.errors).toBeUndefined();
    expect(body.data!.walletTopupQuote).toEqual({
      quote: {
        walletId: DIGIPAY_SANDBOX_WALLETS.active,
        amount: { amount: '1000', currency: 'NPR' },
        charges: [
          { name: 'Service charge', amount: { amount: '15', currency: 'NPR' } },
          { name: 'VAT', amount: { amount: '1.95', currency: 'NPR' } },
        ],
        totalCharges: { amount: '16.95', currency: 'NPR' },
      },
      userErrors: [],
    });
    expect(gw.simulators.digipay.requests.count(CHARGES_PATH)).toBe(1);
    expect(await myTransactions()).toEqual([]);
  });

  it('names an unknown wallet and a wallet DigiPay declines as userErrors', async () => {
    const unknown = await gw.graphql(WalletTopupQuoteDocument, quote({ walletId: 'feedfeedfeedfeed' }), {
      token,
    });
    expect(unknown.body.data!.walletTopupQuote).toEqual({
      quote: null,
      userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'walletId'] })],
    });
    const blocked = await gw.graphql(
      WalletTopupQuoteDocument,
      quote({ walletId: DIGIPAY_SANDBOX_WALLETS.blocked }),
      {
        token,
      },
    );
    expect(blocked.body.data!.walletTopupQuote.userErrors).toEqual([
      expect.objectContaining({ code: 'DECLINED' }),
    ]);
  });

  it('refuses a bad amount and wallet id before calling DigiPay', async () => {
    const { body } = await gw.graphql(
      WalletTopupQuoteDocument,
      quote({ amount: '10.001', walletId: 'a b' }),
      { token },
    );
    expect(body.data!.walletTopupQuote.userErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'INVALID_AMOUNT', field: ['input', 'amount'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'walletId'] }),
      ]),
    );
    expect(gw.simulators.digipay.requests.count(CHARGES_PATH)).toBe(0);
  });

  it('requires a caller', async () => {
    const { body } = await gw.graphql(WalletTopupQuoteDocument, quote());
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(gw.simulators.digipay.requests.count(CHARGES_PATH)).toBe(0);
  });
});

describe('topupWallet', () => {
  it("tops the wallet up and returns a WALLET_TOPUP transaction with DigiPay's txn id", async () => {
    const { body } = await gw.graphql(TopupWalletDocument, topup('topup-1'), { token });
    expect(body.errors).toBeUndefined();
    const result = body.data!.topupWallet;
    const [applied] = gw.simulators.digipay.wallets.topups;
    expect(result.userErrors).toEqual([]);
    expect(result.replayed).toBe(false);
    expect(result.transaction).toMatchObject({
      provider: 'DIGIPAY',
      kind: 'WALLET_TOPUP',
      status: 'SUCCEEDED',
      amount: { amount: '250.75', currency: 'NPR' },
      accountRef: DIGIPAY_SANDBOX_WALLETS.active,
      description: 'pocket money',
      providerReference: applied?.txnId,
      failureCode: null,
    });
    expect(gw.simulators.digipay.wallets.balanceOf(DIGIPAY_SANDBOX_WALLETS.active)).toBe('5250.75');
    expect(gw.simulators.digipay.requests.filter(TOPUP_PATH)[0]?.body).toEqual({
      wallet_id: DIGIPAY_SANDBOX_WALLETS.active,
      txn_amount: 250.75,
      txn_code: 'CIB',
      payment_mode: 2,
      note: 'pocket money',
    });
  });

  it('writes the ledger row before DigiPay is called', async () => {
    gw.simulators.digipay.faults.add({ kind: 'delay', delayMs: 600, path: TOPUP_PATH, times: 1 });
    const inFlight = gw.graphql(TopupWalletDocument, topup('topup-ledger-first'), { token });
    await waitFor(() => gw.simulators.digipay.requests.count(TOPUP_PATH) === 1);
    // DigiPay has the request but has not answered: the row is already there, SENDING.
    expect(await myTransactions()).toEqual([
      expect.objectContaining({ kind: 'WALLET_TOPUP', status: 'SENDING', providerReference: null }),
    ]);
    const { body } = await inFlight;
    expect(body.data!.topupWallet.transaction!.status).toBe('SUCCEEDED');
  });

  it('maps txn_status 0 to PENDING and 2 to FAILED with a decline', async () => {
    const pending = await gw.graphql(
      TopupWalletDocument,
      topup('p', { walletId: DIGIPAY_SANDBOX_WALLETS.pending }),
      {
        token,
      },
    );
    expect(pending.body.data!.topupWallet).toMatchObject({
      transaction: { status: 'PENDING' },
      userErrors: [],
    });
    const failed = await gw.graphql(
      TopupWalletDocument,
      topup('f', { walletId: DIGIPAY_SANDBOX_WALLETS.failing }),
      {
        token,
      },
    );
    expect(failed.body.data!.topupWallet).toMatchObject({
      transaction: {
        status: 'FAILED',
        failureCode: 'DECLINED',
        providerReference: expect.any(String),
      },
      userErrors: [expect.objectContaining({ code: 'DECLINED' })],
    });
  });

  describe('each failure form', () => {
    it('HTTP 200 with success 0: FAILED, declined', async () => {
      const { body } = await gw.graphql(
        TopupWalletDocument,
        topup('k200', { walletId: DIGIPAY_SANDBOX_WALLETS.blocked }),
        {
          token,
        },
      );
      expect(body.data!.topupWallet).toMatchObject({
        transaction: { status: 'FAILED', failureCode: 'DECLINED', providerReference: null },
        userErrors: [expect.objectContaining({ code: 'DECLINED', field: null })],
      });
      expect(gw.simulators.digipay.wallets.topups).toHaveLength(0);
    });

    it('HTTP 400: FAILED, invalid input', async () => {
      gw.simulators.digipay.faults.add({ kind: 'status', status: 400, path: TOPUP_PATH, times: 1 });
      const { body } = await gw.graphql(TopupWalletDocument, topup('k400'), { token });
      expect(body.data!.topupWallet).toMatchObject({
        transaction: { status: 'FAILED', failureCode: 'INVALID_REQUEST' },
        userErrors: [expect.objectContaining({ code: 'INVALID_INPUT' })],
      });
    });

    it('HTTP 404: FAILED, the wallet is named', async () => {
      const { body } = await gw.graphql(TopupWalletDocument, topup('k404', { walletId: 'f00df00df00d' }), {
        token,
      });
      expect(body.data!.topupWallet).toMatchObject({
        transaction: { status: 'FAILED', accountRef: 'f00df00df00d' },
        userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'walletId'] })],
      });
    });

    it('HTTP 500: UNKNOWN, since DigiPay may have acted, and not re-sent', async () => {
      gw.simulators.digipay.faults.add({ kind: 'status', status: 500, path: TOPUP_PATH, times: 1 });
      const { body } = await gw.graphql(TopupWalletDocument, topup('k500'), { token });
      expect(body.data!.topupWallet).toMatchObject({
        transaction: { status: 'UNKNOWN', failureCode: 'PROVIDER_UNAVAILABLE' },
        userErrors: [],
      });
      expect(gw.simulators.digipay.requests.count(TOPUP_PATH)).toBe(1);
    });

    it('HTTP 503: FAILED, reported as PROVIDER_UNAVAILABLE', async () => {
      gw.simulators.digipay.faults.add({ kind: 'status', status: 503, path: TOPUP_PATH, times: 1 });
      const { body } = await gw.graphql(TopupWalletDocument, topup('k503'), { token });
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'PROVIDER_UNAVAILABLE',
        provider: 'DIGIPAY',
      });
      expect((await myTransactions())[0]).toMatchObject({
        status: 'FAILED',
        failureCode: 'PROVIDER_UNAVAILABLE',
      });
    });
  });

  describe('credentials', () => {
    it.each([
      ['a wrong CompanyID', { companyId: '00000000000000000000000000000000' }],
      ['a wrong token', { token: 'not-the-sandbox-token' }],
    ])(
      '%s fails the top-up with PROVIDER_AUTH_FAILED, recorded FAILED, nothing moved',
      async (_case, overrides) => {
        const { body, text } = await withDigiPaySettings(gw, overrides, () =>
          gw.graphql(TopupWalletDocument, topup('bad-credentials'), { token }),
        );
        expect(body.errors?.[0]?.extensions).toMatchObject({
          code: 'PROVIDER_AUTH_FAILED',
          provider: 'DIGIPAY',
        });
        expect(text).not.toContain('INVALID_COMPANY');
        expect(text).not.toContain('INVALID_TOKEN');
        expect((await myTransactions())[0]).toMatchObject({
          status: 'FAILED',
          failureCode: 'PROVIDER_AUTH_FAILED',
        });
        expect(gw.simulators.digipay.wallets.topups).toHaveLength(0);
      },
    );

    it('a wrong CompanyID fails a quote with PROVIDER_AUTH_FAILED', async () => {
      const { body } = await withDigiPaySettings(gw, { companyId: 'ffffffffffffffffffffffffffffffff' }, () =>
        gw.graphql(WalletTopupQuoteDocument, quote(), { token }),
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('PROVIDER_AUTH_FAILED');
      expect(gw.simulators.digipay.requests.filter(CHARGES_PATH)[0]?.headers.companyid).toBe(
        'ffffffffffffffffffffffffffffffff',
      );
    });

    it('answers PROVIDER_NOT_CONFIGURED when DigiPay is disabled', async () => {
      const { services } = gw.gateway;
      const original = services.providers.digipay;
      services.providers.digipay = undefined;
      try {
        const { body } = await gw.graphql(TopupWalletDocument, topup('disabled'), { token });
        expect(body.errors?.[0]?.extensions?.code).toBe('PROVIDER_NOT_CONFIGURED');
      } finally {
        services.providers.digipay = original;
      }
      expect(await myTransactions()).toEqual([]);
    });
  });

  describe('idempotency', () => {
    it('replays the same key and input without a second top-up', async () => {
      const first = await gw.graphql(TopupWalletDocument, topup('replay'), { token });
      const second = await gw.graphql(TopupWalletDocument, topup('replay'), { token });
      expect(second.body.data!.topupWallet.replayed).toBe(true);
      expect(second.body.data!.topupWallet.transaction).toEqual(first.body.data!.topupWallet.transaction);
      expect(gw.simulators.digipay.requests.count(TOPUP_PATH)).toBe(1);
      expect(gw.simulators.digipay.wallets.balanceOf(DIGIPAY_SANDBOX_WALLETS.active)).toBe('5250.75');
    });

    it('replays a decline with the same user error', async () => {
      const args = topup('replay-404', { walletId: 'abcabcabc' });
      const first = await gw.graphql(TopupWalletDocument, args, { token });
      const second = await gw.graphql(TopupWalletDocument, args, { token });
      expect(second.body.data!.topupWallet.userErrors).toEqual(first.body.data!.topupWallet.userErrors);
      expect(second.body.data!.topupWallet.userErrors[0]?.code).toBe('NOT_FOUND');
      expect(gw.simulators.digipay.requests.count(TOPUP_PATH)).toBe(1);
    });

    it('refuses the same key with another input', async () => {
      await gw.graphql(TopupWalletDocument, topup('reuse'), { token });
      const { body } = await gw.graphql(TopupWalletDocument, topup('reuse', { note: 'other note' }), {
        token,
      });
      expect(body.data!.topupWallet).toMatchObject({
        transaction: null,
        userErrors: [
          expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }),
        ],
      });
      expect(gw.simulators.digipay.requests.count(TOPUP_PATH)).toBe(1);
    });

    it('makes one DigiPay call for 10 concurrent duplicates', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => gw.graphql(TopupWalletDocument, topup('concurrent'), { token })),
      );
      const ids = new Set(results.map((result) => result.body.data!.topupWallet.transaction!.id));
      expect(ids.size).toBe(1);
      expect(gw.simulators.digipay.requests.count(TOPUP_PATH)).toBe(1);
    });
  });

  it('leaves a top-up that timed out after sending UNKNOWN, and never sends it again', async () => {
    gw.simulators.digipay.faults.add({ kind: 'delay', delayMs: 1_000, path: TOPUP_PATH, times: 1 });
    const first = await withDigiPaySettings(gw, { timeoutMs: 300 }, () =>
      gw.graphql(TopupWalletDocument, topup('timeout'), { token }),
    );
    expect(first.body.data!.topupWallet).toMatchObject({
      transaction: { status: 'UNKNOWN', failureCode: 'PROVIDER_TIMEOUT', providerReference: null },
      userErrors: [],
    });
    const retry = await gw.graphql(TopupWalletDocument, topup('timeout'), { token });
    expect(retry.body.data!.topupWallet).toMatchObject({
      replayed: true,
      transaction: { status: 'UNKNOWN' },
    });
    await waitFor(() => gw.simulators.digipay.wallets.topups.length === 1);
    // DigiPay did act on the single request it received: why UNKNOWN, and why no retry.
    expect(gw.simulators.digipay.requests.count(TOPUP_PATH)).toBe(1);
    expect(gw.simulators.digipay.wallets.balanceOf(DIGIPAY_SANDBOX_WALLETS.active)).toBe('5250.75');
  });

  it('keeps the DigiPay token and company id out of logs and responses', async () => {
    await gw.graphql(TopupWalletDocument, topup('secrets'), { token });
    await gw.graphql(WalletTopupQuoteDocument, quote({ walletId: DIGIPAY_SANDBOX_WALLETS.blocked }), {
      token,
    });
    const config = sandboxDigiPayConfig(gw);
    const everything = `${gw.logs.text}\n${gw.responses.join('\n')}`;
    expect(gw.logs.lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(config.token);
    expect(everything).not.toContain(config.companyId);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
