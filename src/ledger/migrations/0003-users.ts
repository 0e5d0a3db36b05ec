import { type Kysely } from 'kysely';

/**
 * End users with a provider account (EnayaPay), keyed by the principal (`sub`) their sessions carry, and
 * the cards they have inquired. The provider's user token is stored sealed (AES-256-GCM). Passwords, OTPs,
 * PANs and IPINs never are: a card is kept only as its masked PAN, expiry and last balance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('principal', 'varchar(64)', (column) => column.primaryKey())
    .addColumn('provider', 'varchar(16)', (column) => column.notNull())
    .addColumn('phone', 'varchar(20)', (column) => column.notNull())
    .addColumn('name', 'varchar(128)', (column) => column.notNull())
    .addColumn('status', 'varchar(24)', (column) => column.notNull())
    .addColumn('provider_token', 'text')
    .addColumn('provider_token_expires_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .addUniqueConstraint('users_provider_phone', ['provider', 'phone'])
    .execute();

  await db.schema
    .createTable('user_cards')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('principal', 'varchar(64)', (column) => column.notNull())
    .addColumn('masked_pan', 'varchar(24)', (column) => column.notNull())
    .addColumn('expiry', 'varchar(4)', (column) => column.notNull())
    .addColumn('balance_amount', 'varchar(32)', (column) => column.notNull())
    .addColumn('balance_currency', 'varchar(3)', (column) => column.notNull())
    .addColumn('balance_as_of', 'varchar(32)', (column) => column.notNull())
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .addUniqueConstraint('user_cards_principal_card', ['principal', 'masked_pan', 'expiry'])
    .execute();
  await db.schema
    .createIndex('user_cards_principal_as_of')
    .on('user_cards')
    .columns(['principal', 'balance_as_of', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_cards').execute();
  await db.schema.dropTable('users').execute();
}
