import { createPrivateKey, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { WithdrawalStatus } from '../../../src/domain/withdrawal.js';
import { NchlNotificationVerifier } from '../../../src/providers/nchl/nchl.notification.js';
import { generateSandboxKeyPair, type SandboxKeyPair } from '../../../src/sandbox/nchl/nchl.keys.js';
import { signNotification, type NchlNotificationFields } from '../../../src/sandbox/nchl/nchl.notifier.js';

const FIELDS: NchlNotificationFields = {
  transactionUniqueId: 'b39a8e6f-d022-49e2-b21e-452178ad2746',
  debitStatus: '000',
  debitDescription: 'SUCCESS',
  creditStatus: '000',
  creditDescription: 'SUCCESS',
  rpsTransactionId: 13185492,
  mobileNumber: '*****08459',
  remarks: 'Towards the mountains',
  paymentStatus: 'PAID',
};

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('NchlNotificationVerifier', () => {
  let nchl: SandboxKeyPair;
  let verifier: NchlNotificationVerifier;

  beforeAll(() => {
    nchl = generateSandboxKeyPair('nchl');
    verifier = new NchlNotificationVerifier({
      notifyUsername: 'nchl',
      notifyPassword: 's3cret:with:colons',
      notificationPublicKey: createPublicKey(nchl.publicKeyPem),
    });
  });

  const signed = (fields: Partial<NchlNotificationFields> = {}) =>
    signNotification(createPrivateKey(nchl.privateKeyPem), { ...FIELDS, ...fields });

  it('accepts a notification signed with NCHL key and sent with our credentials', async () => {
    await expect(verifier.check(basic('nchl:s3cret:with:colons'), signed())).resolves.toEqual({
      ok: true,
      notification: {
        transactionUniqueId: FIELDS.transactionUniqueId,
        status: WithdrawalStatus.PAID,
        rpsTransactionId: '13185492',
        debitStatus: '000',
        creditStatus: '000',
        paymentStatus: 'PAID',
      },
    });
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong password', basic('nchl:s3cret')],
    ['a wrong user', basic('NCHL:s3cret:with:colons')],
    ['a bearer token', 'Bearer nchl:s3cret:with:colons'],
    ['garbage', 'Basic ###'],
  ])('refuses %s with 401', async (_case, authorization) => {
    await expect(verifier.check(authorization, signed())).resolves.toMatchObject({
      ok: false,
      status: 401,
      reason: 'credentials',
    });
  });

  it.each([
    ['a changed payment status', { paymentStatus: 'FAILED' }],
    ['a changed debit status', { debitStatus: '051' }],
    ['another transaction', { transactionUniqueId: 'b39a8e6f-d022-49e2-b21e-000000000000' }],
    ['another RPS id', { rpsTransactionId: 13185493 }],
  ])('refuses a notification tampered with (%s) with 401', async (_case, change) => {
    await expect(
      verifier.check(basic('nchl:s3cret:with:colons'), { ...signed(), ...change }),
    ).resolves.toMatchObject({
      ok: false,
      status: 401,
      reason: 'signature',
    });
  });

  it('refuses a notification signed with another key', async () => {
    const other = generateSandboxKeyPair('impostor');
    const forged = signNotification(createPrivateKey(other.privateKeyPem), FIELDS);
    await expect(verifier.check(basic('nchl:s3cret:with:colons'), forged)).resolves.toMatchObject({
      ok: false,
      reason: 'signature',
    });
  });

  it('refuses an unsigned or malformed body with 400', async () => {
    const { token: _token, ...unsigned } = signed();
    await expect(verifier.check(basic('nchl:s3cret:with:colons'), unsigned)).resolves.toMatchObject({
      ok: false,
      status: 400,
      reason: 'body',
    });
    await expect(verifier.check(basic('nchl:s3cret:with:colons'), 'PAID')).resolves.toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('accepts a descriptive field changed in transit, as only the decided fields are signed', async () => {
    const result = await verifier.check(basic('nchl:s3cret:with:colons'), {
      ...signed(),
      remarks: 'changed',
    });
    expect(result.ok).toBe(true);
  });
});
