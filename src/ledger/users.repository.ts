import { randomUUID } from 'node:crypto';
import type { DataCipher } from '../crypto/data-cipher.js';
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
  createdAt: string;
  updatedAt: string;
}

/** A provider user token, decrypted for one call. */
export interface ProviderUserToken {
  value: string;
  expiresAt: Date | undefined;
}

/**
 * End users keyed by principal, one per provider and phone. The provider token is sealed with the data
 * cipher on the way in and opened only by `providerToken`, for the call that needs it.
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

  async saveProviderToken(principal: string, token: ProviderUserToken): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        provider_token: this.cipher.encrypt(token.value, principal),
        provider_token_expires_at: token.expiresAt?.toISOString() ?? null,
        updated_at: nowIso(),
      })
      .where('principal', '=', principal)
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

  /** Forgets a token the provider refused, so the user is asked to verify again. */
  async clearProviderToken(principal: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ provider_token: null, provider_token_expires_at: null, updated_at: nowIso() })
      .where('principal', '=', principal)
      .execute();
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
