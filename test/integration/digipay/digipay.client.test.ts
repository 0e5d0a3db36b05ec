import { Rejection } from '../../../src/domain/rejection.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { TransactionStatus } from '../../../src/domain/transaction.js';
import { PROVIDER_HTTP_CLIENTS } from '../../../src/config/provider-http-client.config.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';
import {
  DIGIPAY_SANDBOX_WALLETS,
  startDigiPayHarness,
  topupOf,
  type DigiPayHarness,
} from './digipay-harness.js';

let harness: DigiPayHarness;

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

// Every behaviour must hold whichever HTTP library the gateway is configured with.
describe.each(PROVIDER_HTTP_CLIENTS)('DigiPay over %s', (wire) => {
  beforeAll(async () => {
    harness = await startDigiPayHarness(wire);
  });
  afterAll(() => harness.stop());
  beforeEach(() => harness.simulator.reset());

  describe('DigiPay charges', () => {
    it('quotes a card top-up with its charge lines and their exact total', async () => {
      const quote = await harness.dataSource.quoteTopup(topupOf({ amount: '1000' }));
      expect(quote.refused).toBe(false);
      expect(quote.refused ? undefined : quote.value).toEqual({
        walletId: DIGIPAY_SANDBOX_WALLETS.active,
        amount: { amount: '1000', currency: 'NPR' },
        charges: [
          { name: 'Service charge', amount: { amount: '15', currency: 'NPR' } },
          { name: 'VAT', amount: { amount: '1.95', currency: 'NPR' } },
        ],
        totalCharges: { amount: '16.95', currency: 'NPR' },
      });
    });

    it('sends the static credentials and the documented body on every call', async () => {
      await harness.dataSource.quoteTopup(topupOf({ amount: '99.99', paymentMode: 3 }));
      const [request] = harness.simulator.requests.filter('/transaction/agent_calculate_charges', 'POST');
      expect(request?.headers.authorization).toBe(`Token ${harness.config.token}`);
      expect(request?.headers.companyid).toBe(harness.config.companyId);
      expect(request?.headers['content-type']).toMatch(/^application\/json/);
      expect(request?.body).toEqual({
        wallet_id: DIGIPAY_SANDBOX_WALLETS.active,
        txn_amount: 99.99,
        txn_code: 'CIB',
        payment_mode: 3,
        note: 'testing',
      });
    });

    it('retries a quote whose connection dropped, since it moves no money', async () => {
      harness.simulator.faults.add({
        kind: 'reset-before',
        path: '/transaction/agent_calculate_charges',
        times: 1,
      });
      const quote = await harness.dataSource.quoteTopup(topupOf({ paymentMode: 1 }));
      expect(quote.refused ? undefined : quote.value.totalCharges.amount).toBe('5.65');
      expect(harness.simulator.requests.count('/transaction/agent_calculate_charges')).toBe(2);
    });

    it('reports an unknown wallet as a rejection with status 404', async () => {
      const answer = await harness.dataSource.quoteTopup(
        topupOf({ walletId: 'ffffffffffffffffffffffffffffffff' }),
      );
      expect(answer).toEqual({ refused: true, rejection: Rejection.ACCOUNT_NOT_FOUND });
    });
  });

  describe('DigiPay wallet top-up', () => {
    it('tops a wallet up once and reports the txn id as provider reference', async () => {
      const before = harness.simulator.wallets.balanceOf(DIGIPAY_SANDBOX_WALLETS.active);
      const settlement = await harness.dataSource.topupWallet(topupOf({ amount: '250.75' }));
      const [topup] = harness.simulator.wallets.topups;
      expect(settlement).toEqual({
        status: TransactionStatus.SUCCEEDED,
        providerReference: topup?.txnId,
        details: { txnNumber: expect.stringMatching(/^TU\d{10}$/) },
      });
      expect(before).toBe('5000.00');
      expect(harness.simulator.wallets.balanceOf(DIGIPAY_SANDBOX_WALLETS.active)).toBe('5250.75');
      expect(harness.simulator.requests.count('/transaction/wallet_topup')).toBe(1);
    });

    it('maps txn_status 0 to PENDING and 2 to FAILED', async () => {
      const pending = await harness.dataSource.topupWallet(
        topupOf({ walletId: DIGIPAY_SANDBOX_WALLETS.pending }),
      );
      const failed = await harness.dataSource.topupWallet(
        topupOf({ walletId: DIGIPAY_SANDBOX_WALLETS.failing }),
      );
      expect(pending.status).toBe(TransactionStatus.PENDING);
      expect(failed).toMatchObject({ status: TransactionStatus.FAILED, rejection: Rejection.DECLINED });
      expect(failed.providerReference).toEqual(expect.any(String));
    });

    it('treats HTTP 200 with success 0 as a decline, outcome known', async () => {
      const answer = await harness.dataSource.topupWallet(
        topupOf({ walletId: DIGIPAY_SANDBOX_WALLETS.blocked }),
      );
      expect(answer).toEqual({ status: TransactionStatus.FAILED, rejection: Rejection.DECLINED });
      expect(harness.simulator.wallets.topups).toHaveLength(0);
    });

    it('treats HTTP 400 as a rejection, outcome known', async () => {
      const answer = await harness.dataSource.topupWallet(topupOf({ note: 'n'.repeat(300) }));
      expect(answer).toEqual({ status: TransactionStatus.FAILED, rejection: Rejection.INVALID_REQUEST });
    });

    it('treats HTTP 404 as a rejection, outcome known', async () => {
      const answer = await harness.dataSource.topupWallet(topupOf({ walletId: 'nope' }));
      expect(answer).toEqual({ status: TransactionStatus.FAILED, rejection: Rejection.ACCOUNT_NOT_FOUND });
    });

    it('treats HTTP 500 as unavailable with an unknown outcome, and does not re-send', async () => {
      harness.simulator.faults.add({
        kind: 'status',
        status: 500,
        path: '/transaction/wallet_topup',
        times: 1,
      });
      const error = await rejection(harness.dataSource.topupWallet(topupOf()));
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', status: 500, outcomeUnknown: true });
      expect(harness.simulator.requests.count('/transaction/wallet_topup')).toBe(1);
    });

    it('times out after sending with an unknown outcome and never sends again', async () => {
      const slow = harness.client({ timeoutMs: 300 });
      harness.simulator.faults.add({
        kind: 'delay',
        delayMs: 800,
        path: '/transaction/wallet_topup',
        times: 1,
      });
      const error = await rejection(slow.topupWallet(topupOf({ amount: '10' })));
      expect(error).toMatchObject({ code: 'PROVIDER_TIMEOUT', outcomeUnknown: true });
      await new Promise((resolve) => setTimeout(resolve, 700));
      // DigiPay acted on the one request it received: exactly why the outcome is unknown, not failed.
      expect(harness.simulator.requests.count('/transaction/wallet_topup')).toBe(1);
      expect(harness.simulator.wallets.topups).toHaveLength(1);
    });

    it('leaves the outcome unknown when the connection drops after DigiPay acted', async () => {
      harness.simulator.faults.add({ kind: 'reset-after', path: '/transaction/wallet_topup', times: 1 });
      const error = await rejection(harness.dataSource.topupWallet(topupOf()));
      expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: true });
      expect(harness.simulator.requests.count('/transaction/wallet_topup')).toBe(1);
    });

    it('leaves the outcome unknown when the answer is not JSON', async () => {
      harness.simulator.faults.add({ kind: 'malformed-json', path: '/transaction/wallet_topup', times: 1 });
      const error = await rejection(harness.dataSource.topupWallet(topupOf()));
      expect(error).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE', outcomeUnknown: true });
    });
  });

  describe('DigiPay credentials', () => {
    it('fails with PROVIDER_AUTH_FAILED for a wrong token, before acting', async () => {
      const error = await rejection(harness.client({ token: 'not-the-token' }).topupWallet(topupOf()));
      expect(error).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', status: 401, outcomeUnknown: false });
      expect(harness.simulator.wallets.topups).toHaveLength(0);
    });

    it('fails with PROVIDER_AUTH_FAILED for a wrong CompanyID, before acting', async () => {
      const error = await rejection(
        harness.client({ companyId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }).topupWallet(topupOf()),
      );
      expect(error).toMatchObject({ code: 'PROVIDER_AUTH_FAILED', status: 403, outcomeUnknown: false });
      expect(harness.simulator.wallets.topups).toHaveLength(0);
    });

    it('is refused by the simulator without a CompanyID header', async () => {
      const response = await fetch(`${harness.simulator.baseUrl}/transaction/agent_calculate_charges`, {
        method: 'POST',
        headers: { authorization: `Token ${harness.config.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          wallet_id: DIGIPAY_SANDBOX_WALLETS.active,
          txn_amount: 1,
          txn_code: 'CIB',
          payment_mode: 2,
        }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ success: 0, error: [3], data: { message: 'INVALID_COMPANY' } });
    });

    it('keeps the token and company id out of every log line and error message', async () => {
      const errors = await Promise.all([
        rejection(harness.client({ token: 'wrong' }).quoteTopup(topupOf())),
        rejection(harness.client({ token: 'wrong' }).topupWallet(topupOf())),
      ]);
      await harness.dataSource.topupWallet(topupOf());
      const text = [
        ...harness.lines,
        ...errors.map((error) => `${error.message} ${error.providerCode}`),
      ].join('\n');
      expect(harness.lines.length).toBeGreaterThan(0);
      expect(text).not.toContain(harness.config.token);
      expect(text).not.toContain(harness.config.companyId);
    });
  });
});
