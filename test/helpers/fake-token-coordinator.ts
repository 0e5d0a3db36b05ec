import type { Provider } from '../../src/domain/provider.js';
import type {
  StoredCredential,
  TokenCoordinator,
  TokenLock,
} from '../../src/domain/ports/token-coordinator.js';

type StoreOperation = 'load' | 'tryLock' | 'save' | 'release';

/**
 * An in-memory shared token store for unit tests, with the Redis store's rules (compare-and-set on the
 * generation, one lock holder) and switches to make any of its operations fail, or to play another
 * replica that holds the lock.
 */
export class FakeTokenCoordinator implements TokenCoordinator {
  stored: StoredCredential<unknown> | undefined;
  /** Whoever holds the renewal lock: 'other replica' makes every tryLock of the manager fail. */
  lockHolder: string | undefined;
  readonly failing = new Set<StoreOperation>();
  readonly calls: StoreOperation[] = [];

  load<C>(_provider: Provider): Promise<StoredCredential<C> | undefined> {
    return this.run('load', () => this.stored as StoredCredential<C> | undefined);
  }

  tryLock(_provider: Provider, _leaseMs: number): Promise<TokenLock | undefined> {
    return this.run('tryLock', () => {
      if (this.lockHolder) return undefined;
      const holder = `manager-${this.calls.length}`;
      this.lockHolder = holder;
      return {
        release: () =>
          this.run('release', () => {
            if (this.lockHolder === holder) this.lockHolder = undefined;
          }),
      };
    });
  }

  save<C>(_provider: Provider, stored: StoredCredential<C>): Promise<StoredCredential<C>> {
    return this.run('save', () => {
      if (this.stored && this.stored.generation >= stored.generation)
        return this.stored as StoredCredential<C>;
      this.stored = stored;
      return stored;
    });
  }

  count(operation: StoreOperation): number {
    return this.calls.filter((call) => call === operation).length;
  }

  private run<T>(operation: StoreOperation, action: () => T): Promise<T> {
    this.calls.push(operation);
    if (this.failing.has(operation)) return Promise.reject(new Error(`shared store: ${operation} failed`));
    return Promise.resolve(action());
  }
}
