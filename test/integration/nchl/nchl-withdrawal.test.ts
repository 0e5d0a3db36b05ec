import { createPublicKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { WithdrawalStatus } from '../../../src/domain/withdrawal.js';
import { NchlInvalidInputError } from '../../../src/providers/nchl/nchl.data-source.js';
import { isProviderError, type ProviderError } from '../../../src/providers/shared/provider-error.js';
import { loadPrivateKey, verifySha256WithRsa } from '../../../src/crypto/signing.js';
import { toPkcs12 } from '../../../src/sandbox/nchl/nchl.keys.js';
import { cashOutFor, SECOND, startNchlHarness, withdrawalRequest, type NchlHarness } from './nchl-harness.js';

const CREATE = '/api/v1/cardless/create-request';
const CASH_OUT = '/cardless/withdraw/transaction';
let sequence = 0;
const nextId = () => `b39a8e6f-d022-49e2-b21e-${String(++sequence).padStart(12, '0')}`;

async function otpOverHttp(harness: NchlHarness, transactionUniqueId: string): Promise<string> {
  const response = await fetch(harness.simulator.otpUrl(transactionUniqueId));
  expect(response.status).toBe(200);
  return ((await response.json()) as { otp: string }).otp;
}

describe('NCHL withdrawals against the simulator', () => {
  let harness: NchlHarness;

  beforeAll(async () => {
    harness = await startNchlHarness({ withdrawDataEncoding: 'alternate' });
  });
  afterAll(() => harness.stop());
  beforeEach(() => harness.simulator.reset());

  it('walks request → OTP → cash-out → report PAID', async () => {
    const id = nextId();
    await harness.dataSource.requestWithdrawal(withdrawalRequest(id));
    expect((await harness.dataSource.report(id))?.status).toBe(WithdrawalStatus.REQUESTED);

    const otp = await otpOverHttp(harness, id);
    const result = await harness.dataSource.cashOut(cashOutFor(otp));

    expect(result).toMatchObject({
      paid: true,
      payout: {
        amount: '5000',
        referenceId: 'CLW-058834591',
        mobileNumber: withdrawalRequest(id).mobileNumber,
        accountNumber: withdrawalRequest(id).accountNumber,
      },
    });
    const report = await harness.dataSource.report(id);
    expect(report).toMatchObject({
      transactionUniqueId: id,
      status: WithdrawalStatus.PAID,
      requestStatus: 'USED',
      paymentStatus: 'PAID',
      amount: '5000',
    });
    expect(report?.rpsTransactionId).toMatch(/^\d+$/);
  });

  it.each(['string', 'object'] as const)(
    'reads the cash-out data when NCHL sends it as %s',
    async (encoding) => {
      harness.simulator.withdrawDataEncoding = encoding;
      try {
        const id = nextId();
        await harness.dataSource.requestWithdrawal(withdrawalRequest(id));
        const result = await harness.dataSource.cashOut(cashOutFor(harness.simulator.otpFor(id)!));
        expect(result.paid).toBe(true);
        const payout = result.paid ? result.payout : undefined;
        expect(payout?.bookedAt).toBe(new Date(harness.clock.now()).toISOString());
        expect(payout).toMatchObject({
          amount: '5000',
          referenceId: 'CLW-058834591',
          mobileNumber: expect.stringMatching(/^9\d{9}$/),
          accountNumber: expect.any(String),
        });
      } finally {
        harness.simulator.withdrawDataEncoding = 'alternate';
      }
    },
  );

  it('signs create-request so that our public key verifies it, and a tampered body fails', async () => {
    const id = nextId();
    await harness.dataSource.requestWithdrawal(withdrawalRequest(id, { amount: '25000' }));

    const [sent] = harness.simulator.requests.filter(CREATE);
    const body = sent!.body as Record<string, string>;
    expect(body).toMatchObject({
      amount: '25000',
      currencyCode: 'NPR',
      bankId: '1000',
      transactionUniqueId: id,
    });
    const publicKey = createPublicKey((await harness.keys).thirdParty.publicKeyPem);
    const signed = `${body.mobileNumber},${id},25000,${harness.config.userId}`;
    expect(verifySha256WithRsa(publicKey, signed, body.token!)).toBe(true);
    expect(
      verifySha256WithRsa(
        publicKey,
        `${body.mobileNumber},${id},26000,${harness.config.userId}`,
        body.token!,
      ),
    ).toBe(false);

    // Replayed with a changed amount and the same token, the simulator refuses it.
    const { accessToken } = await harness.dataSource.tokens.get();
    const tampered = await fetch(`${harness.simulator.baseUrl}${CREATE}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, amount: '26000', transactionUniqueId: nextId() }),
    });
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toEqual({ responseCode: '003', responseMessage: 'Invalid token' });
  });

  it('signs with a key read from a passphrase-protected PKCS#12 file, which the simulator accepts', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'paygraph-nchl-p12-')), 'npi.pfx');
    writeFileSync(path, toPkcs12((await harness.keys).thirdParty, 'pfx passphrase'));
    const client = harness.client({ signingKey: loadPrivateKey(path, 'pfx passphrase') });
    const id = nextId();
    await client.requestWithdrawal(withdrawalRequest(id));
    expect((await client.report(id))?.status).toBe(WithdrawalStatus.REQUESTED);
  });

  it.each([
    ['an amount that is not a multiple of 1000', { amount: '1500' }, 'amount'],
    ['an amount with paisa', { amount: '5000.50' }, 'amount'],
    ['a zero amount', { amount: '0' }, 'amount'],
    ['an account name over 50 characters', { accountName: 'A'.repeat(51) }, 'accountName'],
    ['an account number over 20 characters', { accountNumber: '1'.repeat(21) }, 'accountNumber'],
    ['a branch over 3 characters', { branchId: '1234' }, 'branchId'],
    ['remarks over 36 characters', { remarks: 'r'.repeat(37) }, 'remarks'],
    ['a mobile number that is not 10 digits', { mobileNumber: '98130000' }, 'mobileNumber'],
  ])('rejects %s before any call', async (_case, overrides, field) => {
    const error = await harness.dataSource
      .requestWithdrawal(withdrawalRequest(nextId(), overrides))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NchlInvalidInputError);
    expect((error as NchlInvalidInputError).problems.map((problem) => problem.field)).toEqual([field]);
    expect(harness.simulator.requests.entries).toHaveLength(0);
  });

  it('accepts the longest fields the document allows', async () => {
    const id = nextId();
    await harness.dataSource.requestWithdrawal(
      withdrawalRequest(id, {
        accountName: 'A'.repeat(50),
        accountNumber: '1'.repeat(20),
        branchId: '123',
        remarks: 'r'.repeat(36),
        amount: '1000.00',
      }),
    );
    expect((harness.simulator.requests.filter(CREATE)[0]!.body as { amount: string }).amount).toBe('1000');
  });

  it('is refused by NCHL when the transactionUniqueId was used before', async () => {
    const id = nextId();
    await harness.dataSource.requestWithdrawal(withdrawalRequest(id));
    expect(await harness.dataSource.requestWithdrawal(withdrawalRequest(id))).toEqual({
      refused: true,
      rejection: 'DECLINED',
    });
    expect(harness.simulator.requests.filter(CREATE)).toHaveLength(2);
  });

  it('answers a wrong OTP, a wrong amount and an expired request as refusals, not errors', async () => {
    const id = nextId();
    await harness.dataSource.requestWithdrawal(withdrawalRequest(id, { mobileNumber: '9813000002' }));
    const otp = harness.simulator.otpFor(id)!;
    const wrongOtp = otp === '000000' ? '111111' : '000000';

    expect(await harness.dataSource.cashOut(cashOutFor(wrongOtp, { mobileNumber: '9813000002' }))).toEqual({
      paid: false,
      rejection: 'WRONG_OTP',
    });
    expect(
      await harness.dataSource.cashOut(cashOutFor(otp, { mobileNumber: '9813000002', amount: '6000' })),
    ).toEqual({ paid: false, rejection: 'AMOUNT_MISMATCH' });

    harness.clock.advance(1801 * SECOND);
    expect(await harness.dataSource.cashOut(cashOutFor(otp, { mobileNumber: '9813000002' }))).toEqual({
      paid: false,
      rejection: 'OTP_EXPIRED',
    });
    expect((await harness.dataSource.report(id))?.status).toBe(WithdrawalStatus.EXPIRED);
  });

  it('leaves the outcome unknown when the connection drops after NCHL acted, and the report finds it', async () => {
    const id = nextId();
    await harness.dataSource.tokens.get();
    harness.simulator.faults.add({ kind: 'reset-after', path: CREATE, times: 1 });

    const error = (await harness.dataSource
      .requestWithdrawal(withdrawalRequest(id))
      .catch((caught: unknown) => caught)) as ProviderError;

    expect(isProviderError(error)).toBe(true);
    expect(error.outcomeUnknown).toBe(true);
    expect(harness.simulator.requests.count(CREATE)).toBe(1);
    expect((await harness.dataSource.report(id))?.status).toBe(WithdrawalStatus.REQUESTED);
  });

  it('knows nothing was done when NCHL answers 503, and says the provider is unavailable', async () => {
    const id = nextId();
    harness.simulator.faults.add({ kind: 'status', status: 503, path: CREATE, times: 1 });
    const error = (await harness.dataSource
      .requestWithdrawal(withdrawalRequest(id))
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(isProviderError(error, 'PROVIDER_UNAVAILABLE')).toBe(true);
    expect(error.outcomeUnknown).toBe(false);
    expect(await harness.dataSource.report(id)).toBeUndefined();
  });

  it('makes the cash-out UNKNOWN, not failed, when its answer is unreadable', async () => {
    const id = nextId();
    await harness.dataSource.requestWithdrawal(withdrawalRequest(id, { mobileNumber: '9813000003' }));
    harness.simulator.faults.add({ kind: 'malformed-json', path: CASH_OUT, times: 1 });
    const error = (await harness.dataSource
      .cashOut(cashOutFor(harness.simulator.otpFor(id)!, { mobileNumber: '9813000003' }))
      .catch((caught: unknown) => caught)) as ProviderError;
    expect(isProviderError(error, 'PROVIDER_BAD_RESPONSE')).toBe(true);
    expect(error.outcomeUnknown).toBe(true);
    expect((await harness.dataSource.report(id))?.status).toBe(WithdrawalStatus.PAID);
  });

  it('retries a report through a 503 (reads are retried), and answers reports of many ids in order', async () => {
    const ids = [nextId(), nextId()];
    await harness.dataSource.requestWithdrawal(withdrawalRequest(ids[0]!));
    harness.simulator.faults.add({ kind: 'status', status: 503, path: '/api/v1/cardless/report', times: 1 });
    const reports = await harness.dataSource.reports([ids[0]!, ids[1]!]);
    expect((reports[0] as { status: WithdrawalStatus }).status).toBe(WithdrawalStatus.REQUESTED);
    expect(reports[1]).toBeUndefined();
  });

  it('logs the OTP only in the simulator, and never our secrets', async () => {
    const id = nextId();
    await harness.dataSource.requestWithdrawal(withdrawalRequest(id));
    const log = harness.lines.join('\n');
    expect(log).toContain(`sandbox OTP ${harness.simulator.otpFor(id)}`);
    for (const secret of [
      harness.config.clientSecret,
      harness.config.password,
      harness.config.notifyPassword,
    ]) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toContain('PRIVATE KEY');
  });
});
