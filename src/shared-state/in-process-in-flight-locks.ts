import { setTimeout as sleep } from 'node:timers/promises';
import type { InFlightLock, InFlightLocks } from '../domain/ports/in-flight-locks.js';

/** Locks within one process. */
export class InProcessInFlightLocks implements InFlightLocks {
  private readonly held = new Map<string, Promise<void>>();

  acquire(key: string, leaseMs: number): Promise<InFlightLock | undefined> {
    if (this.held.has(key)) return Promise.resolve(undefined);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const timer = setTimeout(() => this.drop(key, released, release), leaseMs);
    timer.unref();
    this.held.set(key, released);
    return Promise.resolve({
      release: () => {
        clearTimeout(timer);
        this.drop(key, released, release);
        return Promise.resolve();
      },
    });
  }

  async waitUntilReleased(key: string, timeoutMs: number): Promise<boolean> {
    const released = this.held.get(key);
    if (!released) return true;
    return Promise.race([released.then(() => true), sleep(Math.max(timeoutMs, 0), false, { ref: false })]);
  }

  private drop(key: string, released: Promise<void>, release: () => void): void {
    if (this.held.get(key) === released) this.held.delete(key);
    release();
  }
}
