import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataCipher, DecryptionError } from '../../../src/crypto/data-cipher.js';
import { Provider } from '../../../src/domain/provider.js';
import { UserStatus } from '../../../src/domain/user-status.js';
import { migrateToLatest, openDatabase, type LedgerDb } from '../../../src/ledger/database.js';
import { UserCardsRepository } from '../../../src/ledger/user-cards.repository.js';
import { UserSessionStates, UsersRepository } from '../../../src/ledger/users.repository.js';
import { usersDb } from '../../../src/ledger/users.table.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VybmFtZSI6IjEiLCJleHBpcnkiOiIyMDI2LTAzLTAxIn0.sig';

describe('users and their cards in the ledger', () => {
  let db: LedgerDb;
  let users: UsersRepository;

  beforeAll(async () => {
    db = openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(db);
    users = new UsersRepository(db, new DataCipher(randomBytes(32)));
  });
  afterAll(() => db.destroy());

  it('gives one principal per phone, even to concurrent upserts, and keeps name and status current', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        users.upsert(Provider.ENAYAPAY, '249912000001', {
          name: `n${index}`,
          status: UserStatus.PENDING_VERIFICATION,
        }),
      ),
    );
    expect(new Set(results.map((user) => user.principal)).size).toBe(1);
    expect(results[0]!.principal).toMatch(/^usr_[0-9a-f]{32}$/);
    const updated = await users.upsert(Provider.ENAYAPAY, '249912000001', {
      name: 'Amna',
      status: UserStatus.ACTIVE,
    });
    expect(updated).toMatchObject({
      principal: results[0]!.principal,
      name: 'Amna',
      status: UserStatus.ACTIVE,
    });
  });

  it('stores the provider token sealed and bound to its row, and opens it only through providerToken', async () => {
    const user = await users.upsert(Provider.ENAYAPAY, '249912000002', {
      name: 'a',
      status: UserStatus.ACTIVE,
    });
    const expiresAt = new Date('2026-03-01T00:00:00Z');
    expect(await users.recordVerification(user.principal, { value: TOKEN, expiresAt })).toBe(1);
    const row = await usersDb(db)
      .selectFrom('users')
      .selectAll()
      .where('principal', '=', user.principal)
      .executeTakeFirstOrThrow();
    expect(row.provider_token).not.toContain(TOKEN);
    // The header and claims segments are long enough that random ciphertext cannot hold them by
    // chance; the three-letter signature segment is not, so it is left out.
    const [header, claims] = TOKEN.split('.') as [string, string, string];
    expect(row.provider_token).not.toContain(header);
    expect(row.provider_token).not.toContain(claims);
    expect(await users.findByPrincipal(user.principal)).toMatchObject({
      hasProviderToken: true,
      providerTokenExpiresAt: expiresAt,
      credentialVersion: 1,
      providerTokenVersion: 1,
    });
    expect(await users.providerToken(user.principal)).toEqual({ value: TOKEN, expiresAt });

    const other = await users.upsert(Provider.ENAYAPAY, '249912000003', {
      name: 'b',
      status: UserStatus.ACTIVE,
    });
    await usersDb(db)
      .updateTable('users')
      .set({ provider_token: row.provider_token })
      .where('principal', '=', other.principal)
      .execute();
    await expect(users.providerToken(other.principal)).rejects.toBeInstanceOf(DecryptionError);

    await users.clearProviderToken(user.principal);
    expect(await users.providerToken(user.principal)).toBeUndefined();
  });

  it('keeps one card per masked PAN and expiry with its latest balance, newest first', async () => {
    const cards = new UserCardsRepository(db);
    const card = (maskedPan: string, amount: string, minute: number) =>
      cards.recordBalance({
        principal: 'usr_cards',
        maskedPan,
        expiry: '1230',
        balance: { amount, currency: 'SDG' },
        asOf: new Date(Date.UTC(2026, 0, 1, 12, minute)),
      });
    const first = await card('411111******1111', '400', 0);
    await card('555555******4444', '10', 1);
    const again = await card('411111******1111', '350.5', 2);
    expect(again.id).toBe(first.id);
    const listed = await cards.list('usr_cards', 10);
    expect(listed.map((entry) => [entry.maskedPan, entry.balance.amount])).toEqual([
      ['411111******1111', '350.5'],
      ['555555******4444', '10'],
    ]);
    expect(
      await cards.list('usr_cards', 10, { asOf: listed[0]!.asOf.toISOString(), id: listed[0]!.id }),
    ).toHaveLength(1);
    expect(await cards.findById('someone-else', first.id)).toBeUndefined();
  });

  it('moves the credential version on verification and on demand, and keeps ended sessions until they expire', async () => {
    const states = new UserSessionStates(db);
    const user = await users.upsert(Provider.ENAYAPAY, '249912000004', {
      name: 'a',
      status: UserStatus.PENDING_VERIFICATION,
    });
    expect(user.credentialVersion).toBe(0);
    expect(await states.load(user.principal)).toEqual({ credentialVersion: 0, endedSessions: new Set() });
    expect(await users.recordVerification(user.principal, { value: TOKEN, expiresAt: undefined })).toBe(1);
    expect(await users.moveCredentialVersion(user.principal)).toBe(2);
    expect(await users.findByPrincipal(user.principal)).toMatchObject({
      credentialVersion: 2,
      providerTokenVersion: 1,
    });
    expect(await users.moveCredentialVersion('usr_nobody')).toBeUndefined();

    await users.endSession(user.principal, 'session-a', new Date(Date.now() + 60_000));
    await users.endSession(user.principal, 'session-a', new Date(Date.now() + 60_000));
    await users.endSession(user.principal, 'session-gone', new Date(Date.now() - 1));
    expect(await states.load(user.principal)).toEqual({
      credentialVersion: 2,
      endedSessions: new Set(['session-a']),
    });
    // Ending another session forgets those that have expired.
    await users.endSession(user.principal, 'session-b', new Date(Date.now() + 60_000));
    const rows = await usersDb(db)
      .selectFrom('ended_sessions')
      .select('session_id')
      .where('principal', '=', user.principal)
      .orderBy('session_id')
      .execute();
    expect(rows.map((row) => row.session_id)).toEqual(['session-a', 'session-b']);
    expect(await states.load('usr_nobody')).toBeUndefined();
  });

  it('reseals every token an older key sealed, once, keeping what no key opens', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = new UsersRepository(db, new DataCipher(oldKey));
    const principals: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const user = await before.upsert(Provider.ENAYAPAY, `24991210000${index}`, {
        name: 'r',
        status: UserStatus.ACTIVE,
      });
      await before.recordVerification(user.principal, { value: `${TOKEN}-${index}`, expiresAt: undefined });
      principals.push(user.principal);
    }
    const stranger = await new UsersRepository(db, new DataCipher(randomBytes(32))).upsert(
      Provider.ENAYAPAY,
      '249912100099',
      { name: 's', status: UserStatus.ACTIVE },
    );
    await new UsersRepository(db, new DataCipher(randomBytes(32))).recordVerification(stranger.principal, {
      value: 'lost',
      expiresAt: undefined,
    });
    const { count: heldBefore } = await usersDb(db)
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('provider_token', 'is not', null)
      .executeTakeFirstOrThrow();

    const rotated = new UsersRepository(db, new DataCipher(newKey, [oldKey]));
    const first = await rotated.resealProviderTokens(3);
    expect(first.resealed).toBeGreaterThanOrEqual(7);
    expect(first.unreadable).toBeGreaterThanOrEqual(1);
    expect(first.examined).toBe(Number(heldBefore));
    const second = await rotated.resealProviderTokens(3);
    expect(second).toEqual({ examined: first.examined, resealed: 0, unreadable: first.unreadable });

    const newKeyOnly = new UsersRepository(db, new DataCipher(newKey));
    for (const [index, principal] of principals.entries()) {
      expect((await newKeyOnly.providerToken(principal))?.value).toBe(`${TOKEN}-${index}`);
    }
    await expect(newKeyOnly.providerToken(stranger.principal)).rejects.toBeInstanceOf(DecryptionError);
  });
});
