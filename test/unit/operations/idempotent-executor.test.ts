import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { Provider } from '../../../src/domain/provider.js';
import type { ProviderAnswer } from '../../../src/domain/provider-answer.js';
import { Rejection } from '../../../src/domain/rejection.js';
import {
  TransactionKind,
  TransactionStatus,
  type TransactionRecord,
} from '../../../src/domain/transaction.js';
import { migrateToLatest, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import { IdempotencyRepository } from '../../../src/ledger/idempotency.repository.js';
import { LedgerWrites } from '../../../src/ledger/ledger-writes.js';
import { TransactionsRepository } from '../../../src/ledger/transactions.repository.js';
import {
  IdempotentExecutor,
  type ExecutionResult,
} from '../../../src/operations/executor/idempotent-executor.js';
import { transactionResource } from '../../../src/operations/executor/transaction-resource.js';
import { NotSentError, ProviderError } from '../../../src/providers/shared/provider-error.js';
import { InProcessInFlightLocks } from '../../../src/shared-state/in-process-in-flight-locks.js';

const logger = pino({ level: 'silent' });

/** A promise the test resolves when it chooses. */
function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('the idempotent executor, with transactions as its resource, over an SQLite ledger', () => {
  let db: LedgerDb;
  let transactions: TransactionsRepository;
  let idempotency: IdempotencyRepository;
  let writes: LedgerWrites;
  let executor: IdempotentExecutor;

  beforeEach(async () => {
    db = openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(db);
    transactions = new TransactionsRepository(db);
    idempotency = new IdempotencyRepository(db);
    writes = new LedgerWrites(db);
    executor = new IdempotentExecutor(writes, idempotency, new InProcessInFlightLocks(), logger);
  });
  afterEach(() => db.destroy());

  const fields = {
    provider: Provider.NUPEYE,
    kind: TransactionKind.MOBILE_RECHARGE,
    amount: '100',
    currency: 'INR',
    accountRef: '9800000001',
  };
  const run = (
    send: (recorded: TransactionRecord) => Promise<ProviderAnswer>,
    overrides: {
      principal?: string;
      idempotencyKey?: string;
      fingerprint?: unknown;
      operation?: string;
    } = {},
    using: IdempotentExecutor = executor,
  ): Promise<ExecutionResult<TransactionRecord>> => {
    const principal = overrides.principal ?? 'alice';
    const idempotencyKey = overrides.idempotencyKey ?? 'key-1';
    return using.execute({
      principal,
      idempotencyKey,
      operation: overrides.operation ?? 'rechargeMobile',
      fingerprint: overrides.fingerprint ?? { amount: '100', accountRef: '9800000001' },
      resource: transactionResource(transactions, writes, { principal, idempotencyKey, fields }),
      send,
    });
  };
  const succeeded = (reference = 'ref-1'): Promise<ProviderAnswer> =>
    Promise.resolve({ status: TransactionStatus.SUCCEEDED, providerReference: reference });
  const rowCount = async () =>
    Number(
      (await db.selectFrom('transactions').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    );
  const executed = (result: ExecutionResult<TransactionRecord>) => {
    if (result.kind !== 'executed') throw new Error(`expected an execution, got ${result.kind}`);
    return result;
  };

  it('records the transaction SENDING with its key before calling the provider, then settles it', async () => {
    let seenDuringSend: unknown;
    const result = executed(
      await run(async (recorded) => {
        const row = await transactions.findById(recorded.id);
        const key = await idempotency.find('alice', 'key-1');
        seenDuringSend = { status: row?.status, amount: row?.amount, keyPointsAt: key?.resource_id };
        return {
          status: TransactionStatus.SUCCEEDED,
          providerReference: 'ref-42',
          details: { operator: 'NTC' },
        };
      }),
    );
    expect(seenDuringSend).toEqual({
      status: TransactionStatus.SENDING,
      amount: '100',
      keyPointsAt: result.resource.id,
    });
    expect(result.replayed).toBe(false);
    expect(result.resource).toMatchObject({
      status: TransactionStatus.SUCCEEDED,
      providerReference: 'ref-42',
      metadata: { operator: 'NTC' },
      principal: 'alice',
      idempotencyKey: 'key-1',
      accountRef: '9800000001',
      errorCode: null,
    });
    expect(await transactions.findById(result.resource.id)).toEqual(result.resource);
  });

  it('calls the provider once for concurrent duplicates, which wait for it and replay its settlement', async () => {
    let sends = 0;
    const provider = gate<ProviderAnswer>();
    const duplicates = Array.from({ length: 10 }, () =>
      run(() => {
        sends += 1;
        return provider.promise;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    provider.open({ status: TransactionStatus.SUCCEEDED, providerReference: 'ref-1' });
    const results = (await Promise.all(duplicates)).map(executed);

    expect(sends).toBe(1);
    expect(new Set(results.map((result) => result.resource.id)).size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    // Nobody answers SENDING: the duplicates waited for the holder of the key.
    expect(results.map((result) => result.resource.status)).toEqual(
      Array(10).fill(TransactionStatus.SUCCEEDED),
    );
    expect(await rowCount()).toBe(1);
  });

  it('calls the provider once when two gateways share the ledger and race on one key', async () => {
    const other = new IdempotentExecutor(writes, idempotency, new InProcessInFlightLocks(), logger);
    let sends = 0;
    const send = () => {
      sends += 1;
      return succeeded();
    };
    const results = await Promise.all([run(send), run(send, {}, other), run(send), run(send, {}, other)]);
    expect(sends).toBe(1);
    expect(results.every((result) => result.kind === 'executed')).toBe(true);
    expect(await rowCount()).toBe(1);
  });

  it('replays a settled transaction without calling the provider again', async () => {
    const first = executed(await run(() => succeeded()));
    let called = false;
    const second = await run(() => {
      called = true;
      return succeeded('other');
    });
    expect(called).toBe(false);
    expect(second).toEqual({ kind: 'executed', replayed: true, resource: first.resource });
  });

  it('refuses the same key with another request, settled or in flight', async () => {
    await run(() => succeeded());
    let called = false;
    const other = () => {
      called = true;
      return succeeded();
    };
    expect(await run(other, { fingerprint: { amount: '101' } })).toEqual({ kind: 'key-reused' });
    expect(await run(other, { operation: 'transferToNupeyeWallet' })).toEqual({ kind: 'key-reused' });

    const provider = gate<ProviderAnswer>();
    const running = run(() => provider.promise, { idempotencyKey: 'key-2' });
    await new Promise((resolve) => setImmediate(resolve));
    const clash = run(other, { idempotencyKey: 'key-2', fingerprint: { amount: '101' } });
    provider.open({ status: TransactionStatus.SUCCEEDED });
    await running;
    expect(await clash).toEqual({ kind: 'key-reused' });
    expect(called).toBe(false);
    expect(await rowCount()).toBe(2);
  });

  it('keeps keys per principal', async () => {
    const mine = executed(await run(() => succeeded('a')));
    const theirs = executed(await run(() => succeeded('b'), { principal: 'bob' }));
    expect(theirs.replayed).toBe(false);
    expect(theirs.resource.id).not.toBe(mine.resource.id);
  });

  it.each([
    [
      'a timeout',
      new ProviderError(Provider.NUPEYE, 'PROVIDER_TIMEOUT', 't', { outcomeUnknown: true }),
      'UNKNOWN',
      'PROVIDER_TIMEOUT',
    ],
    [
      'a dropped connection',
      new ProviderError(Provider.NUPEYE, 'PROVIDER_UNAVAILABLE', 'd', { outcomeUnknown: true }),
      'UNKNOWN',
      'PROVIDER_UNAVAILABLE',
    ],
    [
      'a refused connection',
      new ProviderError(Provider.NUPEYE, 'PROVIDER_UNAVAILABLE', 'r'),
      'FAILED',
      'PROVIDER_UNAVAILABLE',
    ],
    [
      'a failure before sending',
      new NotSentError(Provider.NUPEYE, 'PROVIDER_BAD_REQUEST', 'b', new RangeError('x')),
      'FAILED',
      'PROVIDER_BAD_REQUEST',
    ],
    [
      'a bug of ours after sending',
      new TypeError('cannot read properties of undefined'),
      'UNKNOWN',
      'INTERNAL_SERVER_ERROR',
    ],
  ])('settles %s by its outcome, with its code, and tells the call', async (_label, error, status, code) => {
    const result = executed(await run(() => Promise.reject(error)));
    expect(result.resource).toMatchObject({ status, errorCode: code });
    expect(result.failure).toEqual({ maybeSent: status === 'UNKNOWN', code });
    expect(await transactions.findById(result.resource.id)).toMatchObject({ status, errorCode: code });
  });

  it('records a refusal with its rejection, and replays it without a call', async () => {
    const refused = executed(
      await run(() =>
        Promise.resolve({ status: TransactionStatus.FAILED, rejection: Rejection.WRONG_CREDENTIALS }),
      ),
    );
    expect(refused.resource).toMatchObject({ status: 'FAILED', errorCode: 'WRONG_CREDENTIALS' });
    expect(refused.failure).toBeUndefined();
    let called = false;
    const replay = executed(
      await run(() => {
        called = true;
        return succeeded();
      }),
    );
    expect(called).toBe(false);
    expect(replay).toMatchObject({
      replayed: true,
      resource: { status: 'FAILED', errorCode: 'WRONG_CREDENTIALS' },
    });
  });

  it('never re-sends a transaction whose outcome is unknown', async () => {
    await run(() =>
      Promise.reject(new ProviderError(Provider.NUPEYE, 'PROVIDER_TIMEOUT', 't', { outcomeUnknown: true })),
    );
    let called = false;
    const retry = await run(() => {
      called = true;
      return succeeded();
    });
    expect(called).toBe(false);
    expect(retry).toMatchObject({ kind: 'executed', replayed: true, resource: { status: 'UNKNOWN' } });
  });
});
