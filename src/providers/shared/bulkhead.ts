/** Raised when a bulkhead admits no more calls; nothing was sent. */
export class BulkheadFullError extends Error {
  constructor(readonly reason: 'queue-full' | 'waited-too-long') {
    super(reason === 'queue-full' ? 'too many calls waiting' : 'waited too long for a free slot');
    this.name = 'BulkheadFullError';
  }
}

export interface BulkheadSettings {
  /** Calls running at once (the provider's sockets). */
  maxConcurrent: number;
  /** Calls waiting for a slot; beyond it a call is refused at once. */
  maxQueued: number;
  /** Longest wait for a slot before the call is refused. */
  maxWaitMs: number;
}

/**
 * Bounds the calls to one provider: `maxConcurrent` run, up to `maxQueued` wait at most `maxWaitMs`
 * each, and any other is refused before it is sent. A slow provider then holds a bounded number of
 * requests for a bounded time, and never the sockets or memory the other providers need.
 */
export class Bulkhead {
  private running = 0;
  private readonly waiting: { admit: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(private readonly settings: BulkheadSettings) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await call();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.settings.maxConcurrent) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.settings.maxQueued)
      return Promise.reject(new BulkheadFullError('queue-full'));
    return new Promise((resolve, reject) => {
      const waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(new BulkheadFullError('waited-too-long'));
        }, this.settings.maxWaitMs).unref(),
      };
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot straight to the next waiter, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next.admit();
    else this.running -= 1;
  }
}
