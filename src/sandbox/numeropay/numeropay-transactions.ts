import { randomInt } from 'node:crypto';

/** Transaction `state` values (our decision; the document shows only 0). */
export const SANDBOX_STATES = { created: 0, paid: 1, failed: 2, cancelled: 3, refunded: 4 } as const;
export type SandboxState = (typeof SANDBOX_STATES)[keyof typeof SANDBOX_STATES];

/** The transaction object exactly as the document's sample shows it. */
export interface SandboxTransaction {
  id: string;
  merchant: string;
  businessName: string;
  channel: number;
  amount: number;
  currency: string;
  description: string;
  structure: Record<string, never>;
  state: SandboxState;
  createdOn: string;
  updatedOn: string;
  ipAddress: string;
}

export interface SandboxTransactionQuery {
  merchant: string;
  live: boolean;
  limit: number;
  /** Unix seconds: transactions created at or before it, newest first. */
  from: number;
  states?: readonly number[];
  businessNames?: readonly string[];
}

/** Which states a transaction may move to from each state. */
const TRANSITIONS: Record<SandboxState, readonly SandboxState[]> = {
  0: [1, 2, 3],
  1: [4],
  2: [],
  3: [],
  4: [],
};

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** In-memory transactions; test mode and live mode never see each other's. */
export class SandboxTransactionStore {
  private readonly records = new Map<string, { live: boolean; transaction: SandboxTransaction }>();

  constructor(private readonly now: () => number) {}

  create(
    input: Pick<SandboxTransaction, 'merchant' | 'businessName' | 'amount' | 'currency' | 'description'> & {
      ipAddress: string;
      live: boolean;
    },
  ): SandboxTransaction {
    const { live, ...fields } = input;
    const at = new Date(this.now()).toISOString();
    const transaction: SandboxTransaction = {
      id: this.newId(),
      ...fields,
      channel: 1,
      structure: {},
      state: SANDBOX_STATES.created,
      createdOn: at,
      updatedOn: at,
    };
    this.records.set(transaction.id, { live, transaction });
    return { ...transaction };
  }

  /** The transaction as seen in one mode; undefined when it does not exist there. */
  get(id: string, live: boolean): SandboxTransaction | undefined {
    const record = this.records.get(id);
    return record && record.live === live ? { ...record.transaction } : undefined;
  }

  list(query: SandboxTransactionQuery): SandboxTransaction[] {
    return [...this.records.values()]
      .filter(({ live, transaction }) => live === query.live && transaction.merchant === query.merchant)
      .map(({ transaction }) => transaction)
      .filter((transaction) => Math.floor(Date.parse(transaction.createdOn) / 1000) <= query.from)
      .filter((transaction) => !query.states || query.states.includes(transaction.state))
      .filter((transaction) => !query.businessNames || query.businessNames.includes(transaction.businessName))
      .reverse()
      .sort((a, b) => Date.parse(b.createdOn) - Date.parse(a.createdOn))
      .slice(0, query.limit)
      .map((transaction) => ({ ...transaction }));
  }

  /** Moves a transaction as the payer or the provider would (pay, fail, cancel, refund). */
  setState(id: string, state: SandboxState): SandboxTransaction {
    const record = this.records.get(id);
    if (!record) throw new Error(`no NumeroPay transaction ${id}`);
    const from = record.transaction.state;
    if (!TRANSITIONS[from].includes(state))
      throw new Error(`NumeroPay transaction ${id} cannot move from state ${from} to ${state}`);
    record.transaction.state = state;
    record.transaction.updatedOn = new Date(this.now()).toISOString();
    return { ...record.transaction };
  }

  clear(): void {
    this.records.clear();
  }

  /** Nine characters of digits and capitals, like the document's "5CD0RGCKJ". */
  private newId(): string {
    for (;;) {
      const id = Array.from({ length: 9 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
      if (!this.records.has(id)) return id;
    }
  }
}
