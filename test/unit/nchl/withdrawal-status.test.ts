import { describe, expect, it } from '@jest/globals';
import {
  canAdvanceWithdrawal,
  isFinalWithdrawalStatus,
  WithdrawalStatus,
} from '../../../src/domain/withdrawal.js';

const { PENDING, UNKNOWN, REQUESTED, PROCESSING, PAID, FAILED, EXPIRED } = WithdrawalStatus;

describe('withdrawal state machine', () => {
  it.each([
    [PENDING, REQUESTED],
    [PENDING, UNKNOWN],
    [PENDING, FAILED],
    [UNKNOWN, REQUESTED],
    [UNKNOWN, PAID],
    [REQUESTED, PROCESSING],
    [REQUESTED, PAID],
    [REQUESTED, EXPIRED],
    [PROCESSING, PAID],
    [PROCESSING, FAILED],
  ])('moves forward from %s to %s', (from, to) => {
    expect(canAdvanceWithdrawal(from, to)).toBe(true);
  });

  it.each([
    [REQUESTED, PENDING],
    [REQUESTED, REQUESTED],
    [PROCESSING, REQUESTED],
    [PAID, FAILED],
    [PAID, PROCESSING],
    [FAILED, PAID],
    [EXPIRED, PAID],
    [REQUESTED, UNKNOWN],
  ])('never moves from %s to %s', (from, to) => {
    expect(canAdvanceWithdrawal(from, to)).toBe(false);
  });

  it('knows which statuses are final', () => {
    expect(Object.values(WithdrawalStatus).filter(isFinalWithdrawalStatus)).toEqual([PAID, FAILED, EXPIRED]);
  });
});
