import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NchlConfig } from '../../../src/config/nchl.config.js';
import { fromGlobalId } from '../../../src/domain/global-id.js';
import { generateSandboxKeyPair } from '../../../src/sandbox/nchl/nchl.keys.js';
import { signNotification, type NchlNotificationFields } from '../../../src/sandbox/nchl/nchl.notifier.js';
import {
  COMPLETE,
  completeInput,
  eventually,
  otpOf,
  requestWithdrawal,
  startNchlGateway,
  WITHDRAWAL,
  type CompletePayload,
  type NchlGatewayContext,
  type WithdrawalQuery,
} from './nchl-gateway.js';

const PATH = '/cardless/thirdparty/notification';

describe('the NCHL notification endpoint', () => {
  let context: NchlGatewayContext;
  let nchlConfig: NchlConfig;

  beforeAll(async () => {
    context = await startNchlGateway();
    nchlConfig = context.gw.gateway.sandbox!.providers.nchl!;
  });
  afterAll(() => context.gw.close());
  beforeEach(() => context.gw.simulators.nchl.reset());

  const basic = (username = nchlConfig.notifyUsername, password = nchlConfig.notifyPassword) =>
    `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

  /** `authorization` null sends no Authorization header. */
  async function post(
    body: unknown,
    authorization: string | null = basic(),
    contentType = 'application/json',
  ) {
    const response = await fetch(`${context.gw.url}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  async function statusOf(withdrawalId: string) {
    const read = await context.gw.graphql<WithdrawalQuery, unknown>(
      WITHDRAWAL,
      { id: withdrawalId },
      { token: context.alice },
    );
    return read.body.data!.withdrawal!.status;
  }

  const repository = () => context.gw.gateway.services.ledger.withdrawals;
  const notificationsOf = (transactionUniqueId: string) =>
    repository().listNotifications(transactionUniqueId);
  const rowOf = async (withdrawalId: string) =>
    (await repository().findById(fromGlobalId(withdrawalId)!.id))!;
  const signed = (transactionUniqueId: string, overrides: Partial<NchlNotificationFields> = {}) =>
    context.gw.simulators.nchl.signedNotificationFor(transactionUniqueId, overrides);

  it('applies a signed, authenticated notification and answers SUCCESS; a replay changes nothing', async () => {
    const withdrawal = await requestWithdrawal(context);
    const body = await signed(withdrawal.transactionUniqueId);

    expect(await post(body)).toMatchObject({ status: 200, body: { status: 'SUCCESS' } });
    expect(await statusOf(withdrawal.id)).toBe('PAID');
    const afterFirst = await rowOf(withdrawal.id);
    expect(afterFirst.providerReference).toBe(String(body.rpsTransactionId));

    const replay = await post(body);
    expect(replay).toMatchObject({
      status: 200,
      body: { status: 'SUCCESS', message: 'Notification already received' },
    });
    expect(await notificationsOf(withdrawal.transactionUniqueId)).toHaveLength(1);
    expect((await rowOf(withdrawal.id)).updatedAt).toBe(afterFirst.updatedAt);
  });

  it('stores a reordered (late) notification but never moves a withdrawal back', async () => {
    const withdrawal = await requestWithdrawal(context);
    await post(await signed(withdrawal.transactionUniqueId));
    const late = await signed(withdrawal.transactionUniqueId, {
      debitStatus: '051',
      debitDescription: 'FAILED',
      paymentStatus: 'FAILED',
    });

    expect(await post(late)).toMatchObject({ status: 200, body: { status: 'SUCCESS' } });
    expect(await statusOf(withdrawal.id)).toBe('PAID');
    const stored = await notificationsOf(withdrawal.transactionUniqueId);
    expect(stored.map((event) => [event.status, event.applied])).toEqual([
      ['PAID', 1],
      ['FAILED', 0],
    ]);
  });

  it('fails a withdrawal on a failure notification', async () => {
    const withdrawal = await requestWithdrawal(context);
    const failed = await signed(withdrawal.transactionUniqueId, {
      debitStatus: '051',
      paymentStatus: 'FAILED',
    });
    expect(await post(failed)).toMatchObject({ status: 200, body: { status: 'SUCCESS' } });
    const read = await context.gw.graphql<WithdrawalQuery, unknown>(
      WITHDRAWAL,
      { id: withdrawal.id },
      { token: context.alice },
    );
    expect(read.body.data!.withdrawal).toMatchObject({ status: 'FAILED', failureCode: 'PAYOUT_FAILED' });
  });

  describe('refuses, answering FAILED and changing nothing,', () => {
    let withdrawal: Awaited<ReturnType<typeof requestWithdrawal>>;
    let before: string;

    beforeEach(async () => {
      withdrawal = await requestWithdrawal(context);
      before = (await rowOf(withdrawal.id)).updatedAt;
    });

    async function expectUnchanged() {
      expect(await notificationsOf(withdrawal.transactionUniqueId)).toHaveLength(0);
      const row = await rowOf(withdrawal.id);
      expect([row.status, row.updatedAt]).toEqual(['REQUESTED', before]);
    }

    it.each([
      ['no credentials', undefined],
      ['a wrong password', 'wrong'],
      ['a wrong user', 'user'],
      ['a bearer token instead of Basic', 'bearer'],
    ])('a notification with %s (401)', async (_case, variant) => {
      const authorization =
        variant === undefined
          ? null
          : variant === 'wrong'
            ? basic(nchlConfig.notifyUsername, `${nchlConfig.notifyPassword}x`)
            : variant === 'user'
              ? basic('someone', nchlConfig.notifyPassword)
              : `Bearer ${context.alice}`;
      const answer = await post(await signed(withdrawal.transactionUniqueId), authorization);
      expect(answer).toMatchObject({
        status: 401,
        body: { status: 'FAILED', message: 'Invalid credentials' },
      });
      expect(answer.headers.get('www-authenticate')).toContain('Basic');
      await expectUnchanged();
    });

    it('an unsigned notification (400)', async () => {
      const { token: _token, ...unsigned } = await signed(withdrawal.transactionUniqueId);
      expect(await post(unsigned)).toMatchObject({
        status: 400,
        body: { status: 'FAILED', message: 'token must be a string' },
      });
      await expectUnchanged();
    });

    it('a notification whose signed fields were changed (401)', async () => {
      const tampered = {
        ...(await signed(withdrawal.transactionUniqueId, { paymentStatus: 'FAILED', debitStatus: '051' })),
        paymentStatus: 'PAID',
        debitStatus: '000',
      };
      expect(await post(tampered)).toMatchObject({
        status: 401,
        body: { status: 'FAILED', message: 'Invalid signature' },
      });
      await expectUnchanged();
    });

    it('a notification signed with a key other than NCHL_PUBLIC_CERT’s (401)', async () => {
      const impostor = generateSandboxKeyPair('impostor');
      const { token: _token, ...fields } = await signed(withdrawal.transactionUniqueId);
      const forged = signNotification(createPrivateKey(impostor.privateKeyPem), fields);
      expect(await post(forged)).toMatchObject({ status: 401, body: { status: 'FAILED' } });
      await expectUnchanged();
    });

    it.each([
      ['malformed JSON', '{"transactionUniqueId": ', 'application/json'],
      ['a JSON array', '[]', 'application/json'],
      ['a non-JSON body', 'transactionUniqueId=x', 'text/plain'],
      ['an over-long transactionUniqueId', 'long', 'application/json'],
    ])('%s (400)', async (_case, body, contentType) => {
      const payload =
        body === 'long'
          ? { ...signed(withdrawal.transactionUniqueId), transactionUniqueId: 'x'.repeat(37) }
          : body;
      const answer = await post(payload, basic(), contentType);
      expect(answer.status).toBe(400);
      expect(answer.body.status).toBe('FAILED');
      await expectUnchanged();
    });
  });

  it('is retried by NCHL until it answers SUCCESS', async () => {
    const { gw, operator } = context;
    const nchl = gw.simulators.nchl;
    const target = nchl.notifier.target!;
    const { retryDelayMs } = nchl.notifier.options;
    nchl.notifier.options.retryDelayMs = 300;
    try {
      nchl.setNotificationTarget({ ...target, password: 'not-what-we-gave-nchl' });
      const withdrawal = await requestWithdrawal(context, { mobileNumber: '9841000009' });
      const otp = await otpOf(context, withdrawal.transactionUniqueId);
      await gw.graphql<CompletePayload, unknown>(
        COMPLETE,
        { input: completeInput(withdrawal.id, otp, { traceNumber: 'T9' }) },
        { token: operator },
      );

      await eventually(() => nchl.notifier.deliveries.length >= 1);
      expect(nchl.notifier.deliveries[0]).toMatchObject({ httpStatus: 401, answer: 'FAILED' });
      // Read from the ledger: a GraphQL read would settle it from NCHL's report instead.
      expect((await rowOf(withdrawal.id)).status).toBe('PROCESSING');

      nchl.setNotificationTarget(target); // the credentials are corrected at NCHL
      await eventually(() => nchl.notifier.deliveries.some((delivery) => delivery.answer === 'SUCCESS'));
      expect(nchl.notifier.deliveries.at(-1)).toMatchObject({
        attempt: nchl.notifier.deliveries.length,
        httpStatus: 200,
      });
      expect((await rowOf(withdrawal.id)).status).toBe('PAID');
      expect(await notificationsOf(withdrawal.transactionUniqueId)).toEqual([
        expect.objectContaining({ status: 'PAID', applied: 1 }),
      ]);
    } finally {
      nchl.setNotificationTarget(target);
      nchl.notifier.options.retryDelayMs = retryDelayMs;
    }
  });

  it('keeps credentials and signatures out of the logs', () => {
    const text = context.gw.logs.text;
    expect(text).not.toContain(nchlConfig.notifyPassword);
    expect(text).not.toContain(basic());
    expect(text).toContain('notification refused');
  });
});
