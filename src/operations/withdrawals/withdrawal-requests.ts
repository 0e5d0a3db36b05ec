import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { WithdrawalStatus } from '../../domain/withdrawal.js';
import { ProviderError } from '../../providers/shared/provider-error.js';
import { isUniqueViolation, type LedgerDb } from '../../ledger/database.js';
import type { IdempotencyRepository } from '../../ledger/idempotency.repository.js';
import { requestHash } from '../../ledger/request-hash.js';
import type { WithdrawalProgressTracker } from './withdrawal-progress.js';
import { type WithdrawalRecord } from '../../domain/withdrawal.js';
import type { NewWithdrawal, WithdrawalsRepository } from '../../ledger/withdrawals.repository.js';

export interface WithdrawalRequest {
  principal: string;
  idempotencyKey: string;
  /** The GraphQL operation, part of the request hash. */
  operation: string;
  /** What identifies the request, for the hash that detects a reused key. */
  fingerprint: unknown;
  withdrawal: Omit<NewWithdrawal, 'id' | 'principal' | 'idempotencyKey' | 'requestHash'>;
  /** Sends the request to the provider; resolves when accepted. Runs at most once per key. */
  send(withdrawal: WithdrawalRecord): Promise<void>;
}

export type WithdrawalRequestResult =
  { kind: 'completed'; withdrawal: WithdrawalRecord; replayed: boolean } | { kind: 'key-reused' };

const RESOURCE_TYPE = 'withdrawal';

/**
 * Requests withdrawals the way money moves everywhere in the ledger: the withdrawal is written PENDING
 * (with its idempotency key) before the provider is called, then moved to REQUESTED, FAILED, or UNKNOWN
 * when the answer was lost. The same key and request return the recorded withdrawal; concurrent
 * duplicates share the first call.
 */
export class WithdrawalRequests {
  private readonly inFlight = new Map<string, { hash: string; work: Promise<WithdrawalRequestResult> }>();

  constructor(
    private readonly db: LedgerDb,
    private readonly repository: WithdrawalsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly progress: WithdrawalProgressTracker,
    private readonly logger: Logger,
  ) {}

  async execute(request: WithdrawalRequest): Promise<WithdrawalRequestResult> {
    const hash = requestHash(request.operation, request.fingerprint);
    const slot = `${request.principal}\u0000${request.idempotencyKey}`;
    const running = this.inFlight.get(slot);
    if (running) {
      if (running.hash !== hash) return { kind: 'key-reused' };
      const result = await running.work;
      return result.kind === 'completed' ? { ...result, replayed: true } : result;
    }
    const work = this.run(request, hash);
    this.inFlight.set(slot, { hash, work });
    try {
      return await work;
    } finally {
      this.inFlight.delete(slot);
    }
  }

  private async run(request: WithdrawalRequest, hash: string): Promise<WithdrawalRequestResult> {
    const claim = await this.claim(request, hash);
    if (claim.kind !== 'new') return claim;
    return { kind: 'completed', withdrawal: await this.send(request, claim.withdrawal), replayed: false };
  }

  private async claim(
    request: WithdrawalRequest,
    hash: string,
  ): Promise<{ kind: 'new'; withdrawal: WithdrawalRecord } | WithdrawalRequestResult> {
    const existing = await this.findExisting(request, hash);
    if (existing) return existing;
    try {
      const withdrawal = await this.db.transaction().execute(async (trx) => {
        const id = randomUUID();
        await this.idempotency.insert(
          {
            principal: request.principal,
            idempotency_key: request.idempotencyKey,
            operation: request.operation,
            request_hash: hash,
            resource_type: RESOURCE_TYPE,
            resource_id: id,
          },
          trx,
        );
        return this.repository.insertPending(
          {
            ...request.withdrawal,
            id,
            principal: request.principal,
            idempotencyKey: request.idempotencyKey,
            requestHash: hash,
          },
          trx,
        );
      });
      return { kind: 'new', withdrawal };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findExisting(request, hash);
      if (!winner) throw error;
      return winner;
    }
  }

  private async findExisting(
    request: WithdrawalRequest,
    hash: string,
  ): Promise<WithdrawalRequestResult | undefined> {
    const record = await this.idempotency.find(request.principal, request.idempotencyKey);
    if (!record) return undefined;
    if (record.request_hash !== hash || record.resource_type !== RESOURCE_TYPE) return { kind: 'key-reused' };
    const withdrawal = await this.repository.findById(record.resource_id);
    if (!withdrawal) throw new Error(`idempotency record points at missing withdrawal ${record.resource_id}`);
    return { kind: 'completed', withdrawal, replayed: true };
  }

  private async send(request: WithdrawalRequest, pending: WithdrawalRecord): Promise<WithdrawalRecord> {
    let status = WithdrawalStatus.REQUESTED;
    let errorCode: string | null = null;
    try {
      await request.send(pending);
    } catch (error) {
      const unknown = !(error instanceof ProviderError) || error.outcomeUnknown;
      status = unknown ? WithdrawalStatus.UNKNOWN : WithdrawalStatus.FAILED;
      errorCode = error instanceof ProviderError ? error.code : 'INTERNAL_SERVER_ERROR';
      const log = { withdrawalId: pending.id, provider: pending.provider, status, code: errorCode };
      this.logger.warn(log, 'withdrawal request did not succeed');
    }
    // A notification or report may already have moved it further; that stands.
    const moved = await this.progress.advance(pending.id, status, { errorCode });
    return moved ?? (await this.repository.findById(pending.id)) ?? pending;
  }
}
