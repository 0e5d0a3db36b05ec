import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  COMPLETE,
  completeInput,
  otpOf,
  requestWithdrawal,
  startNchlGateway,
  WITHDRAWAL,
  type CompletePayload,
  type NchlGatewayContext,
  type WithdrawalQuery,
} from '../integration/nchl/nchl-gateway.js';

const EXCEPTIONS = `
  query Exceptions { cashOutExceptions(first: 10) { edges { node { id cashOut { state } } } } }`;

interface ExceptionsQuery {
  cashOutExceptions: { edges: { node: { id: string; cashOut: { state: string } } }[] };
}

/**
 * NCHL identifies a cash-out by mobile, amount and OTP, and answers with the account, mobile and amount it
 * paid: never our withdrawal's id. An operator (or a mistaken ATM flow) that claims withdrawal W1 with the
 * OTP of W2 must not get W1 marked paid while NCHL paid W2.
 */
describe('cash-outs are attributed by what NCHL paid, never by the caller’s claim', () => {
  let context: NchlGatewayContext;
  const complete = (input: Record<string, string>) =>
    context.gw.graphql<CompletePayload, unknown>(COMPLETE, { input }, { token: context.operator });
  const read = async (id: string) =>
    (await context.gw.graphql<WithdrawalQuery, unknown>(WITHDRAWAL, { id }, { token: context.operator })).body
      .data!.withdrawal!;
  const exceptions = async () =>
    (
      await context.gw.graphql<ExceptionsQuery, unknown>(EXCEPTIONS, {}, { token: context.operator })
    ).body.data!.cashOutExceptions.edges.map((edge) => edge.node);

  beforeAll(async () => {
    context = await startNchlGateway();
  });
  afterAll(() => context.gw.close());
  beforeEach(() => context.gw.simulators.nchl.reset());

  it('marks nothing paid when the OTP of a withdrawal on another account pays that one instead', async () => {
    const mobileNumber = '9841000101';
    const w1 = await requestWithdrawal(context, { mobileNumber, accountNumber: '00100000001' });
    const w2 = await requestWithdrawal(context, { mobileNumber, accountNumber: '00100000002' });
    const otpOfW2 = await otpOf(context, w2.transactionUniqueId);

    const { body } = await complete(completeInput(w1.id, otpOfW2));

    const payload = body.data!.completeCashWithdrawal;
    expect(payload.withdrawal).toMatchObject({
      id: w1.id,
      status: 'REQUESTED',
      cashOut: { state: 'MISMATCHED' },
    });
    expect(payload.userErrors).toEqual([
      expect.objectContaining({ code: 'WRONG_OTP', field: ['input', 'otp'] }),
    ]);
    // NCHL paid W2 and says so in its notification: W2 moves, W1 never does.
    await context.gw.simulators.nchl.notifier.settled();
    expect((await read(w2.id)).status).toBe('PAID');
    expect(await read(w1.id)).toMatchObject({ status: 'REQUESTED', cashOut: { state: 'MISMATCHED' } });
    expect((await exceptions()).map((node) => [node.id, node.cashOut.state])).toContainEqual([
      w1.id,
      'MISMATCHED',
    ]);

    // W1's own OTP still pays W1: the mismatch used nothing of it.
    const own = await complete(completeInput(w1.id, await otpOf(context, w1.transactionUniqueId)));
    expect(own.body.data!.completeCashWithdrawal.withdrawal).toMatchObject({
      status: 'PROCESSING',
      cashOut: { state: 'ACCEPTED' },
    });
  });

  it('holds a payout it cannot tell apart unattributed, until NCHL says which withdrawal it paid', async () => {
    const twin = { mobileNumber: '9841000202', accountNumber: '00100000003' };
    const w1 = await requestWithdrawal(context, twin);
    const w2 = await requestWithdrawal(context, twin);
    const notifier = context.gw.simulators.nchl.notifier;
    const target = notifier.target;
    notifier.target = undefined; // hold the notification back: the answer alone decides
    const otpOfW2 = await otpOf(context, w2.transactionUniqueId);

    try {
      await holdsUntilTheReportSays(w1.id, w2.id, otpOfW2);
    } finally {
      notifier.target = target;
    }
  });

  async function holdsUntilTheReportSays(w1Id: string, w2Id: string, otpOfW2: string): Promise<void> {
    const w1 = { id: w1Id };
    const w2 = { id: w2Id };
    const { body } = await complete(completeInput(w1.id, otpOfW2));

    expect(body.data!.completeCashWithdrawal).toMatchObject({
      withdrawal: { id: w1.id, status: 'REQUESTED', cashOut: { state: 'UNATTRIBUTED' } },
      userErrors: [],
    });
    expect((await exceptions()).map((node) => [node.id, node.cashOut.state])).toContainEqual([
      w1.id,
      'UNATTRIBUTED',
    ]);
    // A second cash-out of W1 is refused while the first is held.
    const again = await complete(completeInput(w1.id, otpOfW2));
    expect(again.body.data!.completeCashWithdrawal.userErrors).toEqual([
      expect.objectContaining({ code: 'DECLINED', field: ['input', 'withdrawalId'] }),
    ]);

    // NCHL's reports say W2 was used and paid while W1 is still open: W2 is paid, and the attempt held on
    // W1 is released (reading a withdrawal asks for its report).
    expect((await read(w2.id)).status).toBe('PAID');
    expect(await read(w1.id)).toMatchObject({ status: 'REQUESTED', cashOut: { state: 'NOT_PAID' } });
    expect((await exceptions()).map((node) => node.id)).not.toContain(w1.id);
  }

  it('accepts a payout that fits only the claimed withdrawal', async () => {
    const w1 = await requestWithdrawal(context, { mobileNumber: '9841000303', accountNumber: '00100000004' });
    await requestWithdrawal(context, {
      mobileNumber: '9841000303',
      accountNumber: '00100000005',
      amount: '6000',
    });
    const { body } = await complete(completeInput(w1.id, await otpOf(context, w1.transactionUniqueId)));
    expect(body.data!.completeCashWithdrawal).toMatchObject({
      withdrawal: { status: 'PROCESSING', cashOut: { state: 'ACCEPTED' } },
      userErrors: [],
    });
  });

  it('lists cash-out exceptions to operators only', async () => {
    const { body } = await context.gw.graphql<ExceptionsQuery, unknown>(
      EXCEPTIONS,
      {},
      { token: context.alice },
    );
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
