import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  MeDocument,
  RechargeMobileDocument,
  TransactionsDocument,
  TransferToNupeyeWalletDocument,
} from '../../../src/generated/graphql.js';
import { NUPEYE_SANDBOX_CUSTOMER, NUPEYE_SANDBOX_TIMEOUT_MS } from '../../../src/sandbox/nupeye/index.js';
import type { NupeyeSimulator } from '../../../src/sandbox/nupeye/nupeye.simulator.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

const RECHARGE = '/recharge_account';

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const TRANSFER = '/transfer_amount';
const customer = NUPEYE_SANDBOX_CUSTOMER;

describe('Nupeye through GraphQL', () => {
  let gw: TestGateway;
  let nupeye: NupeyeSimulator;
  let alice: string;

  beforeAll(async () => {
    gw = await startTestGateway();
    nupeye = gw.simulators.nupeye;
    alice = await gw.token('alice');
  });
  afterAll(() => gw.close());
  beforeEach(() => nupeye.reset());

  const recharge = (idempotencyKey: string, overrides: Record<string, string> = {}) => ({
    input: {
      idempotencyKey,
      mobileNumber: '98123 45678',
      amount: '149.50',
      nupeyeUserName: customer.userName,
      nupeyePassword: customer.password,
      ...overrides,
    },
  });
  const transfer = (idempotencyKey: string, mobileNumber: string = customer.mobileNo, amount = '500') => ({
    input: { idempotencyKey, mobileNumber, amount },
  });

  it('recharges a mobile number: MOBILE_RECHARGE, SUCCEEDED, in the configured currency', async () => {
    const { body } = await gw.graphql(RechargeMobileDocument, recharge('r-1'), { token: alice });

    expect(body.errors).toBeUndefined();
    const result = body.data!.rechargeMobile;
    expect(result.userErrors).toEqual([]);
    expect(result.replayed).toBe(false);
    expect(nupeye.recharges).toHaveLength(1);
    expect(result.transaction).toMatchObject({
      provider: 'NUPEYE',
      kind: 'MOBILE_RECHARGE',
      status: 'SUCCEEDED',
      amount: { amount: '149.5', currency: 'INR' },
      accountRef: '9812345678',
      providerReference: nupeye.recharges[0]!.transactionId,
      failureCode: null,
    });
    expect(nupeye.recharges[0]).toMatchObject({ mobileNo: '9812345678', amount: '149.5' });
  });

  it('transfers to a Nupeye wallet: WALLET_TRANSFER, SUCCEEDED', async () => {
    const { body } = await gw.graphql(TransferToNupeyeWalletDocument, transfer('t-1'), { token: alice });

    expect(body.data!.transferToNupeyeWallet.transaction).toMatchObject({
      kind: 'WALLET_TRANSFER',
      status: 'SUCCEEDED',
      amount: { amount: '500', currency: 'INR' },
      accountRef: customer.mobileNo,
      providerReference: nupeye.transfers[0]!.transactionId,
    });
    expect(nupeye.transfers).toHaveLength(1);
  });

  it('refuses a bad mobile number and amount with clear userErrors, before recording or calling', async () => {
    const before = await gw.graphql(TransactionsDocument, { first: 100 }, { token: alice });
    const { body } = await gw.graphql(
      RechargeMobileDocument,
      recharge('r-bad', { mobileNumber: '12345', amount: '10.001' }),
      { token: alice },
    );

    expect(body.data!.rechargeMobile).toEqual({
      transaction: null,
      replayed: false,
      userErrors: [
        {
          code: 'INVALID_PHONE',
          field: ['input', 'mobileNumber'],
          message: 'mobileNumber must be a 10-digit mobile number starting with 6, 7, 8 or 9',
        },
        {
          code: 'INVALID_AMOUNT',
          field: ['input', 'amount'],
          message: 'amount must have at most 2 decimal places',
        },
      ],
    });
    expect(nupeye.requests.entries).toHaveLength(0);
    const after = await gw.graphql(TransactionsDocument, { first: 100 }, { token: alice });
    expect(after.body.data!.transactions.edges).toHaveLength(before.body.data!.transactions.edges.length);
  });

  it.each([
    ['a zero amount', { amount: '0' }, 'INVALID_AMOUNT', ['input', 'amount']],
    ['an empty Nupeye password', { nupeyePassword: '' }, 'INVALID_INPUT', ['input', 'nupeyePassword']],
    ['an empty Nupeye user name', { nupeyeUserName: '' }, 'INVALID_INPUT', ['input', 'nupeyeUserName']],
    [
      'an idempotency key with a space',
      { idempotencyKey: 'has space' },
      'INVALID_INPUT',
      ['input', 'idempotencyKey'],
    ],
  ])('refuses %s before any call', async (_case, overrides, code, field) => {
    const { body } = await gw.graphql(RechargeMobileDocument, recharge('r-invalid', overrides), {
      token: alice,
    });
    expect(body.data!.rechargeMobile.userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(nupeye.requests.entries).toHaveLength(0);
  });

  it('a wrong Nupeye password is a WRONG_PASSWORD userError on a FAILED transaction, replayed as such', async () => {
    const variables = recharge('r-wrong-password', { nupeyePassword: 'not-the-password' });
    const first = await gw.graphql(RechargeMobileDocument, variables, { token: alice });
    const again = await gw.graphql(RechargeMobileDocument, variables, { token: alice });

    for (const { body } of [first, again]) {
      expect(body.errors).toBeUndefined();
      expect(body.data!.rechargeMobile.userErrors).toEqual([
        {
          code: 'WRONG_PASSWORD',
          field: ['input', 'nupeyePassword'],
          message: 'Nupeye did not accept this user name and password',
        },
      ]);
      expect(body.data!.rechargeMobile.transaction).toMatchObject({
        status: 'FAILED',
        failureCode: 'WRONG_CREDENTIALS',
      });
    }
    expect(again.body.data!.rechargeMobile.replayed).toBe(true);
    expect(nupeye.requests.count(RECHARGE)).toBe(1);
    expect(nupeye.recharges).toHaveLength(0);
  });

  it('a transfer to a number without a Nupeye wallet is NOT_REGISTERED', async () => {
    const { body } = await gw.graphql(
      TransferToNupeyeWalletDocument,
      transfer('t-unregistered', '9700000000'),
      {
        token: alice,
      },
    );
    expect(body.data!.transferToNupeyeWallet.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_REGISTERED', field: ['input', 'mobileNumber'] }),
    ]);
    expect(body.data!.transferToNupeyeWallet.transaction!.status).toBe('FAILED');
    expect(nupeye.transfers).toHaveLength(0);
  });

  it('the same key and input replays without a second recharge; another input is IDEMPOTENCY_KEY_REUSED', async () => {
    const first = await gw.graphql(RechargeMobileDocument, recharge('r-replay'), { token: alice });
    const second = await gw.graphql(RechargeMobileDocument, recharge('r-replay'), { token: alice });
    const reused = await gw.graphql(RechargeMobileDocument, recharge('r-replay', { amount: '150' }), {
      token: alice,
    });

    expect(second.body.data!.rechargeMobile.replayed).toBe(true);
    expect(second.body.data!.rechargeMobile.transaction!.id).toBe(
      first.body.data!.rechargeMobile.transaction!.id,
    );
    expect(reused.body.data!.rechargeMobile).toMatchObject({
      transaction: null,
      userErrors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })],
    });
    expect(nupeye.requests.count(RECHARGE)).toBe(1);
    expect(nupeye.recharges).toHaveLength(1);
  });

  it('20 concurrent duplicates make one recharge', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        gw.graphql(RechargeMobileDocument, recharge('r-concurrent'), { token: alice }),
      ),
    );
    expect(new Set(results.map((r) => r.body.data!.rechargeMobile.transaction!.id)).size).toBe(1);
    expect(nupeye.recharges).toHaveLength(1);
  });

  it('a connection dropped after the recharge took effect leaves it UNKNOWN, and it is never re-sent', async () => {
    nupeye.faults.add({ kind: 'reset-after', path: RECHARGE, times: 1 });

    const first = await gw.graphql(RechargeMobileDocument, recharge('r-dropped'), { token: alice });
    const retried = await gw.graphql(RechargeMobileDocument, recharge('r-dropped'), { token: alice });

    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.rechargeMobile.transaction).toMatchObject({
      status: 'UNKNOWN',
      failureCode: 'PROVIDER_UNAVAILABLE',
    });
    expect(retried.body.data!.rechargeMobile).toMatchObject({
      replayed: true,
      transaction: { status: 'UNKNOWN' },
    });
    expect(nupeye.recharges).toHaveLength(1);
    expect(nupeye.requests.count(RECHARGE)).toBe(1);
  });

  it('a recharge that times out after it was sent is UNKNOWN, takes effect late, and is never re-sent', async () => {
    // Nupeye answers a second after the gateway gave up, having applied the recharge.
    nupeye.faults.add({ kind: 'delay', delayMs: NUPEYE_SANDBOX_TIMEOUT_MS + 1000, path: RECHARGE, times: 1 });

    const first = await gw.graphql(RechargeMobileDocument, recharge('r-timeout'), { token: alice });
    expect(first.body.data!.rechargeMobile.transaction).toMatchObject({
      status: 'UNKNOWN',
      failureCode: 'PROVIDER_TIMEOUT',
    });
    await waitFor(() => nupeye.recharges.length === 1);
    const retried = await gw.graphql(RechargeMobileDocument, recharge('r-timeout'), { token: alice });

    expect(retried.body.data!.rechargeMobile).toMatchObject({
      replayed: true,
      transaction: { status: 'UNKNOWN' },
    });
    expect(nupeye.recharges).toHaveLength(1);
    expect(nupeye.requests.count(RECHARGE)).toBe(1);
  }, 60_000);

  it('a transfer answered 500 is UNKNOWN (Nupeye may have acted); one answered 503 is a FAILED system error', async () => {
    nupeye.faults.add({ kind: 'status', status: 500, path: TRANSFER, times: 1 });
    const unknown = await gw.graphql(TransferToNupeyeWalletDocument, transfer('t-500'), { token: alice });
    expect(unknown.body.data!.transferToNupeyeWallet.transaction!.status).toBe('UNKNOWN');

    nupeye.faults.add({ kind: 'status', status: 503, path: TRANSFER, times: 1 });
    const failed = await gw.graphql(TransferToNupeyeWalletDocument, transfer('t-503'), { token: alice });
    expect(failed.body.data).toBeNull();
    expect(failed.body.errors?.[0]?.extensions).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      provider: 'NUPEYE',
    });
    expect(failed.text).not.toContain('Internal Server Error');
    expect(nupeye.requests.count(TRANSFER)).toBe(2);
  });

  it('lists Nupeye transactions in the transactions connection and under the owning user only', async () => {
    const owner = await gw.token('nupeye-owner');
    const other = await gw.token('someone-else');
    await gw.graphql(RechargeMobileDocument, recharge('owned-1'), { token: owner });
    await gw.graphql(TransferToNupeyeWalletDocument, transfer('owned-2'), { token: owner });

    const listed = await gw.graphql(
      TransactionsDocument,
      { first: 10, filter: { provider: 'NUPEYE' } },
      { token: owner },
    );
    expect(listed.body.data!.transactions.edges.map((edge) => edge.node.kind)).toEqual([
      'WALLET_TRANSFER',
      'MOBILE_RECHARGE',
    ]);
    const recharges = await gw.graphql(
      TransactionsDocument,
      { first: 10, filter: { kind: 'MOBILE_RECHARGE' } },
      { token: owner },
    );
    expect(recharges.body.data!.transactions.edges).toHaveLength(1);

    const me = await gw.graphql(MeDocument, {}, { token: owner });
    expect(me.body.data!.me.transactions.edges.map((edge) => edge.node.idempotencyKey).sort()).toEqual([
      'owned-1',
      'owned-2',
    ]);
    const theirs = await gw.graphql(
      TransactionsDocument,
      { first: 10, filter: { provider: 'NUPEYE' } },
      { token: other },
    );
    expect(theirs.body.data!.transactions.edges).toHaveLength(0);
  });

  it('refuses unauthenticated callers before anything reaches Nupeye', async () => {
    const { body } = await gw.graphql(RechargeMobileDocument, recharge('anonymous'));
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(nupeye.requests.entries).toHaveLength(0);
  });
});
