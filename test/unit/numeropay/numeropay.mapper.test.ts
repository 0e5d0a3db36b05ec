import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { TransactionStatus } from '../../../src/domain/transaction.js';
import {
  paymentFromTransaction,
  statesFromStatuses,
  statusFromState,
} from '../../../src/providers/numeropay/numeropay.mapper.js';
import type { NumeroPayTransaction } from '../../../src/providers/numeropay/numeropay.types.js';

/** The transaction of the document's "Sample Response", verbatim. */
const documentSample = JSON.parse(
  readFileSync(new URL('./fixtures/document-sample-transaction.json', import.meta.url), 'utf8'),
) as NumeroPayTransaction;

describe('NumeroPay mapper', () => {
  it('maps the document sample to a payment', () => {
    expect(paymentFromTransaction(documentSample)).toEqual({
      providerReference: '5CD0RGCKJ',
      status: TransactionStatus.PENDING,
      amount: '100',
      currency: 'AUD',
      description: 'sample transaction',
      businessName: 'Infinity Group',
      createdAt: new Date('2020-10-14T02:31:23.328Z'),
      updatedAt: new Date('2020-10-14T02:31:23.328Z'),
    });
  });

  it.each([
    [0, TransactionStatus.PENDING],
    [1, TransactionStatus.SUCCEEDED],
    [2, TransactionStatus.FAILED],
    [3, TransactionStatus.CANCELLED],
    [4, TransactionStatus.REFUNDED],
    [5, TransactionStatus.PENDING],
    [-1, TransactionStatus.PENDING],
  ])('maps state %i to %s', (state, status) => {
    expect(statusFromState(state)).toBe(status);
    expect(paymentFromTransaction({ ...documentSample, state }).status).toBe(status);
  });

  it('writes amounts as decimal strings without float artefacts', () => {
    expect(paymentFromTransaction({ ...documentSample, amount: 10.5 }).amount).toBe('10.5');
    expect(paymentFromTransaction({ ...documentSample, amount: 0.1 }).amount).toBe('0.1');
    expect(paymentFromTransaction({ ...documentSample, amount: 1234567.89 }).amount).toBe('1234567.89');
  });

  it('treats an empty or absent description as none', () => {
    expect(paymentFromTransaction({ ...documentSample, description: '' }).description).toBeNull();
    const { description: _description, ...withoutDescription } = documentSample;
    expect(paymentFromTransaction(withoutDescription).description).toBeNull();
  });

  it('asks for the states of our statuses, and none for UNKNOWN', () => {
    expect(statesFromStatuses([TransactionStatus.SUCCEEDED, TransactionStatus.REFUNDED])).toEqual([1, 4]);
    expect(statesFromStatuses([TransactionStatus.PENDING])).toEqual([0]);
    expect(statesFromStatuses([TransactionStatus.UNKNOWN])).toEqual([]);
  });
});
