import { sql, type Kysely } from 'kysely';

/**
 * Transactions get an explicit in-flight status, SENDING, instead of PENDING without a provider reference,
 * and operator resolutions of UNKNOWN transactions get their audit trail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE transactions SET status = 'SENDING' WHERE status = 'PENDING' AND provider_reference IS NULL`.execute(
    db,
  );
  await db.schema
    .createIndex('transactions_status_updated')
    .on('transactions')
    .columns(['status', 'updated_at'])
    .execute();
  await db.schema
    .createTable('transaction_resolutions')
    .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
    .addColumn('transaction_id', 'varchar(36)', (column) => column.notNull())
    .addColumn('operator', 'varchar(255)', (column) => column.notNull())
    .addColumn('from_status', 'varchar(16)', (column) => column.notNull())
    .addColumn('to_status', 'varchar(16)', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('created_at', 'varchar(32)', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('transaction_resolutions_transaction')
    .on('transaction_resolutions')
    .columns(['transaction_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('transaction_resolutions').execute();
  await db.schema.dropIndex('transactions_status_updated').execute();
  await sql`UPDATE transactions SET status = 'PENDING' WHERE status = 'SENDING'`.execute(db);
}
