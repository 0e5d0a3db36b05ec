import { type Kysely } from 'kysely';

/**
 * What ends sessions before they expire. `credential_version` moves when a user verifies the phone, resets
 * or changes the password, or ends every session: sessions carrying a lower version have ended.
 * `provider_token_version` is the version the stored EnayaPay token was verified at, so that only later
 * sessions may use it. `ended_sessions` holds sessions ended one by one (logout) until they expire.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('credential_version', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('provider_token_version', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('ended_sessions')
    .addColumn('session_id', 'varchar(64)', (column) => column.primaryKey())
    .addColumn('principal', 'varchar(64)', (column) => column.notNull())
    .addColumn('expires_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('ended_sessions_principal_expires')
    .on('ended_sessions')
    .columns(['principal', 'expires_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ended_sessions').execute();
  await db.schema.alterTable('users').dropColumn('provider_token_version').execute();
  await db.schema.alterTable('users').dropColumn('credential_version').execute();
}
