import { EventEmitter } from 'node:events';
import type { PubSub } from '../domain/ports/pubsub.js';

/** Events a slow subscriber may have waiting; older ones are dropped first (each carries full state). */
const MAX_QUEUED = 100;

/** PubSub within one process. */
export class InProcessPubSub implements PubSub {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, payload: unknown): Promise<void> {
    this.emitter.emit(topic, payload);
    return Promise.resolve();
  }

  subscribe(topic: string): AsyncIterableIterator<unknown> {
    return new TopicIterator(this.emitter, topic);
  }

  /** Subscribers on a topic, for tests and metrics. */
  listenerCount(topic: string): number {
    return this.emitter.listenerCount(topic);
  }
}

/**
 * An iterator over one topic. Written by hand rather than as an async generator so that `return()` ends
 * the subscription at once, even while a `next()` is waiting (a generator would wait for one more event).
 */
class TopicIterator implements AsyncIterableIterator<unknown> {
  private readonly queued: unknown[] = [];
  private readonly waiting: ((result: IteratorResult<unknown>) => void)[] = [];
  private done = false;
  private readonly listener = (payload: unknown) => this.push(payload);

  constructor(
    private readonly emitter: EventEmitter,
    private readonly topic: string,
  ) {
    emitter.on(topic, this.listener);
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.queued.length > 0) return Promise.resolve({ value: this.queued.shift(), done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<unknown>> {
    if (!this.done) {
      this.done = true;
      this.emitter.off(this.topic, this.listener);
      this.queued.length = 0;
      for (const resolve of this.waiting.splice(0)) resolve({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<unknown>> {
    void this.return();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<unknown> {
    return this;
  }

  private push(payload: unknown): void {
    const waiter = this.waiting.shift();
    if (waiter) return waiter({ value: payload, done: false });
    this.queued.push(payload);
    if (this.queued.length > MAX_QUEUED) this.queued.shift();
  }
}
