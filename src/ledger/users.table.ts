import type { LedgerDb } from './database.js';

/** Row shape of `users` (migrations 0003-users and 0004-session-versions). */
export interface UsersTable {
  principal: string;
  provider: string;
  phone: string;
  name: string;
  status: string;
  /** Sealed with DataCipher, bound to `principal`; never returned outside UsersRepository. */
  provider_token: string | null;
  provider_token_expires_at: string | null;
  /** Sessions carrying a lower version have ended. */
  credential_version: number;
  /** The credential version `provider_token` was verified at: only sessions of that version or later use it. */
  provider_token_version: number;
  created_at: string;
  updated_at: string;
}

/** Row shape of `user_cards`: a card as the user last inquired it, never with its PAN or IPIN. */
export interface UserCardsTable {
  id: string;
  principal: string;
  /** First 6 and last 4 digits, e.g. 411111******1111. */
  masked_pan: string;
  /** MMYY */
  expiry: string;
  balance_amount: string;
  balance_currency: string;
  balance_as_of: string;
  created_at: string;
  updated_at: string;
}

/** Row shape of `ended_sessions`: a session ended by logout, kept until it would have expired. */
export interface EndedSessionsTable {
  session_id: string;
  principal: string;
  expires_at: string;
}

/** The ledger database seen with the tables of migrations 0003-users and 0004-session-versions. */
export function usersDb(db: LedgerDb) {
  return db.withTables<{
    users: UsersTable;
    user_cards: UserCardsTable;
    ended_sessions: EndedSessionsTable;
  }>();
}
