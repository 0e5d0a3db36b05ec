import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  MyWalletsDocument,
  TopupWalletDocument,
  TransferToNupeyeWalletDocument,
  WalletNodeDocument,
} from '../../../src/generated/graphql.js';
import { DIGIPAY_SANDBOX_WALLETS } from '../../../src/sandbox/digipay/index.js';
import { NUPEYE_SANDBOX_CUSTOMER } from '../../../src/sandbox/nupeye/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

async function topup(token: string, idempotencyKey: string, walletId: string, amount = '10') {
  const { body } = await gw.graphql(
    TopupWalletDocument,
    { input: { idempotencyKey, walletId, amount, txnCode: 'CIB', paymentMode: 3 } },
    { token },
  );
  return body.data!.topupWallet;
}

async function wallets(token: string, first = 5, after?: string) {
  const { body } = await gw.graphql(MyWalletsDocument, { first, after, transactionsFirst: 5 }, { token });
  expect(body.errors).toBeUndefined();
  return body.data!.me.wallets;
}

describe('User.wallets', () => {
  it('lists the DigiPay and Nupeye wallets the user used, most recent first, with their transactions', async () => {
    const token = await gw.token('wallet-owner');
    await topup(token, 'w1', DIGIPAY_SANDBOX_WALLETS.active, '10');
    await topup(token, 'w2', DIGIPAY_SANDBOX_WALLETS.empty, '20');
    await topup(token, 'w3', DIGIPAY_SANDBOX_WALLETS.active, '30');
    const transfer = await gw.graphql(
      TransferToNupeyeWalletDocument,
      { input: { idempotencyKey: 'n1', mobileNumber: NUPEYE_SANDBOX_CUSTOMER.mobileNo, amount: '40' } },
      { token },
    );
    expect(transfer.body.data!.transferToNupeyeWallet.transaction!.status).toBe('SUCCEEDED');

    const page = await wallets(token);
    expect(page.edges.map((edge) => [edge.node.provider, edge.node.walletId, edge.node.currency])).toEqual([
      ['NUPEYE', NUPEYE_SANDBOX_CUSTOMER.mobileNo, 'INR'],
      ['DIGIPAY', DIGIPAY_SANDBOX_WALLETS.active, 'NPR'],
      ['DIGIPAY', DIGIPAY_SANDBOX_WALLETS.empty, 'NPR'],
    ]);
    const active = page.edges[1]!.node;
    expect(active.transactions.edges.map((edge) => edge.node.amount.amount)).toEqual(['30', '10']);
    expect(active.transactions.edges.every((edge) => edge.node.kind === 'WALLET_TOPUP')).toBe(true);
    expect(page.edges[0]!.node.transactions.edges.map((edge) => edge.node.kind)).toEqual(['WALLET_TRANSFER']);
  });

  it('leaves out wallet ids whose every top-up failed, but shows failures of a listed wallet', async () => {
    const token = await gw.token('wallet-typo');
    const unknown = await topup(token, 'typo', 'not-a-wallet');
    expect(unknown.transaction!.status).toBe('FAILED');
    expect((await wallets(token)).edges).toEqual([]);

    await topup(token, 'ok', DIGIPAY_SANDBOX_WALLETS.active);
    gw.simulators.digipay.faults.add({
      kind: 'status',
      status: 400,
      path: '/transaction/wallet_topup',
      times: 1,
    });
    await topup(token, 'refused', DIGIPAY_SANDBOX_WALLETS.active, '11');
    const [wallet] = (await wallets(token)).edges;
    expect(wallet?.node.walletId).toBe(DIGIPAY_SANDBOX_WALLETS.active);
    expect(wallet?.node.transactions.edges.map((edge) => edge.node.status)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('pages with cursors', async () => {
    const token = await gw.token('wallet-pages');
    await topup(token, 'p1', DIGIPAY_SANDBOX_WALLETS.active);
    await topup(token, 'p2', DIGIPAY_SANDBOX_WALLETS.empty);
    await topup(token, 'p3', DIGIPAY_SANDBOX_WALLETS.pending);
    const first = await wallets(token, 2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await wallets(token, 2, first.pageInfo.endCursor!);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([...first.edges, ...second.edges].map((edge) => edge.node.walletId)).toEqual([
      DIGIPAY_SANDBOX_WALLETS.pending,
      DIGIPAY_SANDBOX_WALLETS.empty,
      DIGIPAY_SANDBOX_WALLETS.active,
    ]);
    const bad = await gw.graphql(
      MyWalletsDocument,
      { first: 2, after: 'garbage', transactionsFirst: 1 },
      { token },
    );
    expect(bad.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      path: ['me', 'wallets'],
    });
  });

  it("refetches a wallet by id for its owner only, and never lists another user's wallets", async () => {
    const owner = await gw.token('wallet-node-owner');
    const other = await gw.token('wallet-node-other');
    await topup(owner, 'mine', DIGIPAY_SANDBOX_WALLETS.failing);
    await topup(owner, 'mine-2', DIGIPAY_SANDBOX_WALLETS.active);
    const [edge] = (await wallets(owner)).edges;
    const id = edge!.node.id;
    const asOwner = await gw.graphql(WalletNodeDocument, { id }, { token: owner });
    expect(asOwner.body.data!.node).toMatchObject({
      provider: 'DIGIPAY',
      walletId: DIGIPAY_SANDBOX_WALLETS.active,
    });
    const asOther = await gw.graphql(WalletNodeDocument, { id }, { token: other });
    expect(asOther.body.data!.node).toBeNull();
    expect((await wallets(other)).edges).toEqual([]);
  });
});
