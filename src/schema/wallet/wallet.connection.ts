import { ConnectionType } from '../common/connection.js';
import { Wallet } from './wallet.type.js';

export const WalletConnection = ConnectionType('Wallet', Wallet);
export type WalletConnection = InstanceType<typeof WalletConnection>;
