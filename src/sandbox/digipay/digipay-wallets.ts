import { formatPaisa } from './digipay-amount.js';

/** How a sandbox wallet answers top-ups, so that every branch of a client can be exercised. */
export type SandboxWalletBehaviour =
  | 'active' // top-ups succeed (txn_status 1)
  | 'blocked' // top-ups are declined with HTTP 200 and success 0
  | 'pending' // top-ups are accepted but stay pending (txn_status 0)
  | 'failing'; // top-ups are recorded as failed (txn_status 2)

export interface SandboxWallet {
  walletId: string;
  owner: string;
  behaviour: SandboxWalletBehaviour;
  /** Balance in paisa. */
  balance: bigint;
}

export interface SandboxTopup {
  txnId: string;
  walletId: string;
  amountPaisa: bigint;
  txnCode: string;
  paymentMode: number;
  txnStatus: 0 | 1 | 2;
  note: string | undefined;
}

/** Wallets every DigiPay sandbox starts with; `active` is the wallet of the provider's own example. */
export const DIGIPAY_SANDBOX_WALLETS = {
  active: '116a51aa2b7d459a8b7e3db7dcf5e70a',
  empty: '5f0c8a2e9b6d4c1fa3e7d2b8c4a19e60',
  blocked: 'b10cced0a7e94c5f8d2b6e1a3c9f4d70',
  pending: '9e4d2c7b1a8f4e3d6c5b0a9f8e7d6c50',
  failing: 'fa11ed0c3b2a4d5e8f7a6b9c0d1e2f30',
} as const;

const INITIAL_WALLETS: readonly SandboxWallet[] = [
  { walletId: DIGIPAY_SANDBOX_WALLETS.active, owner: 'Sita Sharma', behaviour: 'active', balance: 500_000n },
  { walletId: DIGIPAY_SANDBOX_WALLETS.empty, owner: 'Ram Thapa', behaviour: 'active', balance: 0n },
  { walletId: DIGIPAY_SANDBOX_WALLETS.blocked, owner: 'Hari Karki', behaviour: 'blocked', balance: 12_050n },
  { walletId: DIGIPAY_SANDBOX_WALLETS.pending, owner: 'Gita Rai', behaviour: 'pending', balance: 100_000n },
  { walletId: DIGIPAY_SANDBOX_WALLETS.failing, owner: 'Maya Gurung', behaviour: 'failing', balance: 2_500n },
];

/** The simulator's in-memory wallets and the top-ups applied to them. */
export class SandboxWalletStore {
  private readonly wallets = new Map<string, SandboxWallet>();
  readonly topups: SandboxTopup[] = [];

  constructor() {
    this.reset();
  }

  reset(): void {
    this.wallets.clear();
    this.topups.length = 0;
    for (const wallet of INITIAL_WALLETS) this.wallets.set(wallet.walletId, { ...wallet });
  }

  get(walletId: string): SandboxWallet | undefined {
    return this.wallets.get(walletId);
  }

  add(wallet: SandboxWallet): void {
    this.wallets.set(wallet.walletId, { ...wallet });
  }

  /** The balance as a decimal string, for tests and sandbox logs. */
  balanceOf(walletId: string): string | undefined {
    const wallet = this.wallets.get(walletId);
    return wallet && formatPaisa(wallet.balance);
  }

  record(topup: SandboxTopup): void {
    this.topups.push(topup);
    if (topup.txnStatus !== 1) return;
    const wallet = this.wallets.get(topup.walletId);
    if (wallet) wallet.balance += topup.amountPaisa;
  }
}
