import type { Logger } from 'pino';
import type { InFlightLocks } from '../../domain/ports/in-flight-locks.js';
import { isUniqueViolation } from '../../ledger/database.js';
import type { IdempotencyRecord, IdempotencyRepository } from '../../ledger/idempotency.repository.js';
import type { LedgerTransaction, LedgerWrites } from '../../ledger/ledger-writes.js';
import { classifyFailure, type ClassifiedFailure } from './failure-classifier.js';
import { requestHash } from './request-hash.js';

/** A claim the resource refused (e.g. a cash-out of a withdrawal that awaits none): nothing is recorded. */
export const NOT_OPEN = Symbol('not open');

/** How one kind of resource (transaction, withdrawal, cash-out) is claimed, replayed and settled. */
export interface ResourceAdapter<R, A> {
  /** `resource_type` of the idempotency records that point at this kind of resource. */
  readonly type: string;
  /** The id a new claim records: a fresh id, or the id of the existing resource an attempt acts on. */
  claimId(): string;
  /** Writes the claim in the same unit of work as the key; NOT_OPEN leaves the key unused. */
  claim(trx: LedgerTransaction, id: string, requestHash: string): Promise<R | typeof NOT_OPEN>;
  /** The resource as it stands now. */
  load(id: string): Promise<R | undefined>;
  /** Records the call's outcome, forward only; returns the resource as it stands afterwards. */
  settle(claimed: R, outcome: CallOutcome<A>): Promise<R>;
}

export type CallOutcome<A> = { kind: 'answered'; answer: A } | { kind: 'failed'; failure: ClassifiedFailure };

export interface IdempotentCall<R, A> {
  principal: string;
  idempotencyKey: string;
  /** The operation, e.g. "rechargeMobile": part of the request hash. */
  operation: string;
  /** What identifies the request, for the hash that tells a replay from a reused key. Never secrets. */
  fingerprint: unknown;
  resource: ResourceAdapter<R, A>;
  /** Calls the provider: at most once per (principal, idempotency key). */
  send(claimed: R): Promise<A>;
}

export type ExecutionResult<R> =
  /** `failure` is set on the call that met it, never on replays, which answer from the record alone. */
  | { kind: 'executed'; resource: R; replayed: boolean; failure?: ClassifiedFailure }
  | { kind: 'key-reused' }
  | { kind: 'not-open'; resource: R | undefined };

export interface IdempotentExecutorOptions {
  /** How long a request may hold its key in flight, and a duplicate wait for it: beyond any provider timeout. */
  inFlightLeaseMs?: number;
}

/**
 * The one path by which money moves, for every resource: the key and the resource are claimed in one
 * unit of work before the provider is called (the ledger's unique key decides who goes first), the call
 * is made once, its outcome is settled forward only. A duplicate, on this replica or another, waits for
 * the holder of the key through the in-flight locks and replays what it recorded; the same key with
 * another request is refused. A failure after the request may have reached the provider is UNKNOWN;
 * nothing is re-sent.
 */
export class IdempotentExecutor {
  private readonly leaseMs: number;

  constructor(
    private readonly writes: LedgerWrites,
    private readonly keys: IdempotencyRepository,
    private readonly locks: InFlightLocks,
    private readonly logger: Logger,
    options: IdempotentExecutorOptions = {},
  ) {
    this.leaseMs = options.inFlightLeaseMs ?? 60_000;
  }

  async execute<R, A>(call: IdempotentCall<R, A>): Promise<ExecutionResult<R>> {
    const hash = requestHash(call.operation, call.fingerprint);
    const slot = `${call.principal}\u0000${call.idempotencyKey}`;
    const lock = await this.locks.acquire(slot, this.leaseMs);
    try {
      if (!lock && (await this.awaitHolder(call, hash, slot)) === 'key-reused') return { kind: 'key-reused' };
      return await this.run(call, hash);
    } finally {
      await lock?.release();
    }
  }

  /** Waits while another request holds the key; a different request is refused once the holder recorded its own. */
  private async awaitHolder<R, A>(
    call: IdempotentCall<R, A>,
    hash: string,
    slot: string,
  ): Promise<'key-reused' | 'released'> {
    const deadline = Date.now() + this.leaseMs;
    for (;;) {
      const record = await this.keys.find(call.principal, call.idempotencyKey);
      if (record && !matches(record, call, hash)) return 'key-reused';
      const released = await this.locks.waitUntilReleased(slot, Math.min(100, deadline - Date.now()));
      if (released || Date.now() >= deadline) return 'released';
    }
  }

  private async run<R, A>(call: IdempotentCall<R, A>, hash: string): Promise<ExecutionResult<R>> {
    const recorded = await this.replay(call, hash);
    if (recorded) return recorded;
    const id = call.resource.claimId();
    let claimed: R | typeof NOT_OPEN;
    try {
      claimed = await this.writes.run(async (trx) => {
        await this.keys.insert(
          {
            principal: call.principal,
            idempotency_key: call.idempotencyKey,
            operation: call.operation,
            request_hash: hash,
            resource_type: call.resource.type,
            resource_id: id,
          },
          trx,
        );
        const claim = await call.resource.claim(trx, id, hash);
        // A refused claim rolls the key back with it: the key stays free for a request that can proceed.
        if (claim === NOT_OPEN) throw new ClaimRefused();
        return claim;
      });
    } catch (error) {
      if (error instanceof ClaimRefused) claimed = NOT_OPEN;
      else if (isUniqueViolation(error)) {
        const winner = await this.replay(call, hash);
        if (!winner) throw error;
        return winner;
      } else throw error;
    }
    if (claimed === NOT_OPEN) return { kind: 'not-open', resource: await call.resource.load(id) };
    return this.send(call, claimed);
  }

  private async send<R, A>(call: IdempotentCall<R, A>, claimed: R): Promise<ExecutionResult<R>> {
    let outcome: CallOutcome<A>;
    try {
      outcome = { kind: 'answered', answer: await call.send(claimed) };
    } catch (error) {
      const failure = classifyFailure(error);
      outcome = { kind: 'failed', failure };
      const fields = { operation: call.operation, code: failure.code, maybeSent: failure.maybeSent };
      this.logger.warn({ ...fields, resource: call.resource.type }, 'provider call did not succeed');
    }
    const resource = await call.resource.settle(claimed, outcome);
    return outcome.kind === 'failed'
      ? { kind: 'executed', resource, replayed: false, failure: outcome.failure }
      : { kind: 'executed', resource, replayed: false };
  }

  private async replay<R, A>(
    call: IdempotentCall<R, A>,
    hash: string,
  ): Promise<ExecutionResult<R> | undefined> {
    const record = await this.keys.find(call.principal, call.idempotencyKey);
    if (!record) return undefined;
    if (!matches(record, call, hash)) return { kind: 'key-reused' };
    const resource = await call.resource.load(record.resource_id);
    if (!resource) throw new Error(`idempotency record points at a missing ${record.resource_type}`);
    return { kind: 'executed', resource, replayed: true };
  }
}

function matches(record: IdempotencyRecord, call: IdempotentCall<unknown, unknown>, hash: string): boolean {
  return record.request_hash === hash && record.resource_type === call.resource.type;
}

class ClaimRefused extends Error {}
