import type { GraphQLContext } from '../context.js';
import { fetchCardNode } from '../card/list-cards.js';
import { Transaction } from '../transaction/transaction.type.js';
import { User } from '../user/user.type.js';
import { fetchWalletNode } from '../wallet/list-wallets.js';
import { visibleWithdrawalById } from '../withdrawal/withdrawal-access.js';
import { Withdrawal } from '../withdrawal/withdrawal.type.js';

type NodeFetcher = (id: string, context: GraphQLContext) => Promise<object | undefined>;

/** How `node(id:)` loads each type of object, given its local id; undefined when absent or not the caller's. */
const fetchers: Record<string, NodeFetcher> = {
  Transaction: async (id, context) => {
    const record = await context.loaders.transactionById.load(id);
    return record && record.principal === context.principal?.id ? Transaction.fromRecord(record) : undefined;
  },
  Card: fetchCardNode,
  User: (id, context) => Promise.resolve(id === context.principal?.id ? User.forPrincipal(id) : undefined),
  Wallet: fetchWalletNode,
  Withdrawal: async (id, context) => {
    const record = await visibleWithdrawalById(id, context);
    return record && Withdrawal.fromRecord(record);
  },
};

/**
 * The fetcher of a type named by a global id, if it is one: own properties only, so that ids naming
 * `__proto__`, `constructor` or `toString` find nothing rather than Object's built-ins.
 */
export function nodeFetcherOf(type: string): NodeFetcher | undefined {
  return Object.hasOwn(fetchers, type) ? fetchers[type] : undefined;
}
