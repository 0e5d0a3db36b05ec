import type { PubSub as TypeGraphQLPubSub } from 'type-graphql';

/**
 * What type-graphql's `buildSchema` is given as `pubSub`. The schema is built once per process, while
 * events belong to one gateway (`context.services.pubsub`, later Redis-backed): every @Subscription
 * therefore takes its events through its own `subscribe` function, and topic-based ones are refused.
 */
export const topicLessPubSub: TypeGraphQLPubSub = {
  publish() {
    throw new Error('publish subscription events through context.services.pubsub');
  },
  subscribe() {
    throw new Error('@Subscription must use `subscribe` with context.services.pubsub, not `topics`');
  },
};
