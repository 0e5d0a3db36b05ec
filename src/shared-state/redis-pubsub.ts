import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { InProcessPubSub } from './in-process-pubsub.js';
import type { PubSub } from '../domain/ports/pubsub.js';
import { isRedisReady } from './redis-connection.js';

/**
 * Subscription events across replicas: published to a Redis channel and delivered, through one pattern
 * subscription per replica, to that replica's subscribers. While Redis is down events reach the
 * subscribers of the publishing replica only.
 */
export class RedisPubSub implements PubSub {
  private readonly local = new InProcessPubSub();
  private readonly channelPrefix: string;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly logger: Logger,
    prefix: string,
  ) {
    this.channelPrefix = `${prefix}:events:`;
  }

  /** `subscriber` must be a connection of its own: Redis puts it in subscriber mode. */
  static async start(
    publisher: Redis,
    subscriber: Redis,
    logger: Logger,
    prefix = 'paygraph',
  ): Promise<RedisPubSub> {
    const pubsub = new RedisPubSub(publisher, subscriber, logger, prefix);
    subscriber.on('pmessage', (_pattern: string, channel: string, message: string) =>
      pubsub.deliver(channel, message),
    );
    subscriber.on('ready', () => {
      subscriber.psubscribe(`${pubsub.channelPrefix}*`).catch(() => undefined);
    });
    if (isRedisReady(subscriber)) await subscriber.psubscribe(`${pubsub.channelPrefix}*`);
    return pubsub;
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    if (isRedisReady(this.publisher)) {
      try {
        await this.publisher.publish(this.channelPrefix + topic, JSON.stringify(payload));
        return; // it comes back through the pattern subscription, here as on every replica
      } catch (error) {
        this.logger.warn(
          { err: { message: (error as Error).message }, topic },
          'event published to this replica only',
        );
      }
    }
    await this.local.publish(topic, payload);
  }

  subscribe(topic: string): AsyncIterableIterator<unknown> {
    return this.local.subscribe(topic);
  }

  private deliver(channel: string, message: string): void {
    if (!channel.startsWith(this.channelPrefix)) return;
    try {
      void this.local.publish(channel.slice(this.channelPrefix.length), JSON.parse(message));
    } catch {
      this.logger.warn({ channel }, 'unreadable event on the shared channel ignored');
    }
  }
}
