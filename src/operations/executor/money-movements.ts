import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { TransactionStatus } from '../../domain/transaction.js';
import { ProviderError } from '../../providers/shared/provider-error.js';
import { isUniqueViolation, type LedgerDb } from '../../ledger/database.js';
import type { IdempotencyRepository } from '../../ledger/idempotency.repository.js';
import type { InFlightLocks } from '../../domain/ports/in-flight-locks.js';
import { requestHash } from '../../ledger/request-hash.js';
import { type TransactionRecord } from '../../domain/transaction.js';
import { LedgerWrites } from '../../ledger/ledger-writes.js';
import { type NewTransaction, TransactionsRepository } from '../../ledger/transactions.repository.js';
import { type Settlement } from '../../domain/transaction.js';

/** What the provider said about a money movement that it answered. */
export type ProviderOutcome = Settlement;

export interface MoneyMovementRequest {
  principal: string;
  idempotencyKey: string;
  /** The GraphQL operation, e.g. "rechargeMobile": part of the request hash. */
  operation: string;
  /** What identifies the request, for the hash that detects a reused key. Never put secrets here. */
  fingerprint: unknown;
  transaction: Omit<NewTransaction, 'id' | 'principal' | 'idempotencyKey' | 'requestHash'>;
  /** Calls the provider. Runs at most once per (principal, idempotency key). */
  send(transactionId: string): Promise<ProviderOutcome>;
}

export type MoneyMovementResult =
  { kind: 'completed'; transaction: TransactionRecord; replayed: boolean } | { kind: 'key-reused' };

/**
 * The one path by which money moves: the ledger row is written (PENDING) before the provider is called,
 * and settled after. The same key with the same request returns the recorded transaction without calling
 * the provider again; concurrent duplicates share the first call. A failure after the request may have
 * reached the provider leaves the row UNKNOWN; nothing is re-sent.
 */
export interface MoneyMovementOptions {
  /** How long a request may hold its key in flight, and how long a duplicate waits for it: beyond any provider timeout. */
  inFlightLeaseMs?: number;
}

export class MoneyMovements {
  private readonly leaseMs: number;
  private readonly writes: LedgerWrites;

  constructor(
    private readonly db: LedgerDb,
    private readonly transactions: TransactionsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly locks: InFlightLocks,
    private readonly logger: Logger,
    options: MoneyMovementOptions = {},
  ) {
    this.leaseMs = options.inFlightLeaseMs ?? 60_000;
    this.writes = LedgerWrites.for(db);
  }

  async execute(request: MoneyMovementRequest): Promise<MoneyMovementResult> {
    const hash = requestHash(request.operation, request.fingerprint);
    const slot = `${request.principal}\u0000${request.idempotencyKey}`;
    const lock = await this.locks.acquire(slot, this.leaseMs);
    try {
      if (!lock) {
        const reused = await this.awaitHolder(request, hash, slot);
        if (reused) return reused;
      }
      return await this.run(request, hash);
    } finally {
      await lock?.release();
    }
  }

  /**
   * The same key is in flight (here or on another replica): a different request is refused as soon as
   * the holder has recorded its own; the same request waits for the holder to finish, then replays it.
   */
  private async awaitHolder(
    request: MoneyMovementRequest,
    hash: string,
    slot: string,
  ): Promise<{ kind: 'key-reused' } | undefined> {
    const deadline = Date.now() + this.leaseMs;
    for (;;) {
      const existing = await this.findExisting(request, hash);
      if (existing?.kind === 'key-reused') return existing;
      const released = await this.locks.waitUntilReleased(slot, Math.min(100, deadline - Date.now()));
      if (released || Date.now() >= deadline) return undefined;
    }
  }

  private async run(request: MoneyMovementRequest, hash: string): Promise<MoneyMovementResult> {
    const claim = await this.claim(request, hash);
    if (claim.kind === 'key-reused') return claim;
    if (claim.kind === 'existing')
      return { kind: 'completed', transaction: claim.transaction, replayed: true };
    return { kind: 'completed', transaction: await this.send(request, claim.transaction), replayed: false };
  }

  /** Records the key and the PENDING row in one database transaction, or finds who got there first. */
  private async claim(
    request: MoneyMovementRequest,
    hash: string,
  ): Promise<
    | { kind: 'new'; transaction: TransactionRecord }
    | { kind: 'existing'; transaction: TransactionRecord }
    | { kind: 'key-reused' }
  > {
    const existing = await this.findExisting(request, hash);
    if (existing) return existing;
    try {
      const transaction = await this.writes.run(async (trx) => {
        const id = randomUUID();
        await this.idempotency.insert(
          {
            principal: request.principal,
            idempotency_key: request.idempotencyKey,
            operation: request.operation,
            request_hash: hash,
            resource_type: 'transaction',
            resource_id: id,
          },
          trx,
        );
        return this.transactions.insertPending(
          {
            ...request.transaction,
            id,
            principal: request.principal,
            idempotencyKey: request.idempotencyKey,
            requestHash: hash,
          },
          trx,
        );
      });
      return { kind: 'new', transaction };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findExisting(request, hash);
      if (!winner) throw error;
      return winner;
    }
  }

  private async findExisting(request: MoneyMovementRequest, hash: string) {
    const record = await this.idempotency.find(request.principal, request.idempotencyKey);
    if (!record) return undefined;
    if (record.request_hash !== hash || record.resource_type !== 'transaction')
      return { kind: 'key-reused' as const };
    const transaction = await this.transactions.findById(record.resource_id);
    if (!transaction)
      throw new Error(`idempotency record points at missing transaction ${record.resource_id}`);
    return { kind: 'existing' as const, transaction };
  }

  private async send(request: MoneyMovementRequest, pending: TransactionRecord): Promise<TransactionRecord> {
    let settlement: Settlement;
    try {
      settlement = await request.send(pending.id);
    } catch (error) {
      settlement = settlementForFailure(error);
      const log = { transactionId: pending.id, provider: pending.provider, status: settlement.status };
      this.logger.warn({ ...log, code: settlement.errorCode }, 'money movement did not succeed');
    }
    return this.writes.run((trx) => new TransactionsRepository(trx).settle(pending.id, settlement));
  }
}

/** A provider that may have acted leaves the outcome UNKNOWN; one that provably did not, FAILED. */
function settlementForFailure(error: unknown): Settlement {
  if (error instanceof ProviderError) {
    return {
      status: error.outcomeUnknown ? TransactionStatus.UNKNOWN : TransactionStatus.FAILED,
      errorCode: error.code,
    };
  }
  return { status: TransactionStatus.UNKNOWN, errorCode: 'INTERNAL_SERVER_ERROR' };
}
