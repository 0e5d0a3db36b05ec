import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromGlobalId } from '../../../src/domain/global-id.js';
import { transactionUniqueIdFor } from '../../../src/providers/nchl/nchl.transaction-id.js';
import {
  COMPLETE,
  completeInput,
  disposeSubscriptions,
  eventually,
  otpOf,
  REQUEST,
  requestInput,
  startNchlGateway,
  subscribe,
  UPDATED,
  WITHDRAWAL,
  type CompletePayload,
  type NchlGatewayContext,
  type RequestPayload,
  type WithdrawalQuery,
} from './nchl-gateway.js';

describe('cardless withdrawal through the gateway, over real HTTP and WebSocket', () => {
  let context: NchlGatewayContext;

  beforeAll(async () => {
    context = await startNchlGateway();
  });
  afterAll(async () => {
    await disposeSubscriptions();
    await context.gw.close();
  });

  it('walks request → OTP → cash-out → notification → subscription event → PAID', async () => {
    const { gw, alice, operator } = context;
    const nchl = gw.simulators.nchl;
    const input = requestInput();

    const requested = await gw.graphql<RequestPayload, unknown>(REQUEST, { input }, { token: alice });
    const payload = requested.body.data!.requestCardlessWithdrawal;
    expect(payload.userErrors).toEqual([]);
    const withdrawal = payload.withdrawal!;
    expect(withdrawal).toMatchObject({
      status: 'REQUESTED',
      amount: { amount: '5000', currency: 'NPR' },
      mobileNumber: '9841000001',
      accountNumber: '*******3456',
    });
    expect(withdrawal.transactionUniqueId).toBe(transactionUniqueIdFor('alice', input.idempotencyKey));
    expect(nchl.requests.count('/api/v1/cardless/create-request')).toBe(1);

    const updates = subscribe<{
      withdrawalUpdated: { id: string; status: string; providerReference: string | null };
    }>(gw.url, alice, UPDATED, { id: withdrawal.id });
    // The subscription is live once the server holds its listener.
    await eventually(() => listeners(context, withdrawal.id) === 1);

    const otp = await otpOf(context, withdrawal.transactionUniqueId);
    const completed = await gw.graphql<CompletePayload, unknown>(
      COMPLETE,
      { input: completeInput(withdrawal.id, otp) },
      { token: operator },
    );
    const cashOut = completed.body.data!.completeCashWithdrawal;
    expect(cashOut.userErrors).toEqual([]);
    expect(['PROCESSING', 'PAID']).toContain(cashOut.withdrawal!.status);
    expect(cashOut.withdrawal!.cashOut).toMatchObject({ state: 'ACCEPTED', terminalId: 'PRIME2101' });

    await updates.completed; // a final status ends the subscription
    await updates.client.dispose();
    expect(updates.errors).toEqual([]);
    // The notification may overtake the cash-out's own answer: then PROCESSING is skipped, never repeated.
    const statuses = updates.events.map((event) => event.withdrawalUpdated.status);
    expect([['PROCESSING', 'PAID'], ['PAID']]).toContainEqual(statuses);
    const last = updates.events.at(-1)!.withdrawalUpdated;
    expect(last).toMatchObject({ id: withdrawal.id, status: 'PAID' });
    expect(last.providerReference).toMatch(/^\d+$/);

    const read = await gw.graphql<WithdrawalQuery, unknown>(
      WITHDRAWAL,
      { id: withdrawal.id },
      { token: alice },
    );
    expect(read.body.data!.withdrawal).toMatchObject({ status: 'PAID', cashOut: { state: 'ACCEPTED' } });

    // NCHL's notification reached the gateway once, signed, and was answered SUCCESS.
    expect(nchl.notifier.deliveries).toEqual([
      expect.objectContaining({
        transactionUniqueId: withdrawal.transactionUniqueId,
        httpStatus: 200,
        answer: 'SUCCESS',
      }),
    ]);
    const stored = await gw.gateway.services.ledger.withdrawals.listNotifications(
      withdrawal.transactionUniqueId,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'PAID',
      applied: 1,
      withdrawal_id: fromGlobalId(withdrawal.id)!.id,
    });
    expect(listeners(context, withdrawal.id)).toBe(0);
  });

  it('answers User.withdrawals and the withdrawals connection, newest first, only the caller’s', async () => {
    const { gw } = context;
    const bob = await gw.token('bob');
    const first = await gw.graphql<RequestPayload, unknown>(
      REQUEST,
      { input: requestInput() },
      { token: bob },
    );
    const second = await gw.graphql<RequestPayload, unknown>(
      REQUEST,
      { input: requestInput({ amount: '2000' }) },
      { token: bob },
    );
    const ids = [second, first].map(
      (response) => response.body.data!.requestCardlessWithdrawal.withdrawal!.id,
    );

    const page = await gw.graphql<
      {
        withdrawals: {
          edges: { cursor: string; node: { id: string } }[];
          pageInfo: { hasNextPage: boolean };
        };
      },
      unknown
    >(`{ withdrawals(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage } } }`, undefined, {
      token: bob,
    });
    expect(page.body.data!.withdrawals.edges.map((edge) => edge.node.id)).toEqual([ids[0]]);
    expect(page.body.data!.withdrawals.pageInfo.hasNextPage).toBe(true);

    const after = page.body.data!.withdrawals.edges[0]!.cursor;
    const viaUser = await gw.graphql<{ me: { withdrawals: { edges: { node: { id: string } }[] } } }, unknown>(
      `query($after: String) { me { withdrawals(first: 10, after: $after) { edges { node { id } } } } }`,
      { after },
      { token: bob },
    );
    expect(viaUser.body.errors).toBeUndefined();
    expect(viaUser.body.data!.me.withdrawals.edges.map((edge) => edge.node.id)).toEqual([ids[1]]);

    const stranger = await gw.graphql<WithdrawalQuery, unknown>(
      WITHDRAWAL,
      { id: ids[0] },
      { token: context.alice },
    );
    expect(stranger.body.data!.withdrawal).toBeNull();
    const viaNode = await gw.graphql<{ node: { id: string; status: string } | null }, unknown>(
      `query($id: ID!) { node(id: $id) { id ... on Withdrawal { status } } }`,
      { id: ids[0] },
      { token: bob },
    );
    expect(viaNode.body.data!.node).toMatchObject({ id: ids[0], status: 'REQUESTED' });
  });

  it('refuses subscriptions without a valid token or to another user’s withdrawal', async () => {
    const { gw, alice } = context;
    const withdrawal = (
      await gw.graphql<RequestPayload, unknown>(REQUEST, { input: requestInput() }, { token: alice })
    ).body.data!.requestCardlessWithdrawal.withdrawal!;

    const forged = subscribe(gw.url, 'not-a-jwt', UPDATED, { id: withdrawal.id });
    await forged.completed;
    expect(forged.errors).toEqual([expect.objectContaining({ code: 4403 })]);

    const anonymous = subscribe(gw.url, undefined, UPDATED, { id: withdrawal.id });
    await anonymous.completed;
    expect(anonymous.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    await anonymous.client.dispose();

    const other = subscribe(gw.url, await gw.token('mallory'), UPDATED, { id: withdrawal.id });
    await other.completed;
    expect(other.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    await other.client.dispose();
    expect(listeners(context, withdrawal.id)).toBe(0);

    // Queries and mutations go through HTTP, where rate limits and provider budgets apply.
    const query = subscribe(gw.url, alice, `{ withdrawals(first: 1) { edges { cursor } } }`, {});
    await query.completed;
    expect(query.events).toEqual([]);
    expect(query.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/Only subscriptions/) }),
    ]);
    await query.client.dispose();
  });

  it('resolves Withdrawal entities for a federation router with the same visibility as node(id:)', async () => {
    const { gw, alice } = context;
    const withdrawal = (
      await gw.graphql<RequestPayload, unknown>(REQUEST, { input: requestInput() }, { token: alice })
    ).body.data!.requestCardlessWithdrawal.withdrawal!;
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Withdrawal { id status } } }`;
    const representations = [{ __typename: 'Withdrawal', id: withdrawal.id }];

    const own = await gw.graphql<{ _entities: unknown[] }, unknown>(
      query,
      { representations },
      { token: alice },
    );
    expect(own.body.data!._entities).toEqual([{ id: withdrawal.id, status: 'REQUESTED' }]);
    const other = await gw.graphql<{ _entities: unknown[] }, unknown>(
      query,
      { representations },
      { token: await gw.token('mallory') },
    );
    expect(other.body.data!._entities).toEqual([null]);
  });

  // Last: it closes the gateway.
  it('closes open subscriptions with 1001 when the gateway shuts down', async () => {
    const { gw, alice } = context;
    const withdrawal = (
      await gw.graphql<RequestPayload, unknown>(REQUEST, { input: requestInput() }, { token: alice })
    ).body.data!.requestCardlessWithdrawal.withdrawal!;
    const open = subscribe(gw.url, alice, UPDATED, { id: withdrawal.id });
    await eventually(() => listeners(context, withdrawal.id) === 1);

    await gw.close();
    await open.completed;
    expect(open.errors).toEqual([expect.objectContaining({ code: 1001 })]);
    expect(listeners(context, withdrawal.id)).toBe(0);
  });
});

function listeners(context: NchlGatewayContext, withdrawalGlobalId: string): number {
  const pubsub = context.gw.gateway.services.pubsub as unknown as { listenerCount(topic: string): number };
  return pubsub.listenerCount(`withdrawal.updated.${fromGlobalId(withdrawalGlobalId)!.id}`);
}
