import { ConnectionType } from '../common/connection.js';
import { Card } from './card.type.js';

export const CardConnection = ConnectionType('Card', Card);
export type CardConnection = InstanceType<typeof CardConnection>;
