import { fdatasync, open } from 'node:fs';

/** Makes what a ledger has committed durable on disk; LedgerWrites acknowledges a group only after it. */
export interface CommitDurability {
  /** Resolves once everything committed before the call is on disk. */
  flush(): Promise<void>;
}

/**
 * Durability of an SQLite ledger in WAL mode, with the fsync off the event loop. A commit under
 * synchronous=NORMAL appends its frames to the `-wal` file without syncing it; `flush()` then runs
 * fdatasync on that file in libuv's thread pool, which is what synchronous=FULL does inside COMMIT,
 * while the event loop serves other requests. One fdatasync at a time, each covering every commit
 * made before it began: commits that arrive while one runs share the next.
 *
 * Checkpoints stay SQLite's: under NORMAL it syncs the log before copying it into the database and
 * the database after. The descriptor is kept as long as the process runs, as the connection is
 * (sqlite-connection.ts); closing a second descriptor would not touch SQLite's locks, which are on
 * the database and `-shm` files.
 */
export class WalSync implements CommitDurability {
  private descriptor: Promise<number> | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    private readonly walPath: string,
    private readonly syncDescriptor: (descriptor: number) => Promise<void> = syncData,
  ) {}

  flush(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) {
      this.running = this.sync().finally(() => (this.running = undefined));
      return this.running;
    }
    // The sync under way may have begun before the caller's commit: wait for the one after it.
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.flush();
      });
    return this.queued;
  }

  private async sync(): Promise<void> {
    const descriptor = await (this.descriptor ??= openForSync(this.walPath));
    await this.syncDescriptor(descriptor);
  }
}

function syncData(descriptor: number): Promise<void> {
  return new Promise((resolve, reject) =>
    fdatasync(descriptor, (error) => (error ? reject(error) : resolve())),
  );
}

function openForSync(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    open(path, 'r+', (error, descriptor) => (error ? reject(error) : resolve(descriptor))),
  );
}
