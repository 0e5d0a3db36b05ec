import type { GraphQLContext } from '../context.js';
import { fetchCardNode } from '../card/list-cards.js';
import { Transaction } from '../transaction/transaction.type.js';
import { User } from '../user/user.type.js';
import { fetchWalletNode } from '../wallet/list-wallets.js';
import { visibleWithdrawalById } from '../withdrawal/withdrawal-access.js';
import { Withdrawal } from '../withdrawal/withdrawal.type.js';

/** How `node(id:)` loads each type of object, given its local id; undefined when absent or not the caller's. */
export const nodeFetchers: Record<
  string,
  (id: string, context: GraphQLContext) => Promise<object | undefined>
> = {
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
