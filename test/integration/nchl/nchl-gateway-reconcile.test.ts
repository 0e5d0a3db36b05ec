import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { fromGlobalId } from '../../../src/domain/global-id.js';
import { NchlReconciler } from '../../../src/operations/withdrawals/nchl-reconciler.js';
import {
  COMPLETE,
  completeInput,
  disposeSubscriptions,
  otpOf,
  REQUEST,
  requestInput,
  requestWithdrawal,
  startNchlGateway,
  subscribe,
  UPDATED,
  WITHDRAWAL,
  eventually,
  type CompletePayload,
  type NchlGatewayContext,
  type RequestPayload,
  type WithdrawalQuery,
} from './nchl-gateway.js';

const CREATE = '/api/v1/cardless/create-request';
const CASH_OUT = '/cardless/withdraw/transaction';
const REPORT = '/api/v1/cardless/report';
const AFTER_MS = 300_000;

describe('live status of withdrawals without notifications', () => {
  let context: NchlGatewayContext;

  beforeAll(async () => {
    context = await startNchlGateway();
  });
  afterAll(async () => {
    await disposeSubscriptions();
    await context.gw.close();
  });
  beforeEach(() => {
    const nchl = context.gw.simulators.nchl;
    nchl.reset();
    nchl.notifier.target = undefined; // NCHL's notifications do not arrive in these tests
  });

  const services = () => context.gw.gateway.services;
  const rowOf = async (id: string) => (await services().ledger.withdrawals.findById(fromGlobalId(id)!.id))!;
  /** A reconciler whose clock runs `aheadMs` ahead, so withdrawals look as old as needed. */
  const reconciler = (aheadMs: number, intervalMs = 60_000) =>
    new NchlReconciler(services().ledger.withdrawals, services().operations.withdrawals, services().logger, {
      afterMs: AFTER_MS,
      intervalMs,
      now: () => Date.now() + aheadMs,
    });
  /** Pays out at NCHL directly, behind the gateway's back (as another channel or a lost answer would). */
  const payOutAtNchl = async (transactionUniqueId: string, mobileNumber = '9841000001') =>
    services().providers.nchl!.cashOut({
      verificationCode: context.gw.simulators.nchl.otpFor(transactionUniqueId)!,
      mobileNumber,
      amount: '5000',
      bankCode: 'NABILNPK',
      traceNumber: 'T1',
      referenceNumber: 'R1',
      terminalId: 'ATM1',
    });

  it('refreshes an open withdrawal from the report when read, stores it and tells subscribers', async () => {
    const withdrawal = await requestWithdrawal(context, { mobileNumber: '9841000011' });
    await payOutAtNchl(withdrawal.transactionUniqueId, '9841000011');
    const updates = subscribe<{ withdrawalUpdated: { status: string } }>(
      context.gw.url,
      context.alice,
      UPDATED,
      {
        id: withdrawal.id,
      },
    );
    await eventually(() => listeners(withdrawal.id) === 1);

    const read = await context.gw.graphql<WithdrawalQuery, unknown>(
      WITHDRAWAL,
      { id: withdrawal.id },
      { token: context.alice },
    );
    expect(read.body.data!.withdrawal!.status).toBe('PAID');
    expect((await rowOf(withdrawal.id)).status).toBe('PAID');
    expect((await updates.event(1)).withdrawalUpdated.status).toBe('PAID');
    await updates.client.dispose();

    // Final now: reads no longer ask NCHL.
    const reports = context.gw.simulators.nchl.requests.count(REPORT);
    await context.gw.graphql(WITHDRAWAL, { id: withdrawal.id }, { token: context.alice });
    expect(context.gw.simulators.nchl.requests.count(REPORT)).toBe(reports);
  });

  it('asks about each open withdrawal of a page once, in one batch', async () => {
    const carol = await context.gw.token('carol');
    for (let index = 0; index < 3; index++) await requestWithdrawal(context, {}, carol);
    context.gw.simulators.nchl.reset();

    const page = await context.gw.graphql<
      { withdrawals: { edges: { node: { status: string } }[] } },
      unknown
    >(
      `{ withdrawals(first: 10) { edges { node { id status } } } me { withdrawals(first: 10) { edges { node { status } } } } }`,
      undefined,
      { token: carol },
    );
    expect(page.body.data!.withdrawals.edges.map((edge) => edge.node.status)).toEqual([
      'REQUESTED',
      'REQUESTED',
      'REQUESTED',
    ]);
    expect(context.gw.simulators.nchl.requests.count(REPORT)).toBe(3);
  });

  it('settles an UNKNOWN request NCHL received from its report, and fails one it never received', async () => {
    const nchl = context.gw.simulators.nchl;
    nchl.faults.add({ kind: 'reset-after', path: CREATE, times: 1 });
    const received = await context.gw.graphql<RequestPayload, unknown>(
      REQUEST,
      { input: requestInput() },
      { token: context.alice },
    );
    nchl.faults.add({ kind: 'reset-before', path: CREATE, times: 1 });
    const lost = await context.gw.graphql<RequestPayload, unknown>(
      REQUEST,
      { input: requestInput() },
      { token: context.alice },
    );
    const [receivedId, lostId] = [received, lost].map((answer) => {
      const withdrawal = answer.body.data!.requestCardlessWithdrawal.withdrawal!;
      expect(withdrawal.status).toBe('UNKNOWN');
      return withdrawal.id;
    });

    // Not yet old enough: nothing is asked.
    expect(await reconciler(0).runOnce()).toEqual({ checked: 0, moved: 0 });
    expect(nchl.requests.count(REPORT)).toBe(0);

    const round = await reconciler(AFTER_MS + 1000).runOnce();
    expect(round.moved).toBe(2);
    expect((await rowOf(receivedId!)).status).toBe('REQUESTED');
    expect(await rowOf(lostId!)).toMatchObject({ status: 'FAILED', errorCode: 'NOT_RECEIVED_BY_PROVIDER' });
    expect(nchl.requests.count(CREATE)).toBe(2); // nothing was re-sent

    // Just checked: the next round leaves them alone until they are old again.
    const checked = nchl.requests.count(REPORT);
    await reconciler(AFTER_MS + 1000).runOnce();
    expect(nchl.requests.count(REPORT)).toBe(checked);
  });

  it('settles a paid withdrawal whose notification never came, in the background', async () => {
    const withdrawal = await requestWithdrawal(context, { mobileNumber: '9841000012' });
    await payOutAtNchl(withdrawal.transactionUniqueId, '9841000012');
    const background = reconciler(AFTER_MS + 1000, 50);
    background.start();
    try {
      await eventually(async () => (await rowOf(withdrawal.id)).status === 'PAID');
    } finally {
      await background.stop();
    }
  });

  it('blocks new cash-outs while one is UNKNOWN, and frees them once the report shows nothing was paid', async () => {
    const nchl = context.gw.simulators.nchl;
    const withdrawal = await requestWithdrawal(context, { mobileNumber: '9841000013' });
    const otp = await otpOf(context, withdrawal.transactionUniqueId);
    const complete = (traceNumber: string) =>
      context.gw.graphql<CompletePayload, unknown>(
        COMPLETE,
        { input: completeInput(withdrawal.id, otp, { traceNumber }) },
        { token: context.operator },
      );

    nchl.faults.add({ kind: 'reset-before', path: CASH_OUT, times: 1 });
    const lost = await complete('T-lost');
    expect(lost.body.data!.completeCashWithdrawal.withdrawal).toMatchObject({
      status: 'REQUESTED',
      cashOut: { state: 'UNKNOWN' },
    });
    const blocked = await complete('T-blocked');
    expect(blocked.body.data!.completeCashWithdrawal.userErrors).toEqual([
      expect.objectContaining({ code: 'DECLINED', field: ['input', 'withdrawalId'] }),
    ]);
    expect(nchl.requests.count(CASH_OUT)).toBe(1);

    await reconciler(AFTER_MS + 1000).runOnce();
    expect((await rowOf(withdrawal.id)).cashOutState).toBe('NOT_PAID');

    const retried = await complete('T-retry');
    expect(retried.body.data!.completeCashWithdrawal.userErrors).toEqual([]);
    expect(nchl.requests.count(CASH_OUT)).toBe(2);
  });

  function listeners(withdrawalGlobalId: string): number {
    const pubsub = services().pubsub as unknown as { listenerCount(topic: string): number };
    return pubsub.listenerCount(`withdrawal.updated.${fromGlobalId(withdrawalGlobalId)!.id}`);
  }
});
