import { randomUUID } from 'node:crypto';
import { DecryptionError, type DataCipher } from '../crypto/data-cipher.js';
import type { SessionState, SessionStateSource } from '../domain/ports/session-revocations.js';
import type { Provider } from '../domain/provider.js';
import { type UserStatus } from '../domain/user-status.js';
import { nowIso, type LedgerDb } from './database.js';
import { usersDb, type UsersTable } from './users.table.js';

/** An end user as the rest of the code sees it: never with the provider token itself. */
export interface UserRecord {
  principal: string;
  provider: Provider;
  phone: string;
  name: string;
  status: UserStatus;
  hasProviderToken: boolean;
  providerTokenExpiresAt: Date | undefined;
  /** Sessions carrying a lower credential version have ended. */
  credentialVersion: number;
  /** The credential version the provider token was verified at: earlier sessions may not use it. */
  providerTokenVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** A provider user token, decrypted for one call. */
export interface ProviderUserToken {
  value: string;
  expiresAt: Date | undefined;
}

/** What one pass of `resealProviderTokens` did. */
export interface ResealReport {
  /** Stored tokens looked at. */
  examined: number;
  /** Sealed again under the current key. */
  resealed: number;
  /** No key of the keyring opens them: left as they are. */
  unreadable: number;
}

/**
 * End users keyed by principal, one per provider and phone. The provider token is sealed with the data
 * cipher on the way in and opened only by `providerToken`, for the call that needs it. The credential
 * version and the ended sessions written here are what the session check reads (UserSessionStates).
 */
export class UsersRepository {
  private readonly db;

  constructor(
    db: LedgerDb,
    private readonly cipher: DataCipher,
    private readonly newPrincipal: () => string = () => `usr_${randomUUID().replace(/-/g, '')}`,
  ) {
    this.db = usersDb(db);
  }

  async findByPrincipal(principal: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('principal', '=', principal)
      .executeTakeFirst();
    return row && recordFromRow(row);
  }

  async findByPrincipals(principals: readonly string[]): Promise<UserRecord[]> {
    if (principals.length === 0) return [];
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('principal', 'in', [...principals])
      .execute();
    return rows.map(recordFromRow);
  }

  async findByPhone(provider: Provider, phone: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('provider', '=', provider)
      .where('phone', '=', phone)
      .executeTakeFirst();
    return row && recordFromRow(row);
  }

  /**
   * The user of this phone, created when absent (concurrent callers get the same row), with its name and
   * status brought up to date.
   */
  async upsert(
    provider: Provider,
    phone: string,
    fields: { name: string; status: UserStatus },
  ): Promise<UserRecord> {
    const now = nowIso();
    await this.db
      .insertInto('users')
      .values({
        principal: this.newPrincipal(),
        provider,
        phone,
        name: fields.name,
        status: fields.status,
        provider_token: null,
        provider_token_expires_at: null,
        credential_version: 0,
        provider_token_version: 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['provider', 'phone'])
          .doUpdateSet({ name: fields.name, status: fields.status, updated_at: now }),
      )
      .execute();
    const record = await this.findByPhone(provider, phone);
    if (!record) throw new Error('user row vanished after upsert');
    return record;
  }

  /**
   * The phone was just proved: keeps the token that proof produced and moves the credential version in
   * one statement, so the token is tied to the new version and every earlier session ends. Returns the
   * new version.
   */
  async recordVerification(principal: string, token: ProviderUserToken): Promise<number> {
    const row = await this.db
      .updateTable('users')
      .set((eb) => ({
        provider_token: this.cipher.encrypt(token.value, principal),
        provider_token_expires_at: token.expiresAt?.toISOString() ?? null,
        credential_version: eb('credential_version', '+', 1),
        provider_token_version: eb('credential_version', '+', 1),
        updated_at: nowIso(),
      }))
      .where('principal', '=', principal)
      .returning('credential_version')
      .executeTakeFirst();
    if (!row) throw new Error('user row vanished before verification was recorded');
    return Number(row.credential_version);
  }

  /** Ends every session of the user issued so far; returns the new version, undefined for no user. */
  async moveCredentialVersion(principal: string): Promise<number | undefined> {
    const row = await this.db
      .updateTable('users')
      .set((eb) => ({ credential_version: eb('credential_version', '+', 1), updated_at: nowIso() }))
      .where('principal', '=', principal)
      .returning('credential_version')
      .executeTakeFirst();
    return row && Number(row.credential_version);
  }

  /** Ends one session until it would have expired; those that have expired are forgotten on the way. */
  async endSession(principal: string, sessionId: string, expiresAt: Date): Promise<void> {
    await this.db
      .insertInto('ended_sessions')
      .values({ session_id: sessionId, principal, expires_at: expiresAt.toISOString() })
      .onConflict((conflict) => conflict.column('session_id').doNothing())
      .execute();
    await this.db
      .deleteFrom('ended_sessions')
      .where('principal', '=', principal)
      .where('expires_at', '<=', nowIso())
      .execute();
  }

  /** The decrypted provider token, for one call; undefined when none is held. */
  async providerToken(principal: string): Promise<ProviderUserToken | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(['provider_token', 'provider_token_expires_at'])
      .where('principal', '=', principal)
      .executeTakeFirst();
    if (!row?.provider_token) return undefined;
    return {
      value: this.cipher.decrypt(row.provider_token, principal),
      expiresAt: row.provider_token_expires_at ? new Date(row.provider_token_expires_at) : undefined,
    };
  }

  /**
   * Seals every stored token that an older key sealed under the current key, `batchSize` rows at a time.
   * Each row is rewritten only if it still holds what was read, so a token saved meanwhile is kept; a
   * second pass finds nothing to do.
   */
  async resealProviderTokens(batchSize = 500): Promise<ResealReport> {
    const report: ResealReport = { examined: 0, resealed: 0, unreadable: 0 };
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('users')
        .select(['principal', 'provider_token'])
        .where('provider_token', 'is not', null)
        .where('principal', '>', after)
        .orderBy('principal')
        .limit(batchSize)
        .execute();
      for (const row of rows) {
        report.examined += 1;
        const outcome = await this.resealOne(row.principal, row.provider_token!);
        if (outcome !== 'current') report[outcome] += 1;
      }
      if (rows.length < batchSize) return report;
      after = rows.at(-1)!.principal;
    }
  }

  private async resealOne(principal: string, sealed: string): Promise<'resealed' | 'unreadable' | 'current'> {
    let fresh: string;
    try {
      if (!this.cipher.isStale(sealed)) return 'current';
      fresh = this.cipher.reseal(sealed, principal);
    } catch (error) {
      if (error instanceof DecryptionError) return 'unreadable';
      throw error;
    }
    await this.db
      .updateTable('users')
      .set({ provider_token: fresh })
      .where('principal', '=', principal)
      .where('provider_token', '=', sealed)
      .execute();
    return 'resealed';
  }

  /** Forgets a token the provider refused, so the user is asked to verify again. */
  async clearProviderToken(principal: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ provider_token: null, provider_token_expires_at: null, updated_at: nowIso() })
      .where('principal', '=', principal)
      .execute();
  }
}

/** The session state of users as the ledger holds it: the source of truth behind every cache of it. */
export class UserSessionStates implements SessionStateSource {
  private readonly db;

  constructor(db: LedgerDb) {
    this.db = usersDb(db);
  }

  /** The credential version and the unexpired ended sessions of a user; undefined for no user. */
  async load(principal: string): Promise<SessionState | undefined> {
    const user = await this.db
      .selectFrom('users')
      .select('credential_version')
      .where('principal', '=', principal)
      .executeTakeFirst();
    if (!user) return undefined;
    const ended = await this.db
      .selectFrom('ended_sessions')
      .select('session_id')
      .where('principal', '=', principal)
      .where('expires_at', '>', nowIso())
      .execute();
    return {
      credentialVersion: Number(user.credential_version),
      endedSessions: new Set(ended.map((row) => row.session_id)),
    };
  }
}

function recordFromRow(row: UsersTable): UserRecord {
  return {
    principal: row.principal,
    provider: row.provider as Provider,
    phone: row.phone,
    name: row.name,
    status: row.status as UserStatus,
    hasProviderToken: row.provider_token !== null,
    providerTokenExpiresAt: row.provider_token_expires_at
      ? new Date(row.provider_token_expires_at)
      : undefined,
    credentialVersion: Number(row.credential_version),
    providerTokenVersion: Number(row.provider_token_version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
