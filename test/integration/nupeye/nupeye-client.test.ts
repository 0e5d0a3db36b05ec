import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PROVIDER_HTTP_CLIENTS } from '../../../src/config/provider-http-client.config.js';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../../src/sandbox/nupeye/index.js';
import { startNupeyeHarness, type NupeyeHarness } from './nupeye-harness.js';

const RECHARGE = '/recharge_account';
const TRANSFER = '/transfer_amount';
const customer = NUPEYE_SANDBOX_CUSTOMER;

describe.each(PROVIDER_HTTP_CLIENTS)(
  'Nupeye recharge and transfer against the simulator (%s)',
  (httpClient) => {
    let harness: NupeyeHarness;

    const recharge = (overrides: Partial<{ mobileNumber: string; amount: string; password: string }> = {}) =>
      harness.dataSource.rechargeMobile({
        mobileNumber: '9812345678',
        amount: '149.50',
        userName: customer.userName,
        password: customer.password,
        ...overrides,
      });

    beforeEach(async () => {
      harness = await startNupeyeHarness({ timeoutMs: 400, httpClient });
    });

    afterEach(async () => {
      await harness.stop();
    });

    it('sends the documented recharge body with the Authentication header and returns the reference', async () => {
      const result = await recharge();

      const [sent] = harness.simulator.requests.filter(RECHARGE);
      expect(sent!.headers.authentication).toEqual(expect.any(String));
      expect(sent!.headers['content-type']).toMatch(/^application\/json/);
      expect(sent!.body).toEqual({
        mobile_no: '9812345678',
        amount: '149.50',
        app_id: harness.config.apiUser,
        user_name: customer.userName,
        user_password: customer.password,
      });
      expect(harness.simulator.recharges).toEqual([
        expect.objectContaining({ mobileNo: '9812345678', amount: '149.50', userName: customer.userName }),
      ]);
      expect(result.providerReference).toBe(harness.simulator.recharges[0]!.transactionId);
    });

    it('transfers to a registered Nupeye wallet with mobile_no, amount and app_id only', async () => {
      const result = await harness.dataSource.transferToWallet({
        mobileNumber: customer.mobileNo,
        amount: '500',
      });

      const [sent] = harness.simulator.requests.filter(TRANSFER);
      expect(sent!.body).toEqual({
        mobile_no: customer.mobileNo,
        amount: '500',
        app_id: harness.config.apiUser,
      });
      expect(result.providerReference).toBe(harness.simulator.transfers[0]!.transactionId);
    });

    it('copes with a success that carries no transaction id (as documented)', async () => {
      harness.simulator.includeTransactionId = false;

      await expect(recharge()).resolves.toEqual({ status: 'SUCCEEDED', providerReference: null });
      expect(harness.simulator.recharges).toHaveLength(1);
    });

    it.each([
      ['a wrong Nupeye password', { password: 'wrong' }, 'WRONG_CREDENTIALS'],
      ['an amount Nupeye refuses', { amount: '0' }, 'INVALID_AMOUNT'],
      ['a mobile number Nupeye refuses', { mobileNumber: '12345' }, 'INVALID_PHONE'],
    ])('answers %s as a refusal (FAILED with its rejection)', async (_name, overrides, rejection) => {
      await expect(recharge(overrides)).resolves.toEqual({ status: 'FAILED', rejection });
      expect(harness.simulator.recharges).toHaveLength(0);
      expect(harness.simulator.requests.count(RECHARGE)).toBe(1);
    });

    it('answers a transfer to an unregistered mobile number as NOT_REGISTERED', async () => {
      await expect(
        harness.dataSource.transferToWallet({ mobileNumber: '9700000000', amount: '5' }),
      ).resolves.toEqual({ status: 'FAILED', rejection: 'NOT_REGISTERED' });
      expect(harness.simulator.transfers).toHaveLength(0);
    });

    it('a connection dropped after the recharge took effect: outcome unknown, applied once, not re-sent', async () => {
      await recharge({ mobileNumber: '9000000000' }); // log in first, so the fault hits the recharge
      harness.simulator.reset();
      harness.simulator.faults.add({ kind: 'reset-after', path: RECHARGE, times: 1 });

      await expect(recharge()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcomeUnknown: true });
      await sleep(100);
      expect(harness.simulator.recharges).toHaveLength(1);
      expect(harness.simulator.requests.count(RECHARGE)).toBe(1);
    });

    it('a connection dropped before Nupeye acted is still unknown to us, and not re-sent', async () => {
      await recharge({ mobileNumber: '9000000000' });
      harness.simulator.reset();
      harness.simulator.faults.add({ kind: 'reset-before', path: RECHARGE, times: 1 });

      await expect(recharge()).rejects.toMatchObject({ outcomeUnknown: true });
      await sleep(100);
      expect(harness.simulator.recharges).toHaveLength(0);
      expect(harness.simulator.requests.count(RECHARGE)).toBe(1);
    });

    it('a timeout after sending: PROVIDER_TIMEOUT, outcome unknown, and the late recharge is not repeated', async () => {
      await recharge({ mobileNumber: '9000000000' });
      harness.simulator.reset();
      harness.simulator.faults.add({ kind: 'delay', delayMs: 800, path: RECHARGE, times: 1 });

      await expect(recharge()).rejects.toMatchObject({ code: 'PROVIDER_TIMEOUT', outcomeUnknown: true });
      await sleep(800);
      expect(harness.simulator.recharges).toHaveLength(1);
      expect(harness.simulator.requests.count(RECHARGE)).toBe(1);
    });

    it.each([
      [500, true],
      [502, true],
      [503, false],
    ])(
      'an answer %i is PROVIDER_UNAVAILABLE with outcomeUnknown %s and is sent once',
      async (status, unknown) => {
        await recharge({ mobileNumber: '9000000000' });
        harness.simulator.reset();
        harness.simulator.faults.add({ kind: 'status', status, path: RECHARGE });

        await expect(recharge()).rejects.toMatchObject({
          code: 'PROVIDER_UNAVAILABLE',
          outcomeUnknown: unknown,
        });
        expect(harness.simulator.requests.count(RECHARGE)).toBe(1);
      },
    );

    it('an unreadable success body leaves the outcome unknown', async () => {
      await recharge({ mobileNumber: '9000000000' });
      harness.simulator.reset();
      harness.simulator.faults.add({ kind: 'malformed-json', path: RECHARGE, times: 1 });

      await expect(recharge()).rejects.toMatchObject({ code: 'PROVIDER_BAD_RESPONSE', outcomeUnknown: true });
      expect(harness.simulator.recharges).toHaveLength(1);
    });

    it('a token still refused after a refresh becomes PROVIDER_AUTH_FAILED, after one replay only', async () => {
      await recharge({ mobileNumber: '9000000000' });
      harness.simulator.reset();
      harness.simulator.faults.add({ kind: 'status', status: 401, path: RECHARGE });

      await expect(recharge()).rejects.toMatchObject({ code: 'PROVIDER_AUTH_FAILED', outcomeUnknown: false });
      expect(harness.simulator.requests.count(RECHARGE)).toBe(2);
      expect(harness.simulator.requests.count('/auth/refresh_authentication')).toBe(1);
    });
  },
);
