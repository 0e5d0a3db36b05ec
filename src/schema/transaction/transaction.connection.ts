import { ConnectionType } from '../common/connection.js';
import { Transaction } from './transaction.type.js';

export const TransactionConnection = ConnectionType('Transaction', Transaction);
export type TransactionConnection = InstanceType<typeof TransactionConnection>;
