import { randomUUID } from 'node:crypto';

/** A Nupeye customer: the end user whose Nupeye login authorises a recharge. */
export interface NupeyeCustomer {
  userName: string;
  password: string;
  /** The mobile number registered with Nupeye, the only target a wallet transfer accepts. */
  mobileNo: string;
}

export interface NupeyeAppliedRecharge {
  transactionId: string;
  mobileNo: string;
  amount: string;
  appId: string;
  userName: string;
  at: Date;
}

export interface NupeyeAppliedTransfer {
  transactionId: string;
  mobileNo: string;
  amount: string;
  appId: string;
  at: Date;
}

/**
 * What the simulated Nupeye has done: customers, and every recharge and transfer it applied, so tests
 * can prove that an operation took effect once and was not repeated.
 */
export class NupeyeAccounts {
  readonly recharges: NupeyeAppliedRecharge[] = [];
  readonly transfers: NupeyeAppliedTransfer[] = [];
  private readonly customers = new Map<string, NupeyeCustomer>();

  addCustomer(customer: NupeyeCustomer): void {
    this.customers.set(customer.userName, { ...customer });
  }

  checkLogin(userName: string, password: string): boolean {
    return this.customers.get(userName)?.password === password;
  }

  isRegisteredMobile(mobileNo: string): boolean {
    return [...this.customers.values()].some((customer) => customer.mobileNo === mobileNo);
  }

  applyRecharge(fields: Omit<NupeyeAppliedRecharge, 'transactionId' | 'at'>): NupeyeAppliedRecharge {
    const applied = { ...fields, transactionId: transactionId(), at: new Date() };
    this.recharges.push(applied);
    return applied;
  }

  applyTransfer(fields: Omit<NupeyeAppliedTransfer, 'transactionId' | 'at'>): NupeyeAppliedTransfer {
    const applied = { ...fields, transactionId: transactionId(), at: new Date() };
    this.transfers.push(applied);
    return applied;
  }

  clearHistory(): void {
    this.recharges.length = 0;
    this.transfers.length = 0;
  }
}

function transactionId(): string {
  return `NPY${randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}`;
}
