import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WalSync } from '../../../src/ledger/wal-sync.js';

describe('WalSync', () => {
  let directory: string;
  let wal: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'wal-sync-'));
    wal = join(directory, 'ledger.sqlite-wal');
    writeFileSync(wal, 'frames');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('runs one sync at a time; callers during it share the one after it', async () => {
    const syncs: (() => void)[] = [];
    let started = 0;
    const sync = new WalSync(wal, () => {
      started += 1;
      return new Promise<void>((resolve) => syncs.push(resolve));
    });
    const waitFor = async (count: number) => {
      while (syncs.length < count) await new Promise((resolve) => setImmediate(resolve));
    };

    const first = sync.flush();
    await waitFor(1);
    // Their commits may have come after the running sync began: it cannot answer for them.
    const during = [sync.flush(), sync.flush(), sync.flush()];
    let duringDone = false;
    void Promise.all(during).then(() => (duringDone = true));
    syncs[0]!();
    await first;
    await waitFor(2);
    expect(duringDone).toBe(false);
    syncs[1]!();
    await Promise.all(during);

    expect(started).toBe(2);
  });

  it('syncs the real file, and fails when it cannot be opened', async () => {
    await expect(new WalSync(wal).flush()).resolves.toBeUndefined();
    await expect(new WalSync(join(directory, 'missing-wal')).flush()).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
