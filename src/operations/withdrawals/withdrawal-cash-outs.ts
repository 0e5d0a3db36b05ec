import type { Logger } from 'pino';
import { WithdrawalStatus } from '../../domain/withdrawal.js';
import { ProviderError } from '../../providers/shared/provider-error.js';
import { isUniqueViolation, type LedgerDb } from '../../ledger/database.js';
import type { IdempotencyRepository } from '../../ledger/idempotency.repository.js';
import { requestHash } from '../../ledger/request-hash.js';
import type { WithdrawalProgressTracker } from './withdrawal-progress.js';
import { type CashOutState, type WithdrawalCashOut, type WithdrawalRecord } from '../../domain/withdrawal.js';
import type { WithdrawalsRepository } from '../../ledger/withdrawals.repository.js';

export interface CashOutDetails {
  bankCode: string;
  traceNumber: string;
  referenceNumber: string;
  terminalId: string;
}

/** What the provider answered to a cash-out it received. */
export type CashOutAnswer = { paid: true; bookedAt?: string } | { paid: false; reason: string };

export interface CashOutRequest {
  withdrawalId: string;
  /** The operator principal. */
  operator: string;
  idempotencyKey: string;
  operation: string;
  /** What identifies the attempt (never the OTP). */
  fingerprint: unknown;
  details: CashOutDetails;
  /** Calls the provider. Runs at most once per attempt. */
  send(withdrawal: WithdrawalRecord): Promise<CashOutAnswer>;
}

export type CashOutResult =
  | { kind: 'paid' | 'unknown'; withdrawal: WithdrawalRecord; replayed: boolean }
  | { kind: 'declined'; withdrawal: WithdrawalRecord; reason: string; replayed: boolean }
  /** The provider could not be asked (nothing was paid); a new attempt may be made. */
  | { kind: 'failed'; withdrawal: WithdrawalRecord; code: string; replayed: boolean }
  | { kind: 'key-reused' }
  | { kind: 'not-found' }
  /** Not REQUESTED, or another cash-out is under way, done, or of unknown outcome. */
  | { kind: 'not-open'; withdrawal: WithdrawalRecord };

const RESOURCE_TYPE = 'withdrawal_cash_out';

/**
 * Cash-outs of requested withdrawals. An attempt claims the withdrawal (one at a time) and records its
 * idempotency key before the provider is called; its outcome is settled after. An attempt whose answer
 * was lost stays UNKNOWN and blocks further attempts until the provider's report says no cash was paid.
 */
export class WithdrawalCashOuts {
  private readonly inFlight = new Map<string, { hash: string; work: Promise<CashOutResult> }>();

  constructor(
    private readonly db: LedgerDb,
    private readonly repository: WithdrawalsRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly progress: WithdrawalProgressTracker,
    private readonly logger: Logger,
  ) {}

  async execute(request: CashOutRequest): Promise<CashOutResult> {
    const hash = requestHash(request.operation, request.fingerprint);
    const slot = `${request.operator}\u0000${request.idempotencyKey}`;
    const running = this.inFlight.get(slot);
    if (running) {
      if (running.hash !== hash) return { kind: 'key-reused' };
      return replayed(await running.work);
    }
    const work = this.run(request, hash);
    this.inFlight.set(slot, { hash, work });
    try {
      return await work;
    } finally {
      this.inFlight.delete(slot);
    }
  }

  private async run(request: CashOutRequest, hash: string): Promise<CashOutResult> {
    const previous = await this.previousAttempt(request, hash);
    if (previous) return previous;
    const attempt: WithdrawalCashOut = {
      idempotencyKey: request.idempotencyKey,
      requestHash: hash,
      operator: request.operator,
      ...request.details,
    };
    let claimed: WithdrawalRecord | undefined;
    try {
      claimed = await this.db.transaction().execute(async (trx) => {
        await this.idempotency.insert(
          {
            principal: request.operator,
            idempotency_key: request.idempotencyKey,
            operation: request.operation,
            request_hash: hash,
            resource_type: RESOURCE_TYPE,
            resource_id: request.withdrawalId,
          },
          trx,
        );
        // The claim runs in the same database transaction: a refused claim does not use up the key.
        if (!(await this.repository.claimCashOut(request.withdrawalId, attempt, trx))) {
          throw new NotOpen();
        }
        return this.repository.findById(request.withdrawalId, trx);
      });
    } catch (error) {
      if (error instanceof NotOpen) return this.notOpen(request.withdrawalId);
      if (!isUniqueViolation(error)) throw error;
      return (await this.previousAttempt(request, hash)) ?? this.notOpen(request.withdrawalId);
    }
    if (!claimed) return { kind: 'not-found' };
    return this.send(request, claimed, attempt);
  }

  private async send(
    request: CashOutRequest,
    withdrawal: WithdrawalRecord,
    attempt: WithdrawalCashOut,
  ): Promise<CashOutResult> {
    let answer: CashOutAnswer;
    try {
      answer = await request.send(withdrawal);
    } catch (error) {
      const unknown = !(error instanceof ProviderError) || error.outcomeUnknown;
      const code = error instanceof ProviderError ? error.code : 'INTERNAL_SERVER_ERROR';
      await this.repository.settleCashOut(withdrawal.id, unknown ? 'UNKNOWN' : 'NOT_PAID', {
        ...attempt,
        failure: code,
      });
      this.logger.warn({ withdrawalId: withdrawal.id, code, unknown }, 'cash-out did not succeed');
      const current = await this.current(withdrawal);
      return unknown
        ? { kind: 'unknown', withdrawal: current, replayed: false }
        : { kind: 'failed', withdrawal: current, code, replayed: false };
    }
    if (!answer.paid) {
      await this.repository.settleCashOut(withdrawal.id, 'DECLINED', { ...attempt, failure: answer.reason });
      return {
        kind: 'declined',
        withdrawal: await this.current(withdrawal),
        reason: answer.reason,
        replayed: false,
      };
    }
    await this.repository.settleCashOut(withdrawal.id, 'ACCEPTED', { ...attempt, bookedAt: answer.bookedAt });
    const moved = await this.progress.advance(withdrawal.id, WithdrawalStatus.PROCESSING);
    return { kind: 'paid', withdrawal: moved ?? (await this.current(withdrawal)), replayed: false };
  }

  /** The answer to a key used before: the same attempt replayed, or a reused key. */
  private async previousAttempt(request: CashOutRequest, hash: string): Promise<CashOutResult | undefined> {
    const record = await this.idempotency.find(request.operator, request.idempotencyKey);
    if (!record) return undefined;
    if (
      record.request_hash !== hash ||
      record.resource_type !== RESOURCE_TYPE ||
      record.resource_id !== request.withdrawalId
    ) {
      return { kind: 'key-reused' };
    }
    const withdrawal = await this.repository.findById(request.withdrawalId);
    if (!withdrawal) return { kind: 'not-found' };
    const attempt = withdrawal.cashOut;
    // A later attempt (another key) can only follow one that was declined or known not to have paid.
    const state: CashOutState | 'SUPERSEDED' =
      attempt?.idempotencyKey === request.idempotencyKey
        ? (withdrawal.cashOutState ?? 'SENDING')
        : 'SUPERSEDED';
    return resultOf(withdrawal, state, attempt?.failure);
  }

  private async notOpen(withdrawalId: string): Promise<CashOutResult> {
    const withdrawal = await this.repository.findById(withdrawalId);
    return withdrawal ? { kind: 'not-open', withdrawal } : { kind: 'not-found' };
  }

  private async current(withdrawal: WithdrawalRecord): Promise<WithdrawalRecord> {
    return (await this.repository.findById(withdrawal.id)) ?? withdrawal;
  }
}

class NotOpen extends Error {}

function resultOf(
  withdrawal: WithdrawalRecord,
  state: CashOutState | 'SUPERSEDED',
  failure: string | undefined,
): CashOutResult {
  switch (state) {
    case 'ACCEPTED':
      return { kind: 'paid', withdrawal, replayed: true };
    case 'DECLINED':
      return { kind: 'declined', withdrawal, reason: failure ?? 'DECLINED', replayed: true };
    case 'SUPERSEDED':
      return { kind: 'declined', withdrawal, reason: 'DECLINED', replayed: true };
    case 'NOT_PAID':
      return { kind: 'failed', withdrawal, code: failure ?? 'PROVIDER_UNAVAILABLE', replayed: true };
    case 'UNKNOWN':
    case 'SENDING':
      return { kind: 'unknown', withdrawal, replayed: true };
  }
}

function replayed(result: CashOutResult): CashOutResult {
  return 'replayed' in result ? { ...result, replayed: true } : result;
}
