import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { SandboxMerchant } from '../../src/sandbox/numeropay/index.js';
import {
  callSimulator,
  signToken,
  startNumeroPayHarness,
  type NumeroPayHarness,
} from './numeropay-harness.js';

/** The simulator on its own, over HTTP: it must hold the document's contract, not just agree with our client. */
describe('NumeroPay simulator', () => {
  let harness: NumeroPayHarness;
  let token: string;
  const now = () => harness.providerClock.ms;
  const call = (path: string, options: Parameters<typeof callSimulator>[2] = {}) =>
    callSimulator(harness.simulator.baseUrl, path, { token, ...options });
  const create = (body: Record<string, unknown> = {}) =>
    call('/transaction', {
      method: 'POST',
      body: {
        amount: 100,
        currency: 'aud',
        description: 'sample transaction',
        merchant: harness.config.merchantId,
        businessName: harness.config.businessName,
        ...body,
      },
    });
  const failure = (name: string) => ({ success: false, error: expect.objectContaining({ name }) });

  beforeAll(async () => {
    harness = await startNumeroPayHarness();
  });
  afterAll(() => harness.stop());
  beforeEach(async () => {
    harness.simulator.reset();
    token = await signToken(harness.config, now());
  });

  describe('merchant JWT', () => {
    const claims = (change: Record<string, unknown> = {}) => {
      const iat = Math.floor(now() / 1000);
      return {
        scopes: ['transaction'],
        iat,
        exp: iat + 1200,
        iss: 'merchant.numeropay',
        sub: harness.config.merchantId,
        ...change,
      };
    };
    const list = (withToken: string) => call('/transaction', { token: withToken });

    it('accepts the document header with the test-mode key: sandbox.<KEY_ID> signed with the KEY_ID', async () => {
      expect(harness.config.keyId).toBe(`sandbox.${harness.config.keySecret}`);
      expect(await list(token)).toEqual({ status: 200, body: { data: [], success: true } });
    });

    it('accepts the usual typ/kid spellings', async () => {
      const usual = await signToken(harness.config, now(), {
        header: { alg: 'HS256', typ: 'JWT', kid: harness.config.keyId },
      });
      expect((await list(usual)).body).toEqual({ data: [], success: true });
    });

    it('accepts the live KEY_ID signed with the live KEY_SECRET, and keeps live and test data apart', async () => {
      const merchant = harness.simulator.registerMerchant({ businessNames: ['Live Shop'] });
      const liveConfig = { ...harness.config, keyId: merchant.liveKeyId, keySecret: merchant.liveKeySecret };
      const live = await signToken(liveConfig, now(), { claims: claims({ sub: merchant.id }) });
      const test = await signToken(
        { ...liveConfig, keyId: `sandbox.${merchant.liveKeyId}`, keySecret: merchant.liveKeyId },
        now(),
        { claims: claims({ sub: merchant.id }) },
      );
      const created = await call('/transaction', {
        token: test,
        method: 'POST',
        body: { amount: 5, currency: 'usd', merchant: merchant.id, businessName: 'Live Shop' },
      });
      const id = (created.body as { data: { id: string } }).data.id;
      expect((await call(`/transaction/${id}`, { token: test })).body).toMatchObject({ success: true });
      expect((await call(`/transaction/${id}`, { token: live })).body).toEqual(failure('NOT_FOUND'));
      expect((await list(live)).body).toEqual({ data: [], success: true });
    });

    it.each([
      ['a signature made with another secret', { secret: 'not-the-key-secret' }, 'FORBIDDEN'],
      ['alg HS512', { header: { alg: 'HS512', type: 'JWT' } }, 'FORBIDDEN'],
      ['type other than JWT', { header: { alg: 'HS256', type: 'JOSE' } }, 'FORBIDDEN'],
      ['no type', { header: { alg: 'HS256' } }, 'FORBIDDEN'],
      [
        'conflicting keyid and kid',
        { header: { alg: 'HS256', type: 'JWT', kid: 'sandbox.other' } },
        'FORBIDDEN',
      ],
    ])('refuses %s', async (_what, change: { secret?: string; header?: Record<string, unknown> }, name) => {
      const header = change.header && { keyid: harness.config.keyId, ...change.header };
      const bad = await signToken(harness.config, now(), { secret: change.secret, header });
      expect(await list(bad)).toEqual({ status: 200, body: failure(name) });
    });

    it('refuses a test-mode KEY_ID signed with the live KEY_SECRET', async () => {
      const merchant = harness.simulator.registerMerchant();
      const testKey = { keyId: `sandbox.${merchant.liveKeyId}`, merchantId: merchant.id };
      const right = await signToken({ ...harness.config, ...testKey, keySecret: merchant.liveKeyId }, now());
      const wrong = await signToken(
        { ...harness.config, ...testKey, keySecret: merchant.liveKeySecret },
        now(),
      );
      expect((await list(right)).body).toMatchObject({ success: true });
      expect(await list(wrong)).toEqual({ status: 200, body: failure('FORBIDDEN') });
    });

    it('refuses an unknown keyid as an unknown user', async () => {
      const bad = await signToken(harness.config, now(), {
        header: { alg: 'HS256', type: 'JWT', keyid: 'sandbox.NoSuchKeyIdAtAll000' },
      });
      expect(await list(bad)).toEqual({
        status: 200,
        body: { success: false, error: { code: 404, message: 'User does not exist', name: 'UNKNOWN_USER' } },
      });
    });

    it.each([
      ['a wrong issuer', { iss: 'user.numeropay' }],
      ['another merchant as subject', { sub: '00000000-0000-4000-8000-000000000000' }],
      ['no scopes', { scopes: undefined }],
      ['scopes that are not a list', { scopes: 'transaction' }],
      ['no exp', { exp: undefined }],
      ['no iat', { iat: undefined }],
    ])('refuses %s', async (_what, change) => {
      const bad = await signToken(harness.config, now(), { claims: claims(change) });
      expect(await list(bad)).toEqual({
        status: 200,
        body: { success: false, error: { code: 403, message: 'Invalid token', name: 'FORBIDDEN' } },
      });
    });

    it('refuses a token whose exp has passed by its own clock, and says it expired', async () => {
      const iat = Math.floor(now() / 1000);
      const expiring = await signToken(harness.config, now(), { claims: claims({ iat, exp: iat + 60 }) });
      expect((await list(expiring)).body).toMatchObject({ success: true });
      harness.providerClock.advance(61_000);
      expect(await list(expiring)).toEqual({
        status: 200,
        body: { success: false, error: { code: 403, message: 'Token expired', name: 'FORBIDDEN' } },
      });
    });

    it('refuses a request without a bearer token', async () => {
      expect(await callSimulator(harness.simulator.baseUrl, '/transaction')).toEqual({
        status: 200,
        body: failure('FORBIDDEN'),
      });
      expect((await list('not.a.jwt')).body).toEqual(failure('FORBIDDEN'));
    });
  });

  describe('POST /transaction', () => {
    it('answers the transaction object in the success envelope', async () => {
      const answer = await create();
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body as object)).toEqual(['data', 'success']);
      expect(answer.body).toEqual({
        data: {
          id: expect.stringMatching(/^[0-9A-Z]{9}$/),
          merchant: harness.config.merchantId,
          businessName: harness.config.businessName,
          channel: 1,
          amount: 100,
          currency: 'aud',
          description: 'sample transaction',
          structure: {},
          state: 0,
          createdOn: new Date(now()).toISOString(),
          updatedOn: new Date(now()).toISOString(),
          ipAddress: '127.0.0.1',
        },
        success: true,
      });
    });

    it.each([
      ['a zero amount', { amount: 0 }],
      ['a negative amount', { amount: -1 }],
      ['three decimals', { amount: 10.505 }],
      ['an amount as text', { amount: '10.50' }],
      ['no amount', { amount: undefined }],
      ['an upper-case currency', { currency: 'AUD' }],
      ['a currency outside ISO 4217', { currency: 'abc' }],
      ['a description that is not text', { description: 12 }],
      ['no merchant', { merchant: undefined }],
      ['a business name of no merchant', { businessName: 'Someone Else Ltd' }],
      ['a field the document does not have', { state: 1 }],
    ])('refuses %s with BAD_REQUEST on HTTP 200', async (_what, change) => {
      const answer = await create(change);
      expect(answer).toEqual({ status: 200, body: failure('BAD_REQUEST') });
      expect(
        harness.simulator.transactions.list({ ...listAll(), merchant: harness.config.merchantId }),
      ).toEqual([]);
    });

    it('accepts two decimals and no description', async () => {
      const answer = await create({ amount: 10.5, description: undefined });
      expect(answer.body).toMatchObject({ success: true, data: { amount: 10.5, description: '' } });
    });

    it("refuses to create for a merchant other than the token's", async () => {
      const other = harness.simulator.registerMerchant();
      expect(await create({ merchant: other.id })).toEqual({ status: 200, body: failure('FORBIDDEN') });
    });

    it('refuses a body that is not JSON', async () => {
      const answer = await call('/transaction', { method: 'POST', rawBody: '{"amount":' });
      expect(answer).toEqual({ status: 200, body: failure('BAD_REQUEST') });
    });
  });

  describe('GET /transaction', () => {
    const ids = async (query: string) =>
      ((await call(`/transaction${query}`)).body as { data: { id: string }[] }).data.map((t) => t.id);

    it('lists newest first, with limit and status and business_name filters', async () => {
      const merchant = harness.simulator.registerMerchant({ businessNames: ['First Shop', 'Second Shop'] });
      token = await tokenFor(merchant);
      const shop = { merchant: merchant.id, businessName: 'First Shop' };
      const first = (await create(shop)).body as { data: { id: string } };
      harness.providerClock.advance(1000);
      const second = (await create({ ...shop, businessName: 'Second Shop' })).body as {
        data: { id: string };
      };
      harness.providerClock.advance(1000);
      const third = (await create(shop)).body as { data: { id: string } };
      harness.simulator.setTransactionState(second.data.id, 1);
      harness.simulator.setTransactionState(third.data.id, 2);

      expect(await ids('')).toEqual([third.data.id, second.data.id, first.data.id]);
      expect(await ids('?limit=2')).toEqual([third.data.id, second.data.id]);
      expect(await ids('?status=1')).toEqual([second.data.id]);
      expect(await ids(`?status=${encodeURIComponent('[0,2]')}`)).toEqual([third.data.id, first.data.id]);
      expect(await ids('?business_name=Second%20Shop')).toEqual([second.data.id]);
      expect(await ids(`?business_name=${encodeURIComponent(JSON.stringify(['Second Shop']))}`)).toEqual([
        second.data.id,
      ]);
      const beforeThird = Math.floor(now() / 1000) - 1;
      expect(await ids(`?from=${beforeThird}`)).toEqual([second.data.id, first.data.id]);
    });

    it.each([
      '?limit=0',
      '?limit=-1',
      '?limit=x',
      '?from=yesterday',
      '?status=9',
      '?status=%5B',
      '?business_name=Nobody',
      '?page=2',
    ])('refuses %s with BAD_REQUEST', async (query) => {
      expect(await call(`/transaction${query}`)).toEqual({ status: 200, body: failure('BAD_REQUEST') });
    });

    it("lists only the token's merchant's transactions", async () => {
      await create();
      const otherToken = await tokenFor(harness.simulator.registerMerchant());
      expect((await call('/transaction', { token: otherToken })).body).toEqual({ data: [], success: true });
    });
  });

  describe('GET /transaction/{id}', () => {
    it('answers the transaction and its later states', async () => {
      const { id } = ((await create()).body as { data: { id: string } }).data;
      harness.providerClock.advance(5_000);
      harness.simulator.setTransactionState(id, 1);
      expect((await call(`/transaction/${id}`)).body).toMatchObject({
        success: true,
        data: { id, state: 1, updatedOn: new Date(now()).toISOString() },
      });
      expect(() => harness.simulator.setTransactionState(id, 0)).toThrow(/cannot move/);
    });

    it("refuses another merchant's transaction with FORBIDDEN, an unknown one with NOT_FOUND", async () => {
      const { id } = ((await create()).body as { data: { id: string } }).data;
      const otherToken = await tokenFor(harness.simulator.registerMerchant());
      expect(await call(`/transaction/${id}`, { token: otherToken })).toEqual({
        status: 200,
        body: { success: false, error: { code: 403, message: 'Action not allowed', name: 'FORBIDDEN' } },
      });
      expect(await call('/transaction/ZZZZZZZZZ')).toEqual({ status: 200, body: failure('NOT_FOUND') });
    });
  });

  it('answers NOT_IMPLEMENTED for what the API does not have', async () => {
    expect(await call('/transaction/ABC/refund', { method: 'POST', body: {} })).toEqual({
      status: 200,
      body: failure('NOT_IMPLEMENTED'),
    });
  });

  it('answers an injected failure as SYSTEM_ERROR on HTTP 500', async () => {
    harness.simulator.faults.add({
      kind: 'status',
      status: 500,
      method: 'GET',
      path: '/transaction',
      times: 1,
    });
    expect(await call('/transaction')).toEqual({
      status: 500,
      body: failure('SYSTEM_ERROR'),
    });
    expect((await call('/transaction')).status).toBe(200);
  });

  /** A test-mode token of another merchant. */
  function tokenFor(merchant: SandboxMerchant): Promise<string> {
    const keys = {
      keyId: `sandbox.${merchant.liveKeyId}`,
      keySecret: merchant.liveKeyId,
      merchantId: merchant.id,
    };
    return signToken({ ...harness.config, ...keys }, now());
  }

  function listAll() {
    return { live: false, limit: 100, from: Math.floor(now() / 1000) };
  }
});
