import { describe, expect, it } from '@jest/globals';
import { TransactionStatus } from '../../../src/domain/transaction.js';
import { UserErrorCode } from '../../../src/domain/user-error-codes.js';
import {
  statusFromTxnStatus,
  toDigiPayTopupRequest,
  toTopupQuote,
  toTopupAnswer,
  isSendableAmount,
  rejectionForStatus,
  type WalletTopupInput,
} from '../../../src/providers/digipay/digipay.mapper.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';
import { Provider } from '../../../src/domain/provider.js';
import { Rejection } from '../../../src/domain/rejection.js';
import { rejectionFailure } from '../../../src/operations/outcomes/rejections.js';

const input: WalletTopupInput = {
  walletId: '116a51aa2b7d459a8b7e3db7dcf5e70a',
  amount: '1000.5',
  txnCode: 'CIB',
  paymentMode: 2,
  note: 'testing',
};

function thrown(action: () => unknown): ProviderError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('toDigiPayTopupRequest', () => {
  it('turns the decimal amount into the wire number and keeps the documented field names', () => {
    expect(toDigiPayTopupRequest(input)).toEqual({
      wallet_id: input.walletId,
      txn_amount: 1000.5,
      txn_code: 'CIB',
      payment_mode: 2,
      note: 'testing',
    });
  });

  it('leaves the note out when there is none', () => {
    const { note: _note, ...withoutNote } = input;
    expect(toDigiPayTopupRequest({ ...withoutNote, amount: '100.50' })).not.toHaveProperty('note');
  });

  it('refuses an amount that a double cannot carry exactly', () => {
    expect(() => toDigiPayTopupRequest({ ...input, amount: '999999999999999.99' })).toThrow(RangeError);
  });
});

describe('toTopupQuote', () => {
  it('converts the charge lines to Money and sums them exactly', () => {
    const data = {
      charges_info: {
        total_charges: 0.3,
        charges: [
          { name: 'Service charge', amount: 0.1 },
          { name: 'VAT', amount: 0.2 },
        ],
      },
    };
    expect(toTopupQuote(data, input, 'NPR')).toEqual({
      walletId: input.walletId,
      amount: { amount: '1000.5', currency: 'NPR' },
      charges: [
        { name: 'Service charge', amount: { amount: '0.1', currency: 'NPR' } },
        { name: 'VAT', amount: { amount: '0.2', currency: 'NPR' } },
      ],
      totalCharges: { amount: '0.3', currency: 'NPR' },
    });
  });

  it('keeps the digits DigiPay sent for large amounts', () => {
    const data = {
      charges_info: { total_charges: 99999999999.99, charges: [{ name: 'Fee', amount: 99999999999.99 }] },
    };
    expect(toTopupQuote(data, input, 'NPR').totalCharges.amount).toBe('99999999999.99');
  });

  it('accepts numeric strings and a quote without charges', () => {
    expect(
      toTopupQuote({ charges_info: { total_charges: 0, charges: [] } }, input, 'NPR').totalCharges,
    ).toEqual({
      amount: '0',
      currency: 'NPR',
    });
    const quote = toTopupQuote(
      { charges_info: { total_charges: '16.95', charges: [{ name: 'Fee', amount: '16.95' }] } },
      input,
      'INR',
    );
    expect(quote.totalCharges).toEqual({ amount: '16.95', currency: 'INR' });
  });

  it.each([
    ['no charges_info', {}],
    ['charges that are not a list', { charges_info: { total_charges: 1, charges: 'x' } }],
    ['a nameless charge', { charges_info: { total_charges: 1, charges: [{ amount: 1 }] } }],
    ['a negative charge', { charges_info: { total_charges: -1, charges: [{ name: 'Fee', amount: -1 }] } }],
    ['a charge that is not a number', { charges_info: { charges: [{ name: 'Fee', amount: 'ten' }] } }],
    [
      'a total that is not the sum',
      { charges_info: { total_charges: 17, charges: [{ name: 'Fee', amount: 16.95 }] } },
    ],
  ])('rejects %s as a bad response', (_case, data) => {
    const error = thrown(() => toTopupQuote(data, input, 'NPR'));
    expect(error.code).toBe('PROVIDER_BAD_RESPONSE');
    expect(error.outcomeUnknown).toBe(false);
  });
});

describe('toTopupAnswer', () => {
  const transaction = { txn_id: 'bcdc063cf4844eea82e1c0e68a2360e8', txn_number: 'TU0000000001' };

  it('maps txn_status 1 to SUCCEEDED with the txn id as provider reference', () => {
    expect(toTopupAnswer({ message: 'ok', transaction: { ...transaction, txn_status: 1 } })).toEqual({
      status: TransactionStatus.SUCCEEDED,
      providerReference: transaction.txn_id,
      details: { txnNumber: 'TU0000000001' },
    });
  });

  it.each([
    [0, TransactionStatus.PENDING],
    [2, TransactionStatus.FAILED],
    ['1', TransactionStatus.SUCCEEDED],
    [7, TransactionStatus.PENDING],
    [undefined, TransactionStatus.PENDING],
  ])('maps txn_status %p to %s', (txnStatus, status) => {
    expect(statusFromTxnStatus(txnStatus)).toBe(status);
  });

  it('records why a failed top-up failed', () => {
    const settlement = toTopupAnswer({ transaction: { txn_id: 'x1', txn_status: 2 } });
    expect(settlement).toEqual({
      status: TransactionStatus.FAILED,
      providerReference: 'x1',
      rejection: Rejection.DECLINED,
    });
  });

  it('leaves the outcome unknown when a success carries no txn id', () => {
    const error = thrown(() => toTopupAnswer({ transaction: { txn_status: 1 } }));
    expect(error.code).toBe('PROVIDER_BAD_RESPONSE');
    expect(error.outcomeUnknown).toBe(true);
    expect(thrown(() => toTopupAnswer(undefined)).outcomeUnknown).toBe(true);
  });
});

describe('DigiPay refusals', () => {
  it('tells an unknown wallet, a bad request and a decline apart by status', () => {
    expect(rejectionForStatus(404)).toBe(Rejection.ACCOUNT_NOT_FOUND);
    expect(rejectionForStatus(400)).toBe(Rejection.INVALID_REQUEST);
    expect(rejectionForStatus(200)).toBe(Rejection.DECLINED);
  });

  it('gives each its user error, naming the wallet where it concerns it', () => {
    const fields = { [Rejection.ACCOUNT_NOT_FOUND]: 'walletId' };
    expect(rejectionFailure(Rejection.ACCOUNT_NOT_FOUND, Provider.DIGIPAY, fields)).toMatchObject({
      code: UserErrorCode.NOT_FOUND,
      field: ['input', 'walletId'],
    });
    expect(rejectionFailure(Rejection.INVALID_REQUEST, Provider.DIGIPAY, fields).code).toBe(
      UserErrorCode.INVALID_INPUT,
    );
    expect(rejectionFailure(Rejection.DECLINED, Provider.DIGIPAY, fields)).toEqual({
      code: UserErrorCode.DECLINED,
      message: 'DigiPay declined the request',
    });
  });
});

describe('isSendableAmount', () => {
  it.each([
    ['100', true],
    ['0.29', true],
    ['99999999999.99', true],
    ['999999999999999.99', false],
  ])('%s → %p', (amount, sendable) => {
    expect(isSendableAmount(amount)).toBe(sendable);
  });
});
