import { describe, expect, it } from '@jest/globals';
import { WithdrawalStatus } from '../../../src/domain/withdrawal.js';
import {
  checkNotificationBody,
  isCashOutSuccess,
  notificationTokenString,
  parseNepalTime,
  readCashOutData,
  readNotification,
  readReportRecord,
  readTokenResponse,
  withdrawalStatusFromNotification,
  withdrawalStatusFromReport,
} from '../../../src/providers/nchl/nchl.mapper.js';

/** The document's samples, as NCHL sends them. */
const CASH_OUT_SAMPLE = {
  status: 'true',
  message: 'Cash withdrawal Successful',
  code: '000',
  developerMessage: 'null',
  link: 'null',
  data: JSON.stringify({
    accountNumber: '0010XXXXXXXX',
    mobileNumber: '9813XXXXXX',
    bankCode: 'PCBLNPKA',
    amount: 5000,
    bookingDate: '2024-05-09 11:27:16.676',
    referenceId: 'CLW-058834591',
    terminalId: 'PRIME2101',
    traceNumber: 'TRACE015',
  }),
};

const REPORT_SAMPLE = {
  accountNumber: '001XXXXXXXXXXX',
  branchId: '1',
  bankId: '2501',
  accountName: 'Ankit Neupane',
  amount: 5000,
  mobileNumber: '9813XXXXXX',
  expiryDate: '2024-05-09T06:58:25.029+00:00',
  customerIdentifier: 'SABITA@999',
  status: 'ACTIVE',
  txnId: '12809565',
  paymentStatus: 'PAID',
  instrument: 'MOBILE_BANKING',
  transactionUniqueId: 'b39a8e6f-d022-49e2-b21e-452178ad2746',
  remarks: 'Towards the mountains',
};

const NOTIFICATION_SAMPLE = {
  transactionUniqueId: 'card30',
  debitStatus: '000',
  debitDescription: 'SUCCESS',
  creditStatus: '000',
  creditDescription: 'SUCCESS',
  rpsTransactionId: 13185492,
  mobileNumber: '*****08459',
  remarks: ' Towards the mountains ',
  paymentStatus: 'PAID',
  token: 'c2lnbmF0dXJl',
};

describe('NCHL mapper', () => {
  it('reads the cash-out sample, whose data is a string of JSON in Nepal time', () => {
    expect(isCashOutSuccess(CASH_OUT_SAMPLE)).toBe(true);
    expect(readCashOutData(CASH_OUT_SAMPLE.data)).toEqual({
      bookedAt: new Date('2024-05-09T05:42:16.676Z'),
      accountNumber: '0010XXXXXXXX',
      mobileNumber: '9813XXXXXX',
      amount: '5000',
      referenceId: 'CLW-058834591',
      traceNumber: 'TRACE015',
      terminalId: 'PRIME2101',
    });
    expect(readCashOutData(JSON.parse(CASH_OUT_SAMPLE.data))).toEqual(readCashOutData(CASH_OUT_SAMPLE.data));
  });

  it('treats unreadable cash-out data as missing details, and only code 000 with status true as paid', () => {
    expect(readCashOutData('{"broken"')).toEqual({});
    expect(readCashOutData(null)).toEqual({});
    expect(isCashOutSuccess({ ...CASH_OUT_SAMPLE, status: true })).toBe(true);
    expect(isCashOutSuccess({ ...CASH_OUT_SAMPLE, status: 'false' })).toBe(false);
    expect(isCashOutSuccess({ ...CASH_OUT_SAMPLE, code: '101' })).toBe(false);
    expect(isCashOutSuccess('000')).toBe(false);
  });

  it('reads the report sample', () => {
    expect(readReportRecord(REPORT_SAMPLE)).toEqual({
      transactionUniqueId: 'b39a8e6f-d022-49e2-b21e-452178ad2746',
      status: WithdrawalStatus.PAID,
      requestStatus: 'ACTIVE',
      paymentStatus: 'PAID',
      rpsTransactionId: '12809565',
      expiresAt: new Date('2024-05-09T06:58:25.029Z'),
      amount: '5000',
    });
    expect(readReportRecord({ ...REPORT_SAMPLE, transactionUniqueId: '' })).toBeUndefined();
  });

  it.each([
    ['ACTIVE', 'UNPAID', WithdrawalStatus.REQUESTED],
    ['USED', 'UNPAID', WithdrawalStatus.PROCESSING],
    ['EXPIRED', 'UNPAID', WithdrawalStatus.EXPIRED],
    ['USED', 'PAID', WithdrawalStatus.PAID],
    ['ACTIVE', 'FAILED', WithdrawalStatus.FAILED],
    ['BLOCKED', 'UNPAID', WithdrawalStatus.PENDING],
    ['ACTIVE', 'REVERSED', WithdrawalStatus.PENDING],
    [undefined, undefined, WithdrawalStatus.PENDING],
  ])('maps report status %s / payment %s to %s', (status, payment, expected) => {
    expect(withdrawalStatusFromReport(status, payment)).toBe(expected);
  });

  it.each([
    ['000', '000', 'PAID', WithdrawalStatus.PAID],
    ['000', '000', '', WithdrawalStatus.PAID],
    ['051', '000', 'FAILED', WithdrawalStatus.FAILED],
    ['051', '999', '', WithdrawalStatus.FAILED],
    ['000', '091', 'UNPAID', WithdrawalStatus.PENDING],
    ['000', '000', 'UNPAID', WithdrawalStatus.PENDING],
  ])(
    'maps a notification with debit %s, credit %s, payment "%s" to %s',
    (debit, credit, payment, expected) => {
      expect(
        withdrawalStatusFromNotification({
          debitStatus: debit,
          creditStatus: credit,
          paymentStatus: payment,
        }),
      ).toBe(expected);
    },
  );

  it('builds the signed string of the notification sample in the decided order', () => {
    expect(notificationTokenString(NOTIFICATION_SAMPLE)).toBe('card30,000,000,13185492,PAID');
    expect(readNotification(NOTIFICATION_SAMPLE)).toEqual({
      transactionUniqueId: 'card30',
      status: WithdrawalStatus.PAID,
      rpsTransactionId: '13185492',
      debitStatus: '000',
      creditStatus: '000',
      paymentStatus: 'PAID',
    });
  });

  it('accepts the notification sample and refuses malformed notifications, naming the field', () => {
    expect(checkNotificationBody(NOTIFICATION_SAMPLE).ok).toBe(true);
    const problem = (body: unknown) => {
      const checked = checkNotificationBody(body);
      return checked.ok ? undefined : checked.problem;
    };
    expect(problem([])).toBe('body must be a JSON object');
    expect(problem({ ...NOTIFICATION_SAMPLE, token: undefined })).toBe('token must be a string');
    expect(problem({ ...NOTIFICATION_SAMPLE, transactionUniqueId: 'x'.repeat(37) })).toMatch(
      /transactionUniqueId/,
    );
    expect(problem({ ...NOTIFICATION_SAMPLE, debitStatus: 0 })).toMatch(/debitStatus/);
    expect(problem({ ...NOTIFICATION_SAMPLE, rpsTransactionId: 12345678901 })).toMatch(/rpsTransactionId/);
    expect(problem({ ...NOTIFICATION_SAMPLE, rpsTransactionId: '13185492' })).toBeUndefined();
  });

  it('reads token answers and Nepal timestamps', () => {
    expect(
      readTokenResponse({
        access_token: 'a',
        refresh_token: 'r',
        expires_in: 300,
        refresh_expires_in: '43200',
      }),
    ).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresInS: 300,
      refreshExpiresInS: 43200,
    });
    expect(readTokenResponse('nope')).toBeUndefined();
    expect(parseNepalTime('2024-05-09 11:27:16')).toEqual(new Date('2024-05-09T05:42:16.000Z'));
    expect(parseNepalTime('09/05/2024')).toBeUndefined();
  });
});
