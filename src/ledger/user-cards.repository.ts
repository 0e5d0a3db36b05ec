import { randomUUID } from 'node:crypto';
import type { Money } from '../domain/money.js';
import { nowIso, type LedgerDb } from './database.js';
import { usersDb, type UserCardsTable } from './users.table.js';

/** A card a user has inquired: masked PAN, expiry and the balance of the last inquiry. */
export interface UserCardRecord {
  id: string;
  principal: string;
  maskedPan: string;
  expiry: string;
  balance: Money;
  asOf: Date;
}

/** Position in the most-recently-inquired-first order of a user's cards. */
export interface UserCardCursor {
  asOf: string;
  id: string;
}

/** The cards each user has inquired, one row per masked PAN and expiry, holding the latest balance. */
export class UserCardsRepository {
  private readonly db;

  constructor(db: LedgerDb) {
    this.db = usersDb(db);
  }

  /** Records the result of an inquiry: a new card, or the latest balance of a known one. */
  async recordBalance(card: {
    principal: string;
    maskedPan: string;
    expiry: string;
    balance: Money;
    asOf: Date;
  }): Promise<UserCardRecord> {
    const now = nowIso();
    const asOf = card.asOf.toISOString();
    const balance = {
      balance_amount: card.balance.amount,
      balance_currency: card.balance.currency,
      balance_as_of: asOf,
    };
    await this.db
      .insertInto('user_cards')
      .values({
        id: randomUUID(),
        principal: card.principal,
        masked_pan: card.maskedPan,
        expiry: card.expiry,
        ...balance,
        created_at: now,
        updated_at: now,
      })
      .onConflict((conflict) =>
        conflict.columns(['principal', 'masked_pan', 'expiry']).doUpdateSet({ ...balance, updated_at: now }),
      )
      .execute();
    const row = await this.db
      .selectFrom('user_cards')
      .selectAll()
      .where('principal', '=', card.principal)
      .where('masked_pan', '=', card.maskedPan)
      .where('expiry', '=', card.expiry)
      .executeTakeFirstOrThrow();
    return recordFromRow(row);
  }

  async findById(principal: string, id: string): Promise<UserCardRecord | undefined> {
    const row = await this.db
      .selectFrom('user_cards')
      .selectAll()
      .where('principal', '=', principal)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && recordFromRow(row);
  }

  /** Most recently inquired first; `limit + 1` rows tell the caller whether a next page exists. */
  async list(principal: string, limit: number, after?: UserCardCursor): Promise<UserCardRecord[]> {
    let query = this.db.selectFrom('user_cards').selectAll().where('principal', '=', principal);
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('balance_as_of', '<', after.asOf),
          eb.and([eb('balance_as_of', '=', after.asOf), eb('id', '<', after.id)]),
        ]),
      );
    }
    const rows = await query.orderBy('balance_as_of', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(recordFromRow);
  }
}

function recordFromRow(row: UserCardsTable): UserCardRecord {
  return {
    id: row.id,
    principal: row.principal,
    maskedPan: row.masked_pan,
    expiry: row.expiry,
    balance: { amount: row.balance_amount, currency: row.balance_currency },
    asOf: new Date(row.balance_as_of),
  };
}
