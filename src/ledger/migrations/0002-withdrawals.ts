import { type Kysely } from 'kysely';

/**
 * Cardless cash withdrawals (NCHL NPI) and the notifications received about them. A withdrawal is
 * written before its request is sent; notifications are kept once each (a replay has the same fingerprint).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('withdrawals')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('provider', 'varchar(16)', (column) => column.notNull())
    .addColumn('transaction_unique_id', 'varchar(36)', (column) => column.notNull().unique())
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('amount', 'varchar(32)', (column) => column.notNull())
    .addColumn('currency', 'varchar(3)', (column) => column.notNull())
    .addColumn('mobile_number', 'varchar(16)', (column) => column.notNull())
    .addColumn('account_name', 'varchar(64)', (column) => column.notNull())
    .addColumn('account_number', 'varchar(32)', (column) => column.notNull())
    .addColumn('branch_id', 'varchar(8)', (column) => column.notNull())
    .addColumn('bank_id', 'varchar(16)', (column) => column.notNull())
    .addColumn('remarks', 'varchar(64)', (column) => column.notNull())
    .addColumn('provider_reference', 'varchar(32)')
    .addColumn('expires_at', 'varchar(32)')
    .addColumn('cash_out_state', 'varchar(16)')
    .addColumn('cash_out', 'text')
    .addColumn('error_code', 'varchar(64)')
    .addColumn('principal', 'varchar(255)', (column) => column.notNull())
    .addColumn('idempotency_key', 'varchar(255)', (column) => column.notNull())
    .addColumn('request_hash', 'varchar(64)', (column) => column.notNull())
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('updated_at', 'varchar(32)', (column) => column.notNull())
    .addColumn('checked_at', 'varchar(32)')
    .addUniqueConstraint('withdrawals_principal_idempotency_key', ['principal', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('withdrawals_principal_created')
    .on('withdrawals')
    .columns(['principal', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('withdrawals_status_updated')
    .on('withdrawals')
    .columns(['status', 'updated_at'])
    .execute();

  await db.schema
    .createTable('withdrawal_notifications')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('provider', 'varchar(16)', (column) => column.notNull())
    .addColumn('transaction_unique_id', 'varchar(36)', (column) => column.notNull())
    .addColumn('withdrawal_id', 'varchar(36)')
    .addColumn('fingerprint', 'varchar(64)', (column) => column.notNull().unique())
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('applied', 'integer', (column) => column.notNull())
    .addColumn('payload', 'text', (column) => column.notNull())
    .addColumn('received_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('withdrawal_notifications_withdrawal')
    .on('withdrawal_notifications')
    .columns(['withdrawal_id', 'received_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('withdrawal_notifications').execute();
  await db.schema.dropTable('withdrawals').execute();
}
