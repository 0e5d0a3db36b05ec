import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { Provider } from '../../../src/domain/provider.js';
import { TransactionKind, TransactionStatus } from '../../../src/domain/transaction.js';
import { migrateToLatest, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import { IdempotencyRepository } from '../../../src/ledger/idempotency.repository.js';
import { InProcessInFlightLocks } from '../../../src/shared-state/in-process-in-flight-locks.js';
import {
  MoneyMovements,
  type MoneyMovementRequest,
  type ProviderOutcome,
} from '../../../src/operations/executor/money-movements.js';
import { TransactionsRepository } from '../../../src/ledger/transactions.repository.js';
import { ProviderError } from '../../../src/providers/shared/provider-error.js';

const logger = pino({ level: 'silent' });

/** A promise the test resolves when it chooses. */
function gate<T>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

describe('MoneyMovements over an SQLite ledger', () => {
  let db: LedgerDb;
  let transactions: TransactionsRepository;
  let idempotency: IdempotencyRepository;
  let movements: MoneyMovements;

  beforeEach(async () => {
    db = openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(db);
    transactions = new TransactionsRepository(db);
    idempotency = new IdempotencyRepository(db);
    movements = new MoneyMovements(db, transactions, idempotency, new InProcessInFlightLocks(), logger);
  });
  afterEach(() => db.destroy());

  const request = (
    send: (transactionId: string) => Promise<ProviderOutcome>,
    overrides: Partial<MoneyMovementRequest> = {},
  ): MoneyMovementRequest => ({
    principal: 'alice',
    idempotencyKey: 'key-1',
    operation: 'rechargeMobile',
    fingerprint: { amount: '100', accountRef: '9800000001' },
    transaction: {
      provider: Provider.NUPEYE,
      kind: TransactionKind.MOBILE_RECHARGE,
      amount: '100',
      currency: 'INR',
      accountRef: '9800000001',
    },
    send,
    ...overrides,
  });
  const succeeded = (reference = 'ref-1'): Promise<ProviderOutcome> =>
    Promise.resolve({ status: TransactionStatus.SUCCEEDED, providerReference: reference });
  const rowCount = async () =>
    Number(
      (await db.selectFrom('transactions').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    );

  it('records the transaction PENDING before calling the provider, then settles it', async () => {
    let seenDuringSend: unknown;
    const result = await movements.execute(
      request(async (transactionId) => {
        const row = await transactions.findById(transactionId);
        const key = await idempotency.find('alice', 'key-1');
        seenDuringSend = { status: row?.status, amount: row?.amount, keyPointsAt: key?.resource_id };
        return {
          status: TransactionStatus.SUCCEEDED,
          providerReference: 'ref-42',
          metadata: { operator: 'NTC' },
        };
      }),
    );
    expect(result.kind).toBe('completed');
    if (result.kind !== 'completed') return;
    expect(seenDuringSend).toEqual({
      status: TransactionStatus.PENDING,
      amount: '100',
      keyPointsAt: result.transaction.id,
    });
    expect(result.replayed).toBe(false);
    expect(result.transaction).toMatchObject({
      status: TransactionStatus.SUCCEEDED,
      providerReference: 'ref-42',
      metadata: { operator: 'NTC' },
      principal: 'alice',
      idempotencyKey: 'key-1',
      accountRef: '9800000001',
    });
    expect(await transactions.findById(result.transaction.id)).toEqual(result.transaction);
  });

  it('calls the provider once for concurrent duplicates and gives all of them the same transaction', async () => {
    let sends = 0;
    const provider = gate<ProviderOutcome>();
    const send = () => {
      sends += 1;
      return provider.promise;
    };
    const duplicates = Array.from({ length: 10 }, () => movements.execute(request(send)));
    await new Promise((resolve) => setImmediate(resolve));
    provider.open({ status: TransactionStatus.SUCCEEDED, providerReference: 'ref-1' });
    const results = await Promise.all(duplicates);

    expect(sends).toBe(1);
    const ids = new Set(
      results.map((result) => (result.kind === 'completed' ? result.transaction.id : 'none')),
    );
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.kind === 'completed' && !result.replayed)).toHaveLength(1);
    expect(await rowCount()).toBe(1);
  });

  it('calls the provider once when two gateways share the ledger and race on one key', async () => {
    const other = new MoneyMovements(db, transactions, idempotency, new InProcessInFlightLocks(), logger);
    let sends = 0;
    const send = () => {
      sends += 1;
      return succeeded();
    };
    const results = await Promise.all([
      movements.execute(request(send)),
      other.execute(request(send)),
      movements.execute(request(send)),
      other.execute(request(send)),
    ]);
    expect(sends).toBe(1);
    expect(results.every((result) => result.kind === 'completed')).toBe(true);
    expect(await rowCount()).toBe(1);
  });

  it('replays a settled transaction without calling the provider again', async () => {
    const first = await movements.execute(request(() => succeeded()));
    let called = false;
    const second = await movements.execute(
      request(() => {
        called = true;
        return succeeded('other');
      }),
    );
    expect(called).toBe(false);
    expect(second).toEqual({
      kind: 'completed',
      replayed: true,
      transaction: first.kind === 'completed' ? first.transaction : undefined,
    });
  });

  it('refuses the same key with another request, settled or in flight', async () => {
    await movements.execute(request(() => succeeded()));
    let called = false;
    const other = request(
      () => {
        called = true;
        return succeeded();
      },
      { fingerprint: { amount: '101', accountRef: '9800000001' } },
    );
    expect(await movements.execute(other)).toEqual({ kind: 'key-reused' });
    expect(
      await movements.execute({ ...other, fingerprint: request(succeeded).fingerprint, operation: 'x' }),
    ).toEqual({ kind: 'key-reused' });

    const provider = gate<ProviderOutcome>();
    const running = movements.execute(request(() => provider.promise, { idempotencyKey: 'key-2' }));
    const clash = await movements.execute({ ...other, idempotencyKey: 'key-2' });
    provider.open({ status: TransactionStatus.SUCCEEDED });
    await running;
    expect(clash).toEqual({ kind: 'key-reused' });
    expect(called).toBe(false);
    expect(await rowCount()).toBe(2);
  });

  it('keeps keys per principal', async () => {
    const mine = await movements.execute(request(() => succeeded('a')));
    const theirs = await movements.execute(request(() => succeeded('b'), { principal: 'bob' }));
    expect(mine.kind === 'completed' && theirs.kind === 'completed').toBe(true);
    if (mine.kind !== 'completed' || theirs.kind !== 'completed') return;
    expect(theirs.replayed).toBe(false);
    expect(theirs.transaction.id).not.toBe(mine.transaction.id);
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
      'a rejection',
      new ProviderError(Provider.NUPEYE, 'PROVIDER_REJECTED', 'n', { status: 400 }),
      'FAILED',
      'PROVIDER_REJECTED',
    ],
    [
      'a bug of ours',
      new TypeError('cannot read properties of undefined'),
      'UNKNOWN',
      'INTERNAL_SERVER_ERROR',
    ],
  ])('settles %s as %s with its error code', async (_label, error, status, errorCode) => {
    const result = await movements.execute(request(() => Promise.reject(error)));
    expect(result.kind).toBe('completed');
    if (result.kind !== 'completed') return;
    expect(result.transaction).toMatchObject({ status, errorCode });
    expect(await transactions.findById(result.transaction.id)).toMatchObject({ status, errorCode });
  });

  it('never re-sends a transaction whose outcome is unknown', async () => {
    const unknown = new ProviderError(Provider.NUPEYE, 'PROVIDER_TIMEOUT', 't', { outcomeUnknown: true });
    await movements.execute(request(() => Promise.reject(unknown)));
    let called = false;
    const retry = await movements.execute(
      request(() => {
        called = true;
        return succeeded();
      }),
    );
    expect(called).toBe(false);
    expect(retry).toMatchObject({ kind: 'completed', replayed: true, transaction: { status: 'UNKNOWN' } });
  });
});
