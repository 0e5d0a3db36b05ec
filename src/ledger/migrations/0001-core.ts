import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transactions')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('provider', 'varchar(16)', (column) => column.notNull())
    .addColumn('kind', 'varchar(32)', (column) => column.notNull())
    .addColumn('amount', 'varchar(32)', (column) => column.notNull())
    .addColumn('currency', 'varchar(3)', (column) => column.notNull())
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('provider_reference', 'varchar(128)')
    .addColumn('account_ref', 'varchar(128)')
    .addColumn('description', 'text')
    .addColumn('metadata', 'text')
    .addColumn('error_code', 'varchar(64)')
    .addColumn('principal', 'varchar(255)', (column) => column.notNull())
    .addColumn('idempotency_key', 'varchar(255)', (column) => column.notNull())
    .addColumn('request_hash', 'varchar(64)', (column) => column.notNull())
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .addUniqueConstraint('transactions_principal_idempotency_key', ['principal', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('transactions_principal_created')
    .on('transactions')
    .columns(['principal', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('transactions_provider_reference')
    .on('transactions')
    .columns(['provider', 'provider_reference'])
    .execute();

  await db.schema
    .createTable('idempotency_records')
    .addColumn('principal', 'varchar(255)', (column) => column.notNull())
    .addColumn('idempotency_key', 'varchar(255)', (column) => column.notNull())
    .addColumn('operation', 'varchar(64)', (column) => column.notNull())
    .addColumn('request_hash', 'varchar(64)', (column) => column.notNull())
    .addColumn('resource_type', 'varchar(32)', (column) => column.notNull())
    .addColumn('resource_id', 'varchar(64)', (column) => column.notNull())
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addPrimaryKeyConstraint('idempotency_records_pk', ['principal', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_records').execute();
  await db.schema.dropTable('transactions').execute();
}
