import { ConnectionType } from '../common/connection.js';
import { Withdrawal } from './withdrawal.type.js';

export const WithdrawalConnection = ConnectionType('Withdrawal', Withdrawal);
export type WithdrawalConnection = InstanceType<typeof WithdrawalConnection>;
