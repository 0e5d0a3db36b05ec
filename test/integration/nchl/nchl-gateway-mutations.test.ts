import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { fromGlobalId } from '../../../src/domain/global-id.js';
import {
  COMPLETE,
  completeInput,
  otpOf,
  REQUEST,
  requestInput,
  requestWithdrawal,
  startNchlGateway,
  WITHDRAWAL,
  type CompletePayload,
  type NchlGatewayContext,
  type RequestPayload,
  type WithdrawalQuery,
} from './nchl-gateway.js';

const CREATE = '/api/v1/cardless/create-request';
const CASH_OUT = '/cardless/withdraw/transaction';

describe('withdrawal mutations', () => {
  let context: NchlGatewayContext;
  const request = (input: Record<string, string>, token = context.alice) =>
    context.gw.graphql<RequestPayload, unknown>(REQUEST, { input }, { token });
  const complete = (input: Record<string, string>, token = context.operator) =>
    context.gw.graphql<CompletePayload, unknown>(COMPLETE, { input }, { token });

  beforeAll(async () => {
    context = await startNchlGateway();
  });
  afterAll(() => context.gw.close());
  beforeEach(() => context.gw.simulators.nchl.reset());

  describe('requestCardlessWithdrawal', () => {
    it('answers the same withdrawal for the same key and input, with one call to NCHL', async () => {
      const input = requestInput();
      const first = await request(input);
      const again = await request(input);
      expect(again.body.data!.requestCardlessWithdrawal).toMatchObject({
        replayed: true,
        userErrors: [],
        withdrawal: { id: first.body.data!.requestCardlessWithdrawal.withdrawal!.id, status: 'REQUESTED' },
      });
      expect(context.gw.simulators.nchl.requests.count(CREATE)).toBe(1);

      const reused = await request({ ...input, amount: '6000' });
      expect(reused.body.data!.requestCardlessWithdrawal).toMatchObject({
        withdrawal: null,
        userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }],
      });
      expect(context.gw.simulators.nchl.requests.count(CREATE)).toBe(1);
    });

    it('makes one call for concurrent duplicates', async () => {
      const input = requestInput();
      const answers = await Promise.all(Array.from({ length: 10 }, () => request(input)));
      const ids = new Set(
        answers.map((answer) => answer.body.data!.requestCardlessWithdrawal.withdrawal!.id),
      );
      expect(ids.size).toBe(1);
      expect(answers.filter((answer) => !answer.body.data!.requestCardlessWithdrawal.replayed)).toHaveLength(
        1,
      );
      expect(context.gw.simulators.nchl.requests.count(CREATE)).toBe(1);
    });

    it.each([
      ['an amount that is not a multiple of 1000', { amount: '1500' }, 'INVALID_AMOUNT', 'amount'],
      ['an amount with paisa', { amount: '5000.50' }, 'INVALID_AMOUNT', 'amount'],
      ['an account name over 50 characters', { accountName: 'A'.repeat(51) }, 'INVALID_INPUT', 'accountName'],
      [
        'an account number over 20 characters',
        { accountNumber: '1'.repeat(21) },
        'INVALID_INPUT',
        'accountNumber',
      ],
      ['a branch over 3 characters', { branchId: '1234' }, 'INVALID_INPUT', 'branchId'],
      ['remarks over 36 characters', { remarks: 'r'.repeat(37) }, 'INVALID_INPUT', 'remarks'],
      ['a mobile number of 9 digits', { mobileNumber: '984100000' }, 'INVALID_PHONE', 'mobileNumber'],
    ])('refuses %s before anything is recorded or sent', async (_case, overrides, code, field) => {
      const answer = await request(requestInput(overrides));
      expect(answer.body.data!.requestCardlessWithdrawal).toEqual({
        withdrawal: null,
        replayed: false,
        userErrors: [expect.objectContaining({ code, field: ['input', field] })],
      });
      expect(context.gw.simulators.nchl.requests.entries).toHaveLength(0);
    });

    it('records a decline by NCHL as FAILED with a DECLINED userError', async () => {
      context.gw.simulators.nchl.faults.add({ kind: 'status', status: 400, path: CREATE, times: 1 });
      const answer = await request(requestInput());
      expect(answer.body.data!.requestCardlessWithdrawal).toMatchObject({
        withdrawal: { status: 'FAILED', failureCode: 'DECLINED' },
        userErrors: [{ code: 'DECLINED', message: 'NCHL declined the request' }],
      });
      expect(answer.text).not.toContain('Simulated failure');
    });

    it('answers PROVIDER_UNAVAILABLE when NCHL is down, and the withdrawal is FAILED (nothing was sent)', async () => {
      context.gw.simulators.nchl.faults.add({ kind: 'status', status: 503, path: CREATE, times: 1 });
      const answer = await request(requestInput());
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({
        code: 'PROVIDER_UNAVAILABLE',
        provider: 'NCHL',
      });
      const id = answer.body.errors![0]!.extensions!.withdrawalId as string;
      const read = await context.gw.graphql<WithdrawalQuery, unknown>(
        WITHDRAWAL,
        { id },
        { token: context.alice },
      );
      expect(read.body.data!.withdrawal).toMatchObject({
        status: 'FAILED',
        failureCode: 'PROVIDER_UNAVAILABLE',
      });
    });

    it('leaves the withdrawal UNKNOWN when the answer is lost, and never re-sends it', async () => {
      context.gw.simulators.nchl.faults.add({ kind: 'reset-after', path: CREATE, times: 1 });
      const input = requestInput();
      const answer = await request(input);
      expect(answer.body.data!.requestCardlessWithdrawal.withdrawal).toMatchObject({ status: 'UNKNOWN' });
      await request(input);
      expect(context.gw.simulators.nchl.requests.count(CREATE)).toBe(1);
    });

    it('pays out a withdrawal left UNKNOWN once NCHL’s report shows it was received', async () => {
      const nchl = context.gw.simulators.nchl;
      nchl.faults.add({ kind: 'reset-after', path: CREATE, times: 1 });
      const withdrawal = (await request(requestInput({ mobileNumber: '9841000005' }))).body.data!
        .requestCardlessWithdrawal.withdrawal!;
      expect(withdrawal.status).toBe('UNKNOWN');
      const otp = await otpOf(context, withdrawal.transactionUniqueId);
      const paid = await complete(completeInput(withdrawal.id, otp));
      expect(paid.body.data!.completeCashWithdrawal.userErrors).toEqual([]);
      expect(nchl.requests.count(CASH_OUT)).toBe(1);
    });

    it('requires authentication', async () => {
      const answer = await context.gw.graphql<RequestPayload, unknown>(REQUEST, { input: requestInput() });
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(context.gw.simulators.nchl.requests.entries).toHaveLength(0);
    });
  });

  describe('completeCashWithdrawal', () => {
    it('is refused to principals without the operator scope', async () => {
      const withdrawal = await requestWithdrawal(context);
      const otp = await otpOf(context, withdrawal.transactionUniqueId);
      const answer = await complete(completeInput(withdrawal.id, otp), context.alice);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(context.gw.simulators.nchl.requests.count(CASH_OUT)).toBe(0);
    });

    it('answers a wrong OTP as WRONG_OTP, replays it for the same key, and pays with the right OTP', async () => {
      const withdrawal = await requestWithdrawal(context, { mobileNumber: '9841000002' });
      const otp = await otpOf(context, withdrawal.transactionUniqueId);
      const wrong = completeInput(withdrawal.id, otp === '000000' ? '111111' : '000000');

      const refused = await complete(wrong);
      expect(refused.body.data!.completeCashWithdrawal).toMatchObject({
        withdrawal: { status: 'REQUESTED', cashOut: { state: 'DECLINED' } },
        userErrors: [{ code: 'WRONG_OTP', field: ['input', 'otp'] }],
      });
      const replayed = await complete(wrong);
      expect(replayed.body.data!.completeCashWithdrawal).toMatchObject({
        replayed: true,
        userErrors: [{ code: 'WRONG_OTP' }],
      });
      expect(context.gw.simulators.nchl.requests.count(CASH_OUT)).toBe(1);

      const paid = await complete(completeInput(withdrawal.id, otp));
      expect(paid.body.data!.completeCashWithdrawal.userErrors).toEqual([]);
      expect(['PROCESSING', 'PAID']).toContain(paid.body.data!.completeCashWithdrawal.withdrawal!.status);
      expect(context.gw.simulators.nchl.requests.count(CASH_OUT)).toBe(2);

      const twice = await complete(completeInput(withdrawal.id, otp));
      expect(twice.body.data!.completeCashWithdrawal.userErrors).toEqual([
        expect.objectContaining({ code: 'DECLINED', field: ['input', 'withdrawalId'] }),
      ]);
      expect(context.gw.simulators.nchl.requests.count(CASH_OUT)).toBe(2);

      // The OTP is used, never kept.
      const row = await context.gw.gateway.services.ledger.withdrawals.findById(
        fromGlobalId(withdrawal.id)!.id,
      );
      // As a digit run of its own: six digits can sit inside a longer number by chance.
      expect(JSON.stringify(row)).not.toMatch(new RegExp(`(^|\\D)${otp}(\\D|$)`));
    });

    it('sends one cash-out when several operators race for the same withdrawal', async () => {
      const withdrawal = await requestWithdrawal(context, { mobileNumber: '9841000003' });
      const otp = await otpOf(context, withdrawal.transactionUniqueId);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => complete(completeInput(withdrawal.id, otp))),
      );
      const accepted = answers.filter(
        (answer) => answer.body.data!.completeCashWithdrawal.userErrors.length === 0,
      );
      expect(accepted).toHaveLength(1);
      expect(context.gw.simulators.nchl.requests.count(CASH_OUT)).toBe(1);
    });

    it('refuses a wrong amount and an unknown withdrawal before calling NCHL', async () => {
      const withdrawal = await requestWithdrawal(context, { mobileNumber: '9841000004' });
      const otp = await otpOf(context, withdrawal.transactionUniqueId);
      const wrongAmount = await complete(completeInput(withdrawal.id, otp, { amount: '6000' }));
      expect(wrongAmount.body.data!.completeCashWithdrawal.userErrors).toEqual([
        expect.objectContaining({ code: 'INVALID_AMOUNT', field: ['input', 'amount'] }),
      ]);
      const unknown = await complete(
        completeInput(Buffer.from('Withdrawal:nope').toString('base64url'), otp),
      );
      expect(unknown.body.data!.completeCashWithdrawal.userErrors).toEqual([
        expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'withdrawalId'] }),
      ]);
      expect(context.gw.simulators.nchl.requests.count(CASH_OUT)).toBe(0);
    });
  });
});
