/**
 * Publish/subscribe for subscription events. In-process for one gateway; a Redis implementation behind
 * the same interface lets several replicas share events. Payloads must survive JSON (for Redis).
 */
export interface PubSub {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Events published on `topic` from now on; `return()` on the iterator ends the subscription. */
  subscribe(topic: string): AsyncIterableIterator<unknown>;
}
