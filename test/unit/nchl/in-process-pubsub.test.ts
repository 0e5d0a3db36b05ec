import { describe, expect, it } from '@jest/globals';
import { InProcessPubSub } from '../../../src/shared-state/in-process-pubsub.js';

describe('InProcessPubSub', () => {
  it('delivers events published after subscribing, per topic, in order', async () => {
    const pubsub = new InProcessPubSub();
    const events = pubsub.subscribe('a');
    await pubsub.publish('b', 'other topic');
    await pubsub.publish('a', 1);
    await pubsub.publish('a', 2);
    expect(await events.next()).toEqual({ value: 1, done: false });
    expect(await events.next()).toEqual({ value: 2, done: false });
  });

  it('ends a subscription at once on return(), even while a next() waits, and forgets its listener', async () => {
    const pubsub = new InProcessPubSub();
    const events = pubsub.subscribe('a');
    const waiting = events.next();
    expect(pubsub.listenerCount('a')).toBe(1);
    await events.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(pubsub.listenerCount('a')).toBe(0);
    await pubsub.publish('a', 'late');
    expect(await events.next()).toEqual({ value: undefined, done: true });
  });

  it('keeps at most the latest 100 events for a subscriber that does not read', async () => {
    const pubsub = new InProcessPubSub();
    const events = pubsub.subscribe('a');
    for (let index = 0; index < 150; index++) await pubsub.publish('a', index);
    expect(await events.next()).toEqual({ value: 50, done: false });
  });
});
