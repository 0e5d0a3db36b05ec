import { describe, expect, it } from '@jest/globals';
import type { SessionState } from '../../../src/domain/ports/session-revocations.js';
import { InProcessSessionRevocations } from '../../../src/shared-state/in-process-session-revocations.js';
import { SessionStateCache } from '../../../src/shared-state/session-state-cache.js';

/** A ledger stand-in whose answers the test sets, counting its loads; a load can be held open. */
class FakeLedger {
  states = new Map<string, SessionState>();
  loads = 0;
  private held: (() => void) | undefined;
  private holdNext = false;

  set(principal: string, credentialVersion: number, ended: string[] = []): void {
    this.states.set(principal, { credentialVersion, endedSessions: new Set(ended) });
  }

  /** The next load reads its answer now but returns only when `release` is called. */
  hold(): void {
    this.holdNext = true;
  }

  release(): void {
    this.held?.();
  }

  readonly load = async (principal: string): Promise<SessionState | undefined> => {
    this.loads += 1;
    const answer = this.states.get(principal);
    const snapshot = answer && {
      credentialVersion: answer.credentialVersion,
      endedSessions: new Set(answer.endedSessions),
    };
    if (this.holdNext) {
      this.holdNext = false;
      await new Promise<void>((resolve) => (this.held = resolve));
    }
    return snapshot;
  };
}

describe('SessionStateCache: a second-long copy of each user’s session state', () => {
  it('answers from its copy within the TTL and asks the ledger again after it', async () => {
    const ledger = new FakeLedger();
    ledger.set('usr_1', 2);
    let now = 0;
    const cache = new SessionStateCache(ledger.load, { ttlMs: 1_000, now: () => now });
    for (let index = 0; index < 5; index += 1) expect((await cache.get('usr_1'))?.credentialVersion).toBe(2);
    expect(ledger.loads).toBe(1);
    ledger.set('usr_1', 3);
    now = 999;
    expect((await cache.get('usr_1'))?.credentialVersion).toBe(2);
    now = 1_000;
    expect((await cache.get('usr_1'))?.credentialVersion).toBe(3);
    expect(ledger.loads).toBe(2);
  });

  it('loads each user once however many ask at the same time', async () => {
    const ledger = new FakeLedger();
    ledger.set('usr_1', 0);
    const cache = new SessionStateCache(ledger.load);
    await Promise.all(Array.from({ length: 50 }, () => cache.get('usr_1')));
    expect(ledger.loads).toBe(1);
  });

  it('applies an announcement at once, and a load that began before it cannot undo it', async () => {
    const ledger = new FakeLedger();
    ledger.set('usr_1', 1);
    const cache = new SessionStateCache(ledger.load);
    ledger.hold();
    const inFlight = cache.get('usr_1');
    cache.apply({ kind: 'credential-version', principal: 'usr_1', version: 2 });
    cache.apply({ kind: 'session', principal: 'usr_1', sessionId: 'jti-1' });
    ledger.release();
    expect(await inFlight).toEqual({ credentialVersion: 2, endedSessions: new Set(['jti-1']) });
    expect(await cache.get('usr_1')).toEqual({ credentialVersion: 2, endedSessions: new Set(['jti-1']) });
    expect(ledger.loads).toBe(1);
  });

  it('loads a user that only an announcement told it about before answering', async () => {
    const ledger = new FakeLedger();
    ledger.set('usr_1', 4, ['jti-old']);
    const cache = new SessionStateCache(ledger.load);
    cache.apply({ kind: 'session', principal: 'usr_1', sessionId: 'jti-new' });
    expect(await cache.get('usr_1')).toEqual({
      credentialVersion: 4,
      endedSessions: new Set(['jti-old', 'jti-new']),
    });
    expect(ledger.loads).toBe(1);
  });

  it('does not trust a load that began before a clear', async () => {
    const ledger = new FakeLedger();
    ledger.set('usr_1', 1);
    const cache = new SessionStateCache(ledger.load);
    ledger.hold();
    const inFlight = cache.get('usr_1');
    cache.clear();
    ledger.release();
    await inFlight;
    await cache.get('usr_1');
    expect(ledger.loads).toBe(2);
  });

  it('keeps at most maxEntries users, the least recently checked leaving first', async () => {
    const ledger = new FakeLedger();
    for (let index = 0; index < 10; index += 1) ledger.set(`usr_${index}`, 0);
    const cache = new SessionStateCache(ledger.load, { maxEntries: 3 });
    for (let index = 0; index < 10; index += 1) await cache.get(`usr_${index}`);
    expect(cache.size).toBe(3);
    await cache.get('usr_9');
    expect(ledger.loads).toBe(10);
    await cache.get('usr_0');
    expect(ledger.loads).toBe(11);
  });
});

describe('InProcessSessionRevocations', () => {
  it('refuses a session once it or its credential version is revoked, and tells its listeners', async () => {
    const ledger = new FakeLedger();
    ledger.set('usr_1', 1);
    const revocations = new InProcessSessionRevocations(ledger);
    const heard: unknown[] = [];
    const stop = revocations.subscribe((revocation) => heard.push(revocation));
    revocations.subscribe(() => {
      throw new Error('a listener that fails does not stop the others');
    });
    const first = { id: 'jti-1', credentialVersion: 1 };
    const second = { id: 'jti-2', credentialVersion: 1 };
    expect(await revocations.isInForce('usr_1', first)).toBe(true);
    expect(await revocations.isInForce('usr_1', { id: 'jti-0', credentialVersion: 0 })).toBe(false);
    expect(await revocations.isInForce('usr_unknown', first)).toBe(false);

    await revocations.publish({ kind: 'session', principal: 'usr_1', sessionId: 'jti-1' });
    expect(await revocations.isInForce('usr_1', first)).toBe(false);
    expect(await revocations.isInForce('usr_1', second)).toBe(true);
    await revocations.publish({ kind: 'credential-version', principal: 'usr_1', version: 2 });
    expect(await revocations.isInForce('usr_1', second)).toBe(false);
    expect(await revocations.isInForce('usr_1', { id: 'jti-3', credentialVersion: 2 })).toBe(true);
    expect(heard).toEqual([
      { kind: 'session', principal: 'usr_1', sessionId: 'jti-1' },
      { kind: 'credential-version', principal: 'usr_1', version: 2 },
    ]);
    stop();
    await revocations.publish({ kind: 'session', principal: 'usr_1', sessionId: 'jti-3' });
    expect(heard).toHaveLength(2);
  });

  it('never answers yes when the ledger cannot be asked', async () => {
    const revocations = new InProcessSessionRevocations({
      load: () => Promise.reject(new Error('ledger down')),
    });
    await expect(revocations.isInForce('usr_1', { id: 'jti', credentialVersion: 0 })).rejects.toThrow(
      'ledger down',
    );
  });
});
