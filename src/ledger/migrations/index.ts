import type { Migration } from 'kysely';
import * as core from './0001-core.js';
import * as withdrawals from './0002-withdrawals.js';
import * as users from './0003-users.js';
import * as transactionStates from './0010-transaction-states.js';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-withdrawals': withdrawals,
  '0003-users': users,
  '0010-transaction-states': transactionStates,
};
