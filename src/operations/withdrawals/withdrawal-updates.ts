import type { PubSub } from '../../domain/ports/pubsub.js';
import { type WithdrawalRecord } from '../../domain/withdrawal.js';

const topic = (withdrawalId: string) => `withdrawal.updated.${withdrawalId}`;

/** Changes of withdrawals, as subscription events: each carries the withdrawal as it now stands. */
export class WithdrawalUpdates {
  constructor(private readonly pubsub: PubSub) {}

  publish(withdrawal: WithdrawalRecord): Promise<void> {
    return this.pubsub.publish(topic(withdrawal.id), withdrawal);
  }

  subscribe(withdrawalId: string): AsyncIterableIterator<WithdrawalRecord> {
    return this.pubsub.subscribe(topic(withdrawalId)) as AsyncIterableIterator<WithdrawalRecord>;
  }
}
